package io.uptake.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.ingest.Ingest;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.KpiJob;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline under damaged input: every input format, reference files included, is ingested
 * whole and then damaged in three rounds (bit flips, cuts, long fields, far dates, duplicated lines,
 * other encodings); then the jobs run and the dashboard loads what they made. Nothing crashes, every
 * record read is committed, a duplicate or in quarantine, no implausible date reaches the warehouse,
 * and the dashboard answers every page's data for the executive.
 */
class PipelineFuzzTest {

    private static final int ROUNDS = 3;
    private static final String PASSWORD = "fuzz-pass-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void damagedInputsOfEveryFormatStopNeitherIngestNorTheJobsNorTheDashboard() throws Exception {
        DataLayout layout = new DataLayout(dir.resolve("data"));
        List<Ingest.InputReport> reports = new ArrayList<>();
        List<String> refusals = new ArrayList<>();

        Path clean = dir.resolve("clean");
        for (String format : Specimens.formats()) {
            Specimens.write(clean, format, Specimens.bytes(format));
        }
        Specimens.Outcome first = Specimens.ingest(layout, clean);
        assertThat(first.refusal()).as("the undamaged specimens").isEmpty();
        assertThat(first.reports()).as("the undamaged specimens").noneMatch(Ingest.InputReport::wasSkipped);
        reports.addAll(first.reports());

        Random random = new Random(20261207L);
        for (int round = 1; round <= ROUNDS; round++) {
            for (String format : Specimens.formats()) {
                byte[] bytes = Specimens.bytes(format);
                String name = Specimens.all().get(format);
                List<InputDamage> damages = List.of(InputDamage.values()[random.nextInt(InputDamage.values().length)],
                        InputDamage.values()[random.nextInt(InputDamage.values().length)]);
                for (InputDamage damage : damages.subList(0, 1 + random.nextInt(2))) {
                    bytes = damage.apply(name, bytes, random);
                }
                // each in its own run, so that one refused file cannot hide what another did
                Path input = Specimens.write(dir.resolve("round-" + round).resolve(format), format, bytes);
                Specimens.Outcome outcome = Specimens.ingest(layout, input);
                outcome.refusal().ifPresent(message -> {
                    assertThat(message).as(format).contains(input.getFileName().toString());
                    refusals.add(format);
                });
                if (outcome.refusal().isEmpty()) {
                    reports.addAll(outcome.reports());
                }
            }
        }
        // The reference tables as the organisation has them, so that the pages have their teams.
        reports.addAll(Specimens.ingest(layout, clean.resolve("reference")).reports());

        long committed = 0;
        long quarantined = 0;
        for (Ingest.InputReport report : reports) {
            assertThat(report.read()).as(report.input())
                    .isEqualTo(report.committed() + report.duplicates() + report.quarantined());
            committed += Specimens.ofEvents(report) ? report.committed() : 0;
            quarantined += report.quarantined();
        }
        assertThat(Specimens.liveEvents(layout)).isEqualTo(committed);
        assertThat(Specimens.liveQuarantine(layout)).isEqualTo(quarantined);
        assertThat(quarantined).as("the damage reaches quarantine").isPositive();

        SparkSession spark = SparkSession.builder().master("local[2]").appName("PipelineFuzzTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        KpiJob.Result result;
        try {
            List<String> eventFiles = new CommitLog(layout).liveFiles(Tables.EVENTS).stream().map(Path::toString).toList();
            Row span = spark.read().parquet(eventFiles.toArray(String[]::new))
                    .agg(min(Columns.OCCURRED_AT), max(Columns.OCCURRED_AT)).first();
            assertThat(((Timestamp) span.get(0)).toInstant()).isAfterOrEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            assertThat(((Timestamp) span.get(1)).toInstant()).isBeforeOrEqualTo(Specimens.RUN_TIME.plusSeconds(86_400));

            result = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", Specimens.CLOCK));
        } finally {
            spark.stop();
        }
        assertThat(result.asOf()).isBeforeOrEqualTo(LocalDate.ofInstant(Specimens.RUN_TIME, ZoneOffset.UTC));

        Accounts accounts = new Accounts(List.of(new Account("exec", Accounts.hash(PASSWORD), Role.EXECUTIVE, List.of())));
        SnapshotStore snapshots = new SnapshotStore(layout.snapshot(), Specimens.CLOCK, DashboardApp.json());
        Javalin app = DashboardApp.create(accounts, snapshots, Specimens.CLOCK).start("127.0.0.1", 0);
        try {
            Dashboard dashboard = new Dashboard(app.port());
            HttpResponse<String> health = dashboard.get("/api/v1/health", null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText()).as(health.body()).isEqualTo("ok");
            String session = dashboard.signIn("exec", PASSWORD);
            for (String page : List.of("overview", "adoption", "training", "quality", "rollout", "roi")) {
                HttpResponse<String> answer = dashboard.get("/api/v1/" + page, session);
                assertThat(answer.statusCode()).as(page + ": " + answer.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(answer.body());
                assertThat(body.isObject()).as(page).isTrue();
            }
        } finally {
            app.stop();
        }
    }

    /** The dashboard as a script reaches it: the sign-in page's CSRF cookie, then a session cookie. */
    private record Dashboard(int port, HttpClient http) {
        Dashboard(int port) {
            this(port, HttpClient.newHttpClient());
        }

        HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String signIn(String username, String password) throws IOException, InterruptedException {
            String token = get("/login", null).headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("uptake_csrf=")).findFirst().orElseThrow()
                    .split(";", 2)[0].substring("uptake_csrf=".length());
            String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/login"))
                    .header("Content-Type", "application/json").header("Cookie", "uptake_csrf=" + token)
                    .header("X-CSRF-Token", token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return answer.headers().allValues("Set-Cookie").stream().filter(c -> !c.startsWith("uptake_csrf="))
                    .findFirst().orElseThrow().split(";", 2)[0];
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
