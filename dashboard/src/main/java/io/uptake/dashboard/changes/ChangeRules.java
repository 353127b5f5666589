package io.uptake.dashboard.changes;

/**
 * When a figure counts as a change worth telling: one place for the thresholds, so the Overview and
 * the alerts agree and the alerts can make them configurable.
 *
 * @param adoptionChange the least change of a team's adoption rate over four weeks, as a share
 *     (default 0.10, i.e. 10 points); a change of exactly this much counts
 * @param staleHours a source is stale when its {@code hours_since_last_event} is greater than this
 *     (default 24: every source sends events every day)
 * @param failureRate a source is failing when its {@code failure_rate_7d} is greater than this
 *     (default 0.05, 5% of its events of the last 7 days)
 */
public record ChangeRules(double adoptionChange, double staleHours, double failureRate) {

    public static final ChangeRules DEFAULTS = new ChangeRules(0.10, 24, 0.05);

    public ChangeRules {
        if (!(adoptionChange > 0 && adoptionChange <= 1)) {
            throw new IllegalArgumentException("adoptionChange " + adoptionChange
                    + " is not a share in (0, 1]: write 10 points as 0.10");
        }
        if (!(staleHours > 0 && Double.isFinite(staleHours))) {
            throw new IllegalArgumentException("staleHours " + staleHours + " is not a positive number of hours");
        }
        if (!(failureRate >= 0 && failureRate < 1)) {
            throw new IllegalArgumentException("failureRate " + failureRate
                    + " is not a share in [0, 1): write 5% as 0.05");
        }
    }
}
