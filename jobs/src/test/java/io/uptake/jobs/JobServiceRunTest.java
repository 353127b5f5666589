package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.jobs.JobService.Outcome;
import io.uptake.jobs.JobService.Run;
import io.uptake.jobs.JobServiceSchedule.Trigger;
import io.uptake.jobs.activity.ActivityStore;
import io.uptake.warehouse.Marts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The line the watching service prints for each run, from hand-made runs; no Spark. */
class JobServiceRunTest {

    private static final Instant AT = Instant.parse("2025-10-04T00:00:01.250Z");

    @Test
    void aPublishedRunNamesItsCommitsDaysMartsRowsAndDuration() {
        TreeSet<LocalDate> days = new TreeSet<>(List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 2),
                LocalDate.of(2025, 10, 4)));
        KpiJob.Result result = new KpiJob.Result("20251004T000001.250Z", LocalDate.of(2025, 10, 4),
                Map.of(Marts.ADOPTION_DAILY, 12L, Marts.WAVE_SUMMARY, 1L), Map.of(), List.of(),
                new ActivityStore.Refresh(ActivityStore.Refresh.INCREMENTAL, days, new TreeSet<>(List.of(YearMonth.of(2025, 10))),
                        2, new TreeSet<>()), Optional.of(LocalDate.of(2025, 10, 1)));
        Run run = new Run(Outcome.PUBLISHED, Optional.of(Trigger.NEW_COMMITS), AT, Duration.ofMillis(4_150), 2, 5,
                Optional.of(result), Optional.empty(), Optional.empty());

        // commits 3, 4 and 5 are new since commit 2; 12 + 1 = 13 rows in 2 marts
        assertThat(run.summary()).isEqualTo("2025-10-04T00:00:01Z published run 20251004T000001.250Z as of 2025-10-04"
                + " (new commits, commits 3 to 5; incremental, 3 days changed, 2025-10-01 to 2025-10-04; 2 marts,"
                + " 13 rows) in 4.2 s");
    }

    @Test
    void aFailedRunSaysWhenTheNextTryComes() {
        Run run = new Run(Outcome.FAILED, Optional.of(Trigger.NEW_DAY), AT, Duration.ofMillis(800), 5, 5,
                Optional.empty(), Optional.of("cannot read or write the warehouse: disk full"),
                Optional.of(Instant.parse("2025-10-04T00:00:06.900Z")));

        assertThat(run.summary()).isEqualTo("2025-10-04T00:00:01Z run failed (new day (UTC), no new commit) after 0.8 s:"
                + " cannot read or write the warehouse: disk full; next try at 2025-10-04T00:00:06Z at the earliest");
    }

    @Test
    void aCheckWithNothingNewSaysSoOrThatItWaitsForItsBackoff() {
        Run nothingNew = new Run(Outcome.SKIPPED, Optional.empty(), AT, Duration.ZERO, 5, 5, Optional.empty(),
                Optional.empty(), Optional.empty());
        Run waiting = new Run(Outcome.SKIPPED, Optional.empty(), AT, Duration.ZERO, 5, 6, Optional.empty(),
                Optional.empty(), Optional.of(Instant.parse("2025-10-04T00:00:20Z")));

        assertThat(nothingNew.summary()).isEqualTo("2025-10-04T00:00:01Z nothing new: latest commit 5 already read, same day");
        assertThat(waiting.summary()).isEqualTo("2025-10-04T00:00:01Z nothing run: waiting until 2025-10-04T00:00:20Z"
                + " after failed runs");
    }
}
