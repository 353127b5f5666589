package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.JobService.Outcome;
import io.uptake.jobs.JobService.Run;
import io.uptake.jobs.JobServiceSchedule.Trigger;
import io.uptake.jobs.activity.ActivityStore;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in this JVM on a tiny warehouse that grows while it watches. Ada (Sales) and Bob (Service)
 * of {@link KpiJobInputsTest}'s users are active on 2025-10-01 and 2025-10-02; a later ingest adds Bob on
 * 2025-10-03. The service's clock is a hand-set one, on 2025-10-03 from 18:00 UTC: run ids and backoffs
 * follow it, while the service checks the commit log every real second.
 */
class JobServiceTest {

    private static final Instant EVENING = Instant.parse("2025-10-03T18:00:00Z");
    /** Generous: the first run in a fresh JVM took over two minutes on a busy 2-core machine. */
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String FIRST_DAYS = event("e1", KpiJobInputsTest.ADA, "2025-10-01")
            + event("e2", KpiJobInputsTest.BOB, "2025-10-02");

    static SparkSession spark;
    @TempDir
    Path dir;
    DataLayout layout;
    final SetClock clock = new SetClock(EVENING);
    final BlockingQueue<Trigger> starting = new LinkedBlockingQueue<>();
    final BlockingQueue<Run> ended = new LinkedBlockingQueue<>();
    JobService service;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("JobServiceTest");
    }

    @BeforeEach
    void watchANewDataDirectory() {
        layout = new DataLayout(dir.resolve("data"));
        JobConfig config = new JobConfig(WarehouseLocation.of(layout), Optional.empty(), "local[2]", clock, false);
        service = new JobService(spark, new JobService.Settings(config, Optional.empty()), new JobService.Listener() {
            @Override
            public void starting(Trigger trigger, long latestCommit) {
                starting.add(trigger);
            }

            @Override
            public void ended(Run run) {
                ended.add(run);
            }
        });
    }

    @AfterEach
    void stopTheService() {
        service.stop();
    }

    @Test
    void aNewCommitIsPublishedAsOfTheDayItBrings() throws Exception {
        load("first", Map.of("users.csv", KpiJobInputsTest.USERS_CSV, "waves.csv", KpiJobInputsTest.WAVES_CSV,
                "events.jsonl", FIRST_DAYS));
        service.start();

        Run first = next();
        assertThat(first.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(first.trigger()).contains(Trigger.FIRST);
        // one ingest, one commit: number 1
        assertThat(List.of(first.previousCommit(), first.latestCommit())).containsExactly(0L, 1L);
        assertThat(first.result().orElseThrow().asOf()).isEqualTo(LocalDate.of(2025, 10, 2));
        assertThat(first.result().orElseThrow().activity().mode()).isEqualTo(ActivityStore.Refresh.FULL);

        clock.set(EVENING.plusSeconds(5));
        load("second", Map.of("events.jsonl", event("e3", KpiJobInputsTest.BOB, "2025-10-03")));
        Run second = next();

        assertThat(second.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(second.trigger()).contains(Trigger.NEW_COMMITS);
        assertThat(List.of(second.previousCommit(), second.latestCommit())).containsExactly(1L, 2L);
        KpiJob.Result result = second.result().orElseThrow();
        // the run id is the service clock's instant, 18:00:05
        assertThat(result.runId()).isEqualTo("20251003T180005.000Z");
        assertThat(result.asOf()).isEqualTo(LocalDate.of(2025, 10, 3));
        assertThat(result.activity().mode()).isEqualTo(ActivityStore.Refresh.INCREMENTAL);
        assertThat(result.activity().daysChanged()).containsExactly(LocalDate.of(2025, 10, 3));
        assertThat(second.summary()).startsWith("2025-10-03T18:00:05Z published run 20251003T180005.000Z as of"
                + " 2025-10-03 (new commits, commit 2; incremental, 1 day changed: 2025-10-03; ");
        JsonNode snapshot = new ObjectMapper().readTree(layout.snapshot().toFile());
        assertThat(snapshot.path(Snapshot.RUN_ID).asText()).isEqualTo("20251003T180005.000Z");
        assertThat(snapshot.path(Snapshot.AS_OF).asText()).isEqualTo("2025-10-03");
    }

    @Test
    void aFailedRunIsReportedAndTheServiceSucceedsOnceTheInputIsFixed() throws Exception {
        load("without-users", Map.of("waves.csv", KpiJobInputsTest.WAVES_CSV, "events.jsonl", FIRST_DAYS));
        service.start();

        Run failed = next();
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        String problem = "The warehouse " + WarehouseLocation.of(layout).warehouse()
                + " has no users table: load it with ./uptake ingest first";
        assertThat(failed.problem()).contains(problem);
        // refused input: the same commit would be refused again, so only a new commit or day brings a try
        assertThat(failed.nextTry()).isEmpty();
        assertThat(failed.summary()).startsWith("2025-10-03T18:00:00Z run failed (first run, commit 1) after ")
                .endsWith(" s: " + problem + "; next try on a new commit or a new day");
        assertThat(Files.exists(layout.snapshot())).isFalse();

        load("users", Map.of("users.csv", KpiJobInputsTest.USERS_CSV));
        // the failure at 18:00:00 holds the next try back 5 s, until 18:00:05
        clock.set(EVENING.plusSeconds(5));
        Run fixed = next();

        assertThat(fixed.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(fixed.trigger()).contains(Trigger.NEW_COMMITS);
        assertThat(List.of(fixed.previousCommit(), fixed.latestCommit())).containsExactly(1L, 2L);
        assertThat(fixed.result().orElseThrow().asOf()).isEqualTo(LocalDate.of(2025, 10, 2));
        assertThat(new ObjectMapper().readTree(layout.snapshot().toFile()).path(Snapshot.RUN_ID).asText())
                .isEqualTo("20251003T180005.000Z");
    }

    @Test
    void stopAbandonsTheRunInProgressPromptlyAndLeavesThePreviousSnapshot() throws Exception {
        load("first", Map.of("users.csv", KpiJobInputsTest.USERS_CSV, "waves.csv", KpiJobInputsTest.WAVES_CSV,
                "events.jsonl", FIRST_DAYS));
        service.start();
        assertThat(next().outcome()).isEqualTo(Outcome.PUBLISHED);
        byte[] published = Files.readAllBytes(layout.snapshot());
        assertThat(starting.poll()).isEqualTo(Trigger.FIRST);

        clock.set(EVENING.plusSeconds(5));
        load("second", Map.of("events.jsonl", event("e3", KpiJobInputsTest.BOB, "2025-10-03")));
        assertThat(starting.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Trigger.NEW_COMMITS);
        long t0 = System.nanoTime();
        service.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - t0);

        // a run here takes half a minute or more on a busy machine; a stop is a cancelled Spark job away
        assertThat(stopping).isLessThan(Duration.ofSeconds(20));
        Run abandoned = next();
        assertThat(abandoned.outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(abandoned.summary()).startsWith("2025-10-03T18:00:05Z run abandoned after ")
                .endsWith(" (new commits, commit 2): the service is stopping; the previous snapshot stays published");
        assertThat(Files.readAllBytes(layout.snapshot())).isEqualTo(published);
        try (Stream<Path> marts = Files.list(layout.warehouse().resolve(Tables.MARTS))) {
            assertThat(marts.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".staging-"));
        }
        assertThat(ended).isEmpty();
    }

    private Run next() throws InterruptedException {
        Run run = ended.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (run == null) {
            fail("no run ended within %s", WAIT);
        }
        return run;
    }

    private void load(String name, Map<String, String> files) throws IOException, IngestException {
        Path input = dir.resolve(name);
        Files.createDirectories(input);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(input.resolve(file.getKey()), file.getValue());
        }
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), Clock.fixed(EVENING, ZoneOffset.UTC),
                report -> { }).run(List.of(input));
    }

    private static String event(String id, String user, String day) {
        return """
                {"event_id":"%s","occurred_at":"%sT09:00:00Z","user_id":"%s","event_type":"record_update","module":"sales",\
                "client":"web","status":"success","source":"service-console"}
                """.formatted(id, day, user);
    }

    /** A clock the test sets; the service reads it from its own thread. */
    static final class SetClock extends Clock {
        private final AtomicReference<Instant> now;

        SetClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the service reads instants only");
        }
    }
}
