package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.jobs.JobServiceSchedule.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the watching service runs, from exact instants; no Spark. */
class JobServiceScheduleTest {

    private static final Instant MORNING = Instant.parse("2025-10-03T06:00:00Z");
    /** The service last published at 06:00 on 2025-10-03, having seen commit 7. */
    private static final JobServiceSchedule PUBLISHED = JobServiceSchedule.initial().published(7, MORNING);

    @Test
    void theFirstCheckRunsWhateverTheCommitLogHolds() {
        assertThat(JobServiceSchedule.initial().due(0, MORNING)).contains(Trigger.FIRST);
        assertThat(JobServiceSchedule.initial().due(7, MORNING)).contains(Trigger.FIRST);
    }

    @Test
    void aNewCommitMakesARunDue() {
        assertThat(PUBLISHED.due(8, MORNING.plusSeconds(1))).contains(Trigger.NEW_COMMITS);
        // commits 8 to 11 landed between two checks: one run for all of them
        assertThat(PUBLISHED.due(11, MORNING.plusSeconds(1))).contains(Trigger.NEW_COMMITS);
    }

    @Test
    void nothingIsDueOnTheSameCommitTheSameDay() {
        assertThat(PUBLISHED.due(7, MORNING.plusSeconds(1))).isEmpty();
        // 23:59:59 is still 2025-10-03 in UTC
        assertThat(PUBLISHED.due(7, Instant.parse("2025-10-03T23:59:59Z"))).isEmpty();
    }

    @Test
    void midnightUtcMakesARunDueWithoutACommit() {
        assertThat(PUBLISHED.due(7, Instant.parse("2025-10-04T00:00:00Z"))).contains(Trigger.NEW_DAY);
    }

    @Test
    void aRunRefusedForItsInputIsTriedAgainOnlyOnANewCommitAndAfterItsBackoff() {
        // failed at 06:00:10, the first failure: 5 s of backoff, until 06:00:15
        JobServiceSchedule failed = PUBLISHED.failed(7, MORNING, MORNING.plusSeconds(10), true);

        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.notBefore()).isEqualTo(Instant.parse("2025-10-03T06:00:15Z"));
        assertThat(failed.due(7, MORNING.plusSeconds(60))).isEmpty();
        assertThat(failed.due(8, MORNING.plusSeconds(14))).isEmpty();
        assertThat(failed.backingOff(8, MORNING.plusSeconds(14))).isTrue();
        assertThat(failed.backingOff(7, MORNING.plusSeconds(14))).isFalse();
        assertThat(failed.due(8, MORNING.plusSeconds(15))).contains(Trigger.NEW_COMMITS);
    }

    @Test
    void aRunThatFailedOtherwiseIsTriedAgainUnchangedWithADoublingBackoff() {
        JobServiceSchedule once = PUBLISHED.failed(7, MORNING, MORNING.plusSeconds(10), false);
        // second failure at 06:00:20: 10 s, until 06:00:30; third at 06:00:40: 20 s, until 06:01:00
        JobServiceSchedule twice = once.failed(7, MORNING.plusSeconds(15), MORNING.plusSeconds(20), false);
        JobServiceSchedule thrice = twice.failed(7, MORNING.plusSeconds(30), MORNING.plusSeconds(40), false);

        assertThat(once.due(7, MORNING.plusSeconds(15))).contains(Trigger.RETRY);
        assertThat(twice.notBefore()).isEqualTo(Instant.parse("2025-10-03T06:00:30Z"));
        assertThat(thrice.notBefore()).isEqualTo(Instant.parse("2025-10-03T06:01:00Z"));
        assertThat(thrice.due(7, Instant.parse("2025-10-03T06:00:59Z"))).isEmpty();
        assertThat(thrice.due(7, Instant.parse("2025-10-03T06:01:00Z"))).contains(Trigger.RETRY);
        assertThat(thrice.published(7, Instant.parse("2025-10-03T06:01:00Z")))
                .isEqualTo(new JobServiceSchedule(7, Optional.of(LocalDate.of(2025, 10, 3)), 0, Instant.EPOCH,
                        false));
    }

    @Test
    void theBackoffDoublesFromFiveSecondsUpToFiveMinutes() {
        assertThat(JobServiceSchedule.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(JobServiceSchedule.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(JobServiceSchedule.backoff(6)).isEqualTo(Duration.ofSeconds(160));
        // 5 s x 2^6 = 320 s, over the cap of 300 s
        assertThat(JobServiceSchedule.backoff(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(JobServiceSchedule.backoff(1000)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> JobServiceSchedule.backoff(0)).hasMessage("n must be at least 1, got 0");
    }
}
