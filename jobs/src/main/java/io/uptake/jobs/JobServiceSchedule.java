package io.uptake.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When the resident job service runs the KPI job, as a value: what the last attempt saw (the latest
 * commit and the UTC day), how many attempts in a row failed, and until when the next one waits. Kept
 * apart from the service's threads and Spark so that each rule is checked with exact instants.
 *
 * <p>The rules: the first check runs (the snapshot then reflects the warehouse as the service found it);
 * after that a run is due when a commit landed since the last attempt, or when the UTC day changed,
 * because the as-of date is the latest event date on or before today and source freshness counts silent
 * days against the run's clock, so both move at midnight without any commit. Nothing else is due: a run
 * over unchanged commits on the same day would publish the same figures. A run that failed on bad input
 * ({@link JobException}: a missing table, a limit) is tried again only when something changed, since the
 * same commits give the same error; any other failure (a file system or Spark error) is tried again
 * unchanged. Either way, after {@code n} failures in a row the next attempt waits
 * {@link #backoff(int)}.
 *
 * @param lastCommit the latest commit number the last attempt saw (0: none yet; the log starts at 1)
 * @param lastDay the UTC day of the last attempt, empty before the first
 * @param failures attempts in a row that failed
 * @param notBefore the earliest instant of the next attempt
 * @param retryUnchanged whether the last failure is worth another try with nothing changed
 */
public record JobServiceSchedule(long lastCommit, Optional<LocalDate> lastDay, int failures, Instant notBefore,
                                 boolean retryUnchanged) {

    /** The wait after the first failure; it doubles with each further failure in a row. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** Why a run is due. */
    public enum Trigger {
        FIRST("first run"),
        NEW_COMMITS("new commits"),
        NEW_DAY("new day (UTC)"),
        RETRY("retry");

        private final String label;

        Trigger(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public JobServiceSchedule {
        requireNonNull(lastDay, "lastDay is null");
        requireNonNull(notBefore, "notBefore is null");
        if (lastCommit < 0 || failures < 0) {
            throw new IllegalArgumentException("lastCommit and failures must not be negative, got " + lastCommit
                    + " and " + failures);
        }
    }

    /** Before any check: the first one runs. */
    public static JobServiceSchedule initial() {
        return new JobServiceSchedule(0, Optional.empty(), 0, Instant.EPOCH, false);
    }

    /** Why a run is due now, with {@code latestCommit} the commit log's latest number; empty when none is. */
    public Optional<Trigger> due(long latestCommit, Instant now) {
        if (lastDay.isEmpty()) {
            return Optional.of(Trigger.FIRST);
        }
        if (now.isBefore(notBefore)) {
            return Optional.empty();
        }
        if (latestCommit != lastCommit) {
            return Optional.of(Trigger.NEW_COMMITS);
        }
        if (day(now).isAfter(lastDay.get())) {
            return Optional.of(Trigger.NEW_DAY);
        }
        return retryUnchanged && failures > 0 ? Optional.of(Trigger.RETRY) : Optional.empty();
    }

    /** Whether a run would be due now but waits for its backoff to end. */
    public boolean backingOff(long latestCommit, Instant now) {
        return lastDay.isPresent() && now.isBefore(notBefore)
                && new JobServiceSchedule(lastCommit, lastDay, failures, Instant.EPOCH, retryUnchanged)
                .due(latestCommit, now).isPresent();
    }

    /** After a run that published, begun at {@code started} with {@code commit} the latest commit. */
    public JobServiceSchedule published(long commit, Instant started) {
        return new JobServiceSchedule(commit, Optional.of(day(started)), 0, Instant.EPOCH, false);
    }

    /**
     * After a run that failed at {@code failed}; {@code badInput} when the job refused its input, which the
     * same commits would only refuse again.
     */
    public JobServiceSchedule failed(long commit, Instant started, Instant failed, boolean badInput) {
        int n = failures + 1;
        return new JobServiceSchedule(commit, Optional.of(day(started)), n, failed.plus(backoff(n)), !badInput);
    }

    /** The wait after {@code n} failures in a row: 5 s, 10 s, 20 s, … at most 5 minutes. */
    public static Duration backoff(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        // 5 s << 6 is 320 s, already over the cap: no need to shift further (and overflow)
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(n - 1, 6));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
