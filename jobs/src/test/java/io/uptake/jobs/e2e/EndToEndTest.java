package io.uptake.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.Frames;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.KpiJob;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.SamplePatterns;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate → ingest → jobs on the {@code small} organisation, with the marts checked against
 * {@link RawInputOracle}, which recomputes the adoption figures from the generated files alone.
 */
class EndToEndTest {

    @TempDir
    static Path dir;
    static SparkSession spark;
    static DataLayout layout;
    static RawInputOracle oracle;
    static KpiJob.Result result;
    static List<Ingest.InputReport> reports;

    @BeforeAll
    static void generateIngestAndRunTheJobs() throws IOException, IngestException {
        Path input = dir.resolve("input");
        GenerateCommand.generate(input, 42, Size.SMALL);
        layout = new DataLayout(dir.resolve("data"));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T06:00:00Z"), ZoneOffset.UTC);
        Ingest ingest = new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock, report -> { });
        reports = ingest.run(List.of(input));
        oracle = RawInputOracle.read(input);
        spark = Frames.localSpark("EndToEndTest");
        result = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", clock));
    }

    @Test
    void everyLineReadIsCommittedAndNothingIsQuarantined() {
        long read = reports.stream().mapToLong(Ingest.InputReport::read).sum();
        long committed = reports.stream().mapToLong(Ingest.InputReport::committed).sum();
        long quarantined = reports.stream().mapToLong(Ingest.InputReport::quarantined).sum();
        assertThat(read).isEqualTo(committed);
        assertThat(quarantined).isZero();
        assertThat(spark.read().parquet(layout.table("events").toString()).count())
                .isEqualTo(oracle.events());
    }

    @Test
    void theRunIsAsOfTheLastEventDay() {
        assertThat(result.asOf()).isEqualTo(SamplePatterns.LAST_DAY).isEqualTo(oracle.lastEventDay());
    }

    @Test
    void adoptionDailyMatchesTheIndependentComputationOnEveryDayForEveryTeam() {
        List<Row> rows = spark.read().parquet(layout.mart(Marts.ADOPTION_DAILY).toString()).collectAsList();
        List<String> teams = new ArrayList<>(oracle.teams());
        teams.add(Vocabulary.ALL_TEAMS);
        long days = oracle.firstEventDay().datesUntil(oracle.lastEventDay().plusDays(1)).count();
        assertThat(rows).hasSize((int) (days * teams.size()));
        for (Row row : rows) {
            LocalDate date = row.<java.sql.Date>getAs(Marts.DATE).toLocalDate();
            String team = row.getAs(Columns.TEAM);
            String where = team + " on " + date;
            long licensed = oracle.licensed(team, date);
            assertThat(row.<Long>getAs(Marts.LICENSED_USERS)).as("licensed_users of " + where).isEqualTo(licensed);
            assertThat(row.<Long>getAs(Marts.DAU)).as("dau of " + where).isEqualTo(oracle.active(team, date, 1));
            assertThat(row.<Long>getAs(Marts.WAU)).as("wau of " + where).isEqualTo(oracle.active(team, date, 7));
            long mau = oracle.active(team, date, 28);
            assertThat(row.<Long>getAs(Marts.MAU)).as("mau of " + where).isEqualTo(mau);
            Double rate = row.getAs(Marts.ADOPTION_RATE);
            if (licensed == 0) {
                assertThat(rate).as("adoption_rate of " + where).isNull();
            } else {
                assertThat(rate).as("adoption_rate of " + where).isEqualTo((double) mau / licensed);
            }
        }
    }

    @Test
    void userStatusesMatchTheIndependentComputationForEveryTeam() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (Row row : spark.read().parquet(layout.mart(Marts.USER_ACTIVITY).toString()).collectAsList()) {
            counts.computeIfAbsent(row.getAs(Columns.TEAM), t -> new HashMap<>())
                    .merge(row.getAs(Marts.USER_STATUS), 1L, Long::sum);
        }
        for (String team : oracle.teams()) {
            assertThat(counts.get(team)).as("statuses of " + team).isEqualTo(oracle.statusCounts(team, result.asOf()));
        }
    }

    @Test
    void thePlantedPatternsShowInTheMarts() {
        Map<String, Double> rate = new HashMap<>();
        for (Row row : spark.read().parquet(layout.mart(Marts.ADOPTION_DAILY).toString())
                .filter(Marts.DATE + " = DATE'" + result.asOf() + "'").collectAsList()) {
            rate.put(row.getAs(Columns.TEAM), row.getAs(Marts.ADOPTION_RATE));
        }
        // The strong team leads, the decaying team trails everyone at the as-of date.
        assertThat(rate.get(SamplePatterns.STRONG_TEAM)).isGreaterThan(0.9);
        assertThat(rate.get(SamplePatterns.DECAYING_TEAM)).isLessThan(0.4);
        assertThat(rate.keySet()).doesNotContain(SamplePatterns.INTEGRATION_TEAM);
    }

    @Test
    void theSnapshotHoldsEveryMartRowAndTheRunIsRecorded() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(layout.snapshot().toFile());
        assertThat(snapshot.path(Snapshot.RUN_ID).asText()).isEqualTo(result.runId());
        assertThat(snapshot.path(Snapshot.AS_OF).asText()).isEqualTo(result.asOf().toString());
        for (String mart : Marts.ADOPTION_MARTS) {
            assertThat((long) snapshot.path(Snapshot.MARTS).path(mart).size()).as(mart)
                    .isEqualTo(result.rowsWritten().get(mart));
        }
        List<String> teams = new ArrayList<>();
        snapshot.path(Snapshot.TEAMS).forEach(t -> teams.add(t.asText()));
        assertThat(teams).isEqualTo(oracle.teams());
        Row run = spark.read().parquet(layout.mart(Marts.RUNS).toString()).first();
        assertThat(run.<String>getAs(Marts.RUN_ID)).isEqualTo(result.runId());
        assertThat(run.<String>getAs(Marts.MODE)).isEqualTo("full");
        assertThat(run.<java.sql.Date>getAs(Marts.AS_OF).toLocalDate()).isEqualTo(result.asOf());
    }
}
