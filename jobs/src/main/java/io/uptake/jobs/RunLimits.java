package io.uptake.jobs;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The largest run the job attempts. adoption_daily and several other marts hold a row per team and day
 * from the first event to the as-of date, computed from every person on every one of those days; one
 * wrongly dated event in the warehouse can make that decades, and the run would fail deep inside Spark
 * or publish a snapshot no dashboard can hold. The defaults are far above a year of 20,000 people
 * (the {@code large} sample: 365 days, 7.3 million user-days).
 *
 * @param maxDays     days from the first event to the as-of date, both included
 * @param maxUserDays human users times those days
 */
public record RunLimits(long maxDays, long maxUserDays) {

    public static final RunLimits DEFAULTS = new RunLimits(3_660, 100_000_000);
    static final String MAX_DAYS = "--max-days";
    static final String MAX_USER_DAYS = "--max-user-days";

    public RunLimits {
        if (maxDays < 1 || maxUserDays < 1) {
            throw new IllegalArgumentException("limits must be at least 1, got " + maxDays + " days and "
                    + maxUserDays + " user-days");
        }
    }

    /** Refuses a run from {@code first} to {@code asOf} over {@code users} human users that exceeds a limit. */
    void check(LocalDate first, LocalDate asOf, long users) {
        long days = ChronoUnit.DAYS.between(first, asOf) + 1;
        String span = String.format(Locale.ROOT, "%,d days, from the first event on %s to %s,", days, first, asOf);
        String advice = ": look for wrongly dated events, or raise the limit with ";
        if (days > maxDays) {
            throw new JobException(String.format(Locale.ROOT, "The run would cover %s over the limit of %,d days%s%s N",
                    span, maxDays, advice, MAX_DAYS));
        }
        if (days * users > maxUserDays) {
            throw new JobException(String.format(Locale.ROOT, "The run would cover %s for %,d users: %,d user-days,"
                    + " over the limit of %,d%s%s N", span, users, days * users, maxUserDays, advice, MAX_USER_DAYS));
        }
    }
}
