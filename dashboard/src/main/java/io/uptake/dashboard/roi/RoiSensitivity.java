package io.uptake.dashboard.roi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Snapshot;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The ROI to date had the hourly rate or the revenue attribution been different: the two assumptions a
 * reader is most likely to doubt, and the ones most of the benefit rests on. {@code roi_monthly} keeps
 * {@code hours_saved} and {@code won_amount} beside the benefits, and {@code benefit_time = hours_saved *
 * hourly_rate}, {@code benefit_revenue = won_amount * revenue_attribution}, so the figures for any rate and
 * attribution are computed here exactly, in the mart's own arithmetic, without running the jobs again. At the
 * run's own assumptions they are the {@link RoiVerdict}'s, and so {@code roi_summary}'s base row.
 *
 * @param hourlyRate         the hourly rate used, in the assumptions' currency per hour
 * @param revenueAttribution the share of won amounts credited, in [0, 1]
 * @param costToDate         sum of {@code cost_total} (no assumption changes a cost)
 * @param benefitToDate      base factor * sum over months of {@code hours_saved * hourlyRate + won_amount *
 *                           revenueAttribution}
 * @param roiToDate          (benefit to date - cost to date) / cost to date; null without cost
 * @param paybackMonth       the first month whose cumulative benefit so computed reaches its cumulative cost;
 *                           null if none
 */
public record RoiSensitivity(double hourlyRate, double revenueAttribution, double costToDate, double benefitToDate,
                             Double roiToDate, YearMonth paybackMonth) {

    /** The scenario {@code roi_monthly} shows. */
    static final String BASE = "base";

    /**
     * The figures of the {@code roi_monthly} rows up to {@code asOf}'s month for another hourly rate and
     * revenue attribution; every other assumption (minutes saved, the base factor) is the run's.
     *
     * @throws DashboardException {@code BAD_REQUEST} for a rate below 0 or an attribution outside [0, 1], the
     *                            ranges the assumptions file accepts
     */
    public static RoiSensitivity at(List<JsonNode> monthlyRows, LocalDate asOf, RoiAssumptions assumptions,
                                    double hourlyRate, double revenueAttribution) {
        return at(RoiMonth.upTo(monthlyRows, asOf), assumptions, hourlyRate, revenueAttribution);
    }

    static RoiSensitivity at(List<RoiMonth> months, RoiAssumptions assumptions, double hourlyRate,
                             double revenueAttribution) {
        requireNonNull(assumptions, "assumptions is null");
        if (!(hourlyRate >= 0) || Double.isInfinite(hourlyRate)) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "The hourly rate is " + hourlyRate
                    + ": expected a finite amount of at least 0 per hour, e.g. " + assumptions.hourlyRate());
        }
        if (!(revenueAttribution >= 0 && revenueAttribution <= 1)) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "The revenue attribution is "
                    + revenueAttribution + ": expected a share between 0 and 1, e.g. " + assumptions.revenueAttribution());
        }
        double factor = assumptions.factor(BASE);
        YearMonth payback = null;
        double cumCost = 0;
        double cumBenefit = 0;
        for (RoiMonth month : months) {
            // the mart's expressions: benefit_total = hours_saved * rate + won_amount * attribution
            double benefit = month.hoursSaved() * hourlyRate + month.wonAmount() * revenueAttribution;
            cumCost += month.costTotal();
            cumBenefit += benefit;
            if (payback == null && cumBenefit * factor >= cumCost) {
                payback = month.month();
            }
        }
        double benefitToDate = cumBenefit * factor;
        return new RoiSensitivity(hourlyRate, revenueAttribution, cumCost, benefitToDate,
                RoiVerdict.roi(benefitToDate, cumCost), payback);
    }

    /**
     * The assumptions a snapshot's ROI was computed with (its {@code roi_assumptions} object, less the
     * {@code source} it names); empty when the run computed no ROI.
     *
     * @throws IllegalArgumentException naming the field when the object is not valid assumptions
     */
    public static Optional<RoiAssumptions> assumptions(ServingSnapshot snapshot) {
        JsonNode basis = requireNonNull(snapshot, "snapshot is null").roiAssumptions();
        if (basis == null) {
            return Optional.empty();
        }
        ObjectNode fields = ((ObjectNode) basis).deepCopy();
        fields.remove(Snapshot.ROI_ASSUMPTIONS_SOURCE);
        return Optional.of(RoiAssumptions.parse(fields.toString(), "the snapshot's " + Snapshot.ROI_ASSUMPTIONS));
    }
}
