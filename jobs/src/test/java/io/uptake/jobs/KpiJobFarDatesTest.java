package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse holding events dated far from today, as an older ingest (or a source with a wrong clock)
 * could have written them. Ada (Sales) and Bob (Service) are active on 2025-10-01 and 2025-10-02, the
 * integration bot on 2025-10-03; the job's clock reads 2025-10-03 18:00 UTC.
 */
class KpiJobFarDatesTest {

    private static final String ADA = KpiJobInputsTest.ADA;
    private static final String BOB = KpiJobInputsTest.BOB;
    private static final String BOT = KpiJobInputsTest.BOT;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-03T18:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2025, 10, 3);

    static SparkSession spark;
    @TempDir
    Path dir;
    DataLayout layout;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("KpiJobFarDatesTest");
    }

    @BeforeEach
    void loadTheOrganisation() throws Exception {
        layout = new DataLayout(dir.resolve("data"));
        load("first", CLOCK, Map.of("users.csv", KpiJobInputsTest.USERS_CSV, "waves.csv", KpiJobInputsTest.WAVES_CSV,
                "events.jsonl", event("e1", ADA, "2025-10-01") + event("e2", BOB, "2025-10-02")
                        + event("e3", BOT, "2025-10-03")));
    }

    @Test
    void anEventDatedAfterTodayMovesNeitherTheAsOfDateNorAnyGrid() throws Exception {
        // ingested by a source whose clock said 2099: the ingest of that day took it as plausible
        load("future", Clock.fixed(Instant.parse("2099-06-01T12:00:00Z"), ZoneOffset.UTC),
                Map.of("events.jsonl", event("e4", ADA, "2099-06-01")));

        KpiJob.Result result = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", CLOCK));

        assertThat(result.asOf()).isEqualTo(TODAY);
        // 3 days (Oct 1 to 3) x 3 teams (Sales, Service, __all__; the bot is no human): as without the 2099 event
        assertThat(result.rowsWritten().get(Marts.ADOPTION_DAILY)).isEqualTo(3 * 3);
        // weeks from Monday Sep 29 to the as-of date's: one, for each of the 3 teams
        assertThat(result.rowsWritten().get(Marts.LIFECYCLE_WEEKLY)).isEqualTo(3);
        assertThat(result.warnings()).contains("1 day(s) of events dated after today (2025-10-03, UTC),"
                + " the first 2099-06-01 and the last 2099-06-01, are left out of every figure: correct the clock"
                + " of the source that sent them");
        JsonNode snapshot = new ObjectMapper().readTree(layout.snapshot().toFile());
        assertThat(snapshot.path(Snapshot.AS_OF).asText()).isEqualTo("2025-10-03");
        // e1, e2 and e3; not e4
        assertThat(snapshot.path(Snapshot.MARTS).path(Marts.SOURCE_FRESHNESS).get(0).path(Marts.EVENTS).asLong())
                .isEqualTo(3);
    }

    @Test
    void anAsOfDateAfterTodayIsRefused() {
        JobConfig config = new JobConfig(layout, Optional.of(LocalDate.of(2025, 10, 4)), "local[2]", CLOCK);

        assertThatThrownBy(() -> KpiJob.run(spark, config)).isInstanceOf(JobException.class)
                .hasMessage("--as-of 2025-10-04 is after today (2025-10-03, UTC): there is no activity yet to count"
                        + " on the days in between; give 2025-10-03 or an earlier date");
    }

    @Test
    void anEventDecadesAgoStopsTheRunBeforeAnyComputationNamingTheSpanAndTheLimit() throws Exception {
        load("past", CLOCK, Map.of("events.jsonl", event("e0", ADA, "2001-01-01")));

        assertThatThrownBy(() -> KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", CLOCK)))
                .isInstanceOf(JobException.class)
                // 2001 to 2024: 24 x 365 + 6 leap days = 8,766; 2025 to Oct 3: 273 + 3 = 276
                .hasMessage("The run would cover 9,042 days, from the first event on 2001-01-01 to 2025-10-03, over"
                        + " the limit of 3,660 days: look for wrongly dated events, or raise the limit with --max-days N");
        assertThat(Files.exists(layout.mart(Marts.ADOPTION_DAILY))).isFalse();
        assertThat(Files.exists(layout.snapshot())).isFalse();
    }

    @Test
    void tooManyUserDaysStopTheRunNamingThemAndTheLimit() {
        JobConfig config = new JobConfig(WarehouseLocation.of(layout), Optional.empty(), "local[2]", CLOCK, false,
                new RunLimits(3, 5));

        // Ada and Bob over Oct 1 to 3: 2 x 3 = 6 user-days
        assertThatThrownBy(() -> KpiJob.run(spark, config)).isInstanceOf(JobException.class)
                .hasMessage("The run would cover 3 days, from the first event on 2025-10-01 to 2025-10-03, for 2"
                        + " users: 6 user-days, over the limit of 5: look for wrongly dated events, or raise the limit"
                        + " with --max-user-days N");
        assertThat(Files.exists(layout.snapshot())).isFalse();
    }

    private void load(String name, Clock clock, Map<String, String> files) throws IOException, IngestException {
        Path input = dir.resolve(name);
        Files.createDirectories(input);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(input.resolve(file.getKey()), file.getValue());
        }
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock, report -> { }).run(List.of(input));
    }

    private static String event(String id, String user, String day) {
        return """
                {"event_id":"%s","occurred_at":"%sT09:00:00Z","user_id":"%s","event_type":"record_update","module":"sales",\
                "client":"web","status":"success","source":"service-console"}
                """.formatted(id, day, user);
    }
}
