package io.uptake.dashboard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.TestClock;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.i18n.Language;
import io.uptake.warehouse.Marts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots the dashboard cannot load, served by the real app on a free port: the last good one keeps
 * serving and {@code /api/v1/health} says why it is degraded. The limit is 1 MB (1,048,576 bytes).
 */
class SnapshotStoreTest {

    private static final long LIMIT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path file;
    TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
    SnapshotStore store;
    Javalin app;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void aBrokenNewerSnapshotLeavesTheLastGoodOneServingAndHealthSaysWhy() throws Exception {
        serve("run-1");
        String whole = SnapshotFixture.json("run-2");
        SnapshotFixture.publishJson(file, whole.substring(0, whole.length() / 2));
        clock.advance(SnapshotStore.CHECK_INTERVAL);

        assertThat(health()).isEqualTo(JSON.readTree("""
                {"status": "degraded",
                 "problem": {"category": "snapshot_unreadable", "message": "snapshot.json ends before its JSON does:\
                 a truncated file; still serving run run-1 as of 2025-12-31"},
                 "snapshot": {"run_id": "run-1", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z"}}"""));
        assertThat(allTeamsMauOnTheLastDay()).isEqualTo(7);

        SnapshotFixture.publishJson(file, "[]");
        clock.advance(SnapshotStore.CHECK_INTERVAL);
        assertThat(health().path("problem").path("message").asText())
                .isEqualTo("snapshot.json is not a JSON object; still serving run run-1 as of 2025-12-31");
    }

    @Test
    void aSnapshotOverTheLimitIsRefusedUnreadAndAGoodNewerOneIsServedAgain() throws Exception {
        serve("run-1");
        SnapshotFixture.publishJson(file, padded(SnapshotFixture.json("run-2"), 3 * LIMIT / 2));
        clock.advance(SnapshotStore.CHECK_INTERVAL);

        // 1,572,864 bytes = 1.5 MB
        assertThat(health()).isEqualTo(JSON.readTree("""
                {"status": "degraded",
                 "problem": {"category": "snapshot_too_large", "message": "snapshot.json of run run-2 as of 2025-12-31 is\
                 too large: 1.5 MB over the 1.0 MB limit; still serving run run-1 as of 2025-12-31"},
                 "snapshot": {"run_id": "run-1", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z"}}"""));
        assertThat(allTeamsMauOnTheLastDay()).isEqualTo(7);

        SnapshotFixture.publishJson(file, SnapshotFixture.json("run-3").replace(
                "\"mau\": 7, \"adoption_rate\": 0.875", "\"mau\": 6, \"adoption_rate\": 0.75"));
        clock.advance(SnapshotStore.CHECK_INTERVAL);

        assertThat(health()).isEqualTo(JSON.readTree("""
                {"status": "ok",
                 "snapshot": {"run_id": "run-3", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z"}}"""));
        assertThat(allTeamsMauOnTheLastDay()).isEqualTo(6);
    }

    @Test
    void withNothingLoadableTheDashboardStartsAndHealthSaysSo() throws Exception {
        file = dir.resolve("serving/snapshot.json");
        start();

        assertThat(health()).isEqualTo(JSON.readTree("""
                {"status": "degraded",
                 "problem": {"category": "no_snapshot", "message": "No KPI snapshot has been published yet: run ./uptake jobs"},
                 "snapshot": null}"""));

        SnapshotFixture.publishJson(file, padded(SnapshotFixture.json("run-1"), 2 * LIMIT));
        clock.advance(SnapshotStore.CHECK_INTERVAL);

        String refusal = "snapshot.json of run run-1 as of 2025-12-31 is too large: 2.0 MB over the 1.0 MB limit;"
                + " nothing is served until a loadable one is published";
        assertThat(health().path("problem")).isEqualTo(JSON.readTree(
                "{\"category\": \"snapshot_too_large\", \"message\": \"" + refusal + "\"}"));
        assertThatThrownBy(store::require).isInstanceOf(DashboardException.class)
                .hasMessage("No KPI snapshot can be served: " + refusal)
                .extracting(e -> ((DashboardException) e).code()).isEqualTo(DashboardException.Code.NO_SNAPSHOT);
    }

    @Test
    void theProblemIsWrittenInTheCallersLanguage() throws Exception {
        file = dir.resolve("serving/snapshot.json");
        SnapshotFixture.publishJson(file, padded(SnapshotFixture.json("run-1"), 2 * LIMIT));
        start();

        // 2,097,152 bytes = 2.0 MB over the 1,048,576-byte (1.0 MB) limit.
        String refusal = "snapshot.json（运行 run-1）（截至 2025-12-31） 过大：2.0 MB，超过 1.0 MB 的上限；在发布可加载的快照之前，不提供任何数据";
        assertThat(health("?lang=zh-CN").path("problem")).isEqualTo(JSON.readTree(
                "{\"category\": \"snapshot_too_large\", \"message\": \"" + refusal + "\"}"));
        assertThat(health("?lang=en").path("problem").path("message").asText()).isEqualTo("snapshot.json of run run-1 as of"
                + " 2025-12-31 is too large: 2.0 MB over the 1.0 MB limit; nothing is served until a loadable one is published");
        assertThatThrownBy(store::require).isInstanceOf(DashboardException.class)
                .extracting(e -> ((DashboardException) e).message(Language.ZH_CN)).isEqualTo("无法提供 KPI 快照：" + refusal);
    }

    private void serve(String runId) throws IOException {
        file = dir.resolve("serving/snapshot.json");
        SnapshotFixture.publish(file, runId);
        start();
        assertThat(store.require().runId()).isEqualTo(runId);
    }

    private void start() {
        store = new SnapshotStore(file, clock, DashboardApp.json(), LIMIT);
        app = DashboardApp.create(new Accounts(List.of()), store, clock).start(0);
    }

    private JsonNode health() throws IOException, InterruptedException {
        return health("");
    }

    private JsonNode health(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/api/v1/health" + query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The organisation's MAU on the last day of adoption_daily, from the snapshot being served. */
    private long allTeamsMauOnTheLastDay() {
        List<JsonNode> rows = store.require().rows(Marts.ADOPTION_DAILY, "__all__");
        return rows.get(rows.size() - 1).path(Marts.MAU).asLong();
    }

    /** The snapshot followed by spaces up to {@code bytes}: valid JSON, and that large. */
    private static String padded(String json, long bytes) {
        return json + " ".repeat((int) (bytes - json.getBytes(StandardCharsets.UTF_8).length));
    }
}
