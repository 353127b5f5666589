package io.uptake.ingest.collector;

import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.NOW;
import static io.uptake.ingest.TestFixtures.SESS77_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.WarehouseRows;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real collector on a free port, driven over HTTP; the warehouse read back as a reader would. */
class CollectorAppTest {

    static final String TOKEN = "test-ingest-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Valid: u-1042 updates an Opportunity; no source given, so the log adds "source":"collector". */
    static final String C1 = "{\"event_id\":\"c-1\",\"occurred_at\":\"2025-10-01T09:00:03Z\",\"user_id\":\"u-1042\","
            + "\"event_type\":\"record_update\",\"object_type\":\"Opportunity\",\"client\":\"web\"}";
    static final String C1_LOGGED = C1.substring(0, C1.length() - 1) + ",\"source\":\"collector\"}";
    static final String NO_USER = "{\"event_id\":\"c-2\",\"occurred_at\":\"2025-10-01T09:01:00Z\",\"event_type\":\"login\"}";
    static final String BAD_TIME = "{\"event_id\":\"c-3\",\"occurred_at\":\"2025-10-01 09:02\",\"user_id\":\"u-1042\","
            + "\"event_type\":\"login\"}";
    /** Valid: Grace (15-character id) runs a report at 10:00+02:00 = 08:00 UTC on 2025-10-02; the sender names its source. */
    static final String C4 = "{\"event_id\":\"c-4\",\"occurred_at\":\"2025-10-02T10:00:00+02:00\",\"user_id\":\"005Kq00000mNoPr\","
            + "\"session_id\":\"sess-77\",\"event_type\":\"report_run\",\"module\":\"analytics\",\"source\":\"crm-plugin\"}";

    /** Five events: c-1, c-1 again, no user_id, a bad timestamp, c-4. */
    static final List<String> MIXED = List.of(C1, C1, NO_USER, BAD_TIME, C4);
    static final String MIXED_RECEIPT = """
            {"accepted":2,"duplicates":1,"rejected":2,"rejections":[
              {"index":2,"reason":"Missing required field user_id"},
              {"index":3,"reason":"Cannot parse occurred_at '2025-10-01 09:02': expected ISO-8601 with an offset or Z"}],
             "rejected_by_reason":{"Missing required field user_id":1,
              "Cannot parse occurred_at '…': expected ISO-8601 with an offset or Z":1}}""";
    /** What is sent again of MIXED after it was accepted once. */
    static final String MIXED_AGAIN_RECEIPT = MIXED_RECEIPT.replace("\"accepted\":2,\"duplicates\":1", "\"accepted\":0,\"duplicates\":3");

    /** Health as anyone sees it, with the backlog to fill in. */
    static final String OK_HEALTH = "{\"status\":\"ok\",\"backlog\":%d,\"quarantined\":0,\"requests_in_flight\":0}";

    @TempDir
    Path tmp;
    DataLayout layout;
    Javalin app;
    HttpClient http;

    @BeforeEach
    void setUp() {
        layout = new DataLayout(tmp.resolve("data"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    /** Defaults, but no commit on a timer within a test unless the test asks for one. */
    private CollectorConfig config() {
        return CollectorConfig.defaults(layout, TOKEN).withFlushInterval(Duration.ofHours(1));
    }

    private Javalin start(CollectorConfig config) {
        app = CollectorApp.create(config, TestFixtures.pseudonymizer(), TestFixtures.CLOCK).start(0);
        return app;
    }

    private HttpResponse<String> post(String body, String authorization) throws IOException, InterruptedException {
        return post(HttpRequest.BodyPublishers.ofString(body), authorization);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/v1/events"))
                .header("Content-Type", "application/x-ndjson")
                .POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postEvents(String body) throws IOException, InterruptedException {
        return post(body, "Bearer " + TOKEN);
    }

    private JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = health(null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> health(String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/v1/health"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the health endpoint until it satisfies the condition; fails after the deadline. */
    private JsonNode awaitHealth(Predicate<JsonNode> condition, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode health = health();
        while (!condition.test(health)) {
            assertThat(System.nanoTime()).as("waiting for " + what + "; health is " + health).isLessThan(deadline);
            health = health();
        }
        return health;
    }

    private static String lines(List<String> events) {
        return String.join("\n", events) + "\n";
    }

    private static String array(List<String> events) {
        return "[" + String.join(",", events) + "]";
    }

    private static void assertJson(HttpResponse<String> response, int status, String json) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(json));
    }

    /** The write-ahead log's segment files by name, with their lines; not its folders. */
    private Map<String, List<String>> logSegments() throws IOException {
        Map<String, List<String>> segments = new LinkedHashMap<>();
        Path dir = layout.dataDir().resolve(CollectorConfig.WAL_DIR);
        if (!Files.isDirectory(dir)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                segments.put(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private List<Map<String, Object>> events() throws IOException {
        return WarehouseRows.rows(layout, Tables.EVENTS);
    }

    private static Map<String, Object> row(String eventId, String occurredAt, String userKey, String sessionKey,
                                           String source, String eventType, String module, String objectType) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(Columns.EVENT_ID, eventId);
        row.put(Columns.OCCURRED_AT, Instant.parse(occurredAt));
        row.put(Columns.INGESTED_AT, NOW);
        row.put(Columns.USER_KEY, userKey);
        row.put(Columns.SESSION_KEY, sessionKey);
        row.put(Columns.SOURCE, source);
        row.put(Columns.SOURCE_EVENT_TYPE, eventType);
        row.put(Columns.EVENT_TYPE, eventType);
        row.put(Columns.MODULE, module);
        row.put(Columns.OBJECT_TYPE, objectType);
        row.put(Columns.RECORD_ID, null);
        row.put(Columns.CLIENT, "web");
        row.put(Columns.STATUS, "success");
        row.put(Columns.ERROR_CODE, null);
        row.put(Columns.DURATION_MS, null);
        return row;
    }

    /** c-1 and c-4 as the warehouse holds them: pseudonymised, in files sorted by day. */
    private static final List<Map<String, Object>> C1_AND_C4 = List.of(
            row("c-1", "2025-10-01T09:00:03Z", U1042_KEY, null, "collector", "record_update", "sales", "Opportunity"),
            row("c-4", "2025-10-02T08:00:00Z", GRACE_KEY, SESS77_KEY, "crm-plugin", "report_run", "analytics", null));

    @Test
    void refusesARequestWithoutABearerToken() throws Exception {
        start(config());

        for (String authorization : new String[] {null, "Basic " + TOKEN, "Bearer"}) {
            HttpResponse<String> response = post(lines(List.of(C1)), authorization);

            assertJson(response, 401, "{\"error\":\"unauthenticated\","
                    + "\"message\":\"Send the ingest token as the header 'Authorization: Bearer <token>'\"}");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void refusesAWrongToken() throws Exception {
        start(config());

        for (String token : new String[] {"wrong", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "0"}) {
            HttpResponse<String> response = post(lines(List.of(C1)), "Bearer " + token);

            assertJson(response, 401, "{\"error\":\"unauthenticated\",\"message\":\"The ingest token is not valid\"}");
        }
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void answers400WhenNothingInTheBodyIsParsableJson() throws Exception {
        start(config());

        assertJson(postEvents("hello\nevent_id=c-1\n"), 400, "{\"error\":\"bad_request\",\"message\":"
                + "\"Nothing in the body is parsable JSON: send JSON lines (one event object per line) or a JSON array of event objects\"}");
        assertJson(postEvents(" \n"), 400, "{\"error\":\"bad_request\",\"message\":"
                + "\"The body is empty: send JSON lines (one event object per line) or a JSON array of event objects\"}");
        // An array cut off after its first element: refused whole, not half taken. Column 149 is just past the
        // 1 + 146 + 1 characters of '[' + C1 + ','.
        assertJson(postEvents("[" + C1 + ","), 400, "{\"error\":\"bad_request\",\"message\":"
                + "\"The body starts a JSON array but is not one complete JSON array (syntax error at line 1, column 149): "
                + "send JSON lines (one event object per line) or a JSON array of event objects\"}");
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void refusesABodyOverTheSizeLimit() throws Exception {
        start(config().withMaxBodyBytes(100));
        // 13 + 8 + 79 = 100 bytes exactly; one more character in the id makes 101.
        String atLimit = "{\"event_id\":\"at-limit\",\"occurred_at\":\"2025-10-01T09:00:03Z\",\"user_id\":\"u-1042\",\"event_type\":\"login\"}";
        String overLimit = atLimit.replace("at-limit", "at-limit9");
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(100);

        // Content-Length says 101: refused before the body is read.
        assertJson(postEvents(overLimit), 413, "{\"error\":\"payload_too_large\","
                + "\"message\":\"The body of 101 bytes is over the limit of 100 bytes: send the events in smaller batches\"}");
        // Chunked, without a Content-Length: refused once byte 101 arrives.
        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(overLimit.getBytes(StandardCharsets.UTF_8))), "Bearer " + TOKEN);
        assertJson(chunked, 413, "{\"error\":\"payload_too_large\","
                + "\"message\":\"The body is over the limit of 100 bytes: send the events in smaller batches\"}");
        assertThat(logSegments()).isEmpty();

        assertJson(postEvents(atLimit), 202, "{\"accepted\":1,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");
    }

    @Test
    void answers429WithRetryAfterOnceTheBacklogReachesItsBound() throws Exception {
        start(config().withMaxBacklog(2).withFlushInterval(Duration.ofSeconds(90)));
        String c5 = C1.replace("c-1", "c-5");
        String c6 = C1.replace("c-1", "c-6");

        // Under the bound (0 < 2), a request is admitted whole, even one that takes the backlog to 3.
        assertJson(postEvents(lines(List.of(C1, C4, c5))), 202,
                "{\"accepted\":3,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");
        HttpResponse<String> refused = postEvents(lines(List.of(c6)));

        assertJson(refused, 429, "{\"error\":\"backlog_full\",\"message\":\"3 accepted events are waiting to be committed "
                + "to the warehouse (bound 2): retry after 90 s; nothing accepted is lost\"}");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("90");
        assertThat(health()).isEqualTo(JSON.readTree(OK_HEALTH.formatted(3)));
        // The refused event is nowhere: the sender still has it and sends it again.
        assertThat(logSegments()).containsExactly(Map.entry("00000000000000000001.jsonl.open",
                List.of(C1_LOGGED, C4, c5.substring(0, c5.length() - 1) + ",\"source\":\"collector\"}")));
    }

    @Test
    void acceptsJsonLinesWithExactCountsAndAReasonPerRejectedEvent() throws Exception {
        start(config());

        assertJson(postEvents(lines(MIXED)), 202, MIXED_RECEIPT);
        // Already accepted earlier: duplicates now. The two invalid ones are rejected again.
        assertJson(postEvents(lines(MIXED)), 202, MIXED_AGAIN_RECEIPT);
    }

    @Test
    void acceptsAJsonArrayWithTheSameCountsAndReasons() throws Exception {
        start(config());

        assertJson(postEvents(array(MIXED)), 202, MIXED_RECEIPT);
        assertThat(logSegments()).containsExactly(Map.entry("00000000000000000001.jsonl.open", List.of(C1_LOGGED, C4)));
    }

    @Test
    void healthNeedsNoTokenAndShowsTheBacklog() throws Exception {
        start(config());
        assertThat(health()).isEqualTo(JSON.readTree(OK_HEALTH.formatted(0)));

        postEvents(lines(MIXED));

        assertThat(health()).isEqualTo(JSON.readTree(OK_HEALTH.formatted(2)));
    }

    @Test
    void acceptedEventsAreOnDiskBeforeTheAnswerAndAStopCommitsThem() throws Exception {
        start(config());

        postEvents(lines(MIXED));

        // Nothing is committed yet, but the two accepted events are in the open segment of the log.
        assertThat(new CommitLog(layout).liveFiles()).isEmpty();
        assertThat(logSegments()).containsExactly(Map.entry("00000000000000000001.jsonl.open", List.of(C1_LOGGED, C4)));
        // It holds raw user ids: owner only, like the pseudonymisation key.
        Path wal = layout.dataDir().resolve(CollectorConfig.WAL_DIR);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                wal.resolve("00000000000000000001.jsonl.open")))).isEqualTo("rw-------");

        app.stop();
        app = null;

        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void aNewCollectorOnTheSameDataDirectoryReplaysWhatTheLastOneCouldNotCommit() throws Exception {
        start(config().withShutdownTimeout(Duration.ZERO));
        postEvents(lines(MIXED));
        // The commit-log lock held (as by ./uptake ingest) while the collector stops: it cannot commit,
        // so it leaves the events in the log rather than drop them.
        try (FileChannel lock = new CommitLog(layout).lock()) {
            app.stop();
            app = null;
        }
        assertThat(new CommitLog(layout).liveFiles()).isEmpty();
        assertThat(logSegments()).containsExactly(Map.entry("00000000000000000001.jsonl", List.of(C1_LOGGED, C4)));

        start(config());

        // The start replayed the log into the warehouse, each event once, and emptied the log.
        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(logSegments()).isEmpty();
        // The replayed ids are remembered: sending them again adds nothing.
        assertJson(postEvents(lines(MIXED)), 202, MIXED_AGAIN_RECEIPT);
        app.stop();
        app = null;
        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(new CommitLog(layout).commits()).hasSize(1);
    }

    @Test
    void aSegmentLeftOpenByACrashIsReplayedWithoutItsTornLastLine() throws Exception {
        // A crash in the middle of an append: two whole lines, then part of a third that was never answered.
        Path wal = layout.dataDir().resolve(CollectorConfig.WAL_DIR);
        TestFixtures.write(wal.resolve("00000000000000000007.jsonl.open"),
                C1_LOGGED + "\n" + C4 + "\n" + "{\"event_id\":\"c-9\",\"occurred_at\":\"2025-10-0");

        start(config());

        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(WarehouseRows.rows(layout, Tables.QUARANTINE)).isEmpty();
        assertThat(logSegments()).isEmpty();
        // New segments continue the numbering.
        postEvents(lines(List.of(C1.replace("c-1", "c-10"))));
        assertThat(logSegments()).containsOnlyKeys("00000000000000000008.jsonl.open");
    }

    @Test
    void aSegmentPastItsSizeIsCommittedWithoutWaitingForTheInterval() throws Exception {
        // The interval is an hour: only the size can trigger this commit.
        start(config().withSegmentMaxBytes(1));

        postEvents(lines(MIXED));

        awaitHealth(h -> h.get("backlog").asLong() == 0, "the commit of the full segment");
        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void aCommitBlockedByTheCommitLogLockIsRetriedNotDropped() throws Exception {
        start(config().withFlushInterval(Duration.ofMillis(200)));

        try (FileChannel lock = new CommitLog(layout).lock()) {
            postEvents(lines(MIXED));
            JsonNode failing = awaitHealth(h -> h.get("status").asText().equals("flush_failing"), "a failed commit");
            assertThat(failing.get("backlog").asLong()).isEqualTo(2);
        }

        awaitHealth(h -> h.get("backlog").asLong() == 0 && h.get("status").asText().equals("ok"), "the retried commit");
        assertThat(health()).isEqualTo(JSON.readTree(OK_HEALTH.formatted(0)));
        assertThat(events()).isEqualTo(C1_AND_C4);
    }

    @Test
    void healthShowsOnlyAStateAndCountsWithoutTheTokenAndWhyCommitsFailWithIt() throws Exception {
        start(config().withFlushInterval(Duration.ofMillis(200)));

        try (FileChannel lock = new CommitLog(layout).lock()) {
            postEvents(lines(MIXED));
            awaitHealth(h -> h.get("status").asText().equals("flush_failing"), "a failed commit");

            // The reason names the data directory: only for the token's holder.
            HttpResponse<String> open = health(null);
            assertJson(open, 200, "{\"status\":\"flush_failing\",\"backlog\":2,\"quarantined\":0,\"requests_in_flight\":0}");
            assertThat(open.body()).doesNotContain(layout.dataDir().toString()).doesNotContain("lock");
            JsonNode detail = JSON.readTree(health("Bearer " + TOKEN).body());
            assertThat(detail.get("status").asText()).isEqualTo("flush_failing");
            assertThat(detail.get("last_flush_error").asText()).startsWith("Cannot commit 2 events of 1 segments to the "
                    + "warehouse (another ingest holds the lock on " + layout.dataDir());
            assertJson(health("Bearer wrong"), 401, "{\"error\":\"unauthenticated\",\"message\":\"The ingest token is not valid\"}");
        }
    }

    @Test
    void rejectsAnEventTheWarehouseCannotHoldInItsAnswerAndCommitsTheRest() throws Exception {
        start(config());
        // 2025-10-04T05:59:59Z is a second less than a day after the clock's 2025-10-03T06:00:00Z: a clock a little ahead.
        String ahead = C1.replace("c-1", "c-ahead").replace("2025-10-01T09:00:03Z", "2025-10-04T05:59:59Z");
        List<String> body = List.of(C1, at("9999-12-31T00:00:00Z"), at("0001-01-01T00:00:00Z"), at("2099-01-01T00:00:00Z"),
                at("1999-12-31T23:59:59Z"), ahead, C4);

        assertJson(postEvents(lines(body)), 202, """
                {"accepted":3,"duplicates":0,"rejected":4,"rejections":[
                  {"index":1,"reason":"occurred_at 9999-12-31T00:00:00Z is more than a day after the moment of ingest (2025-10-03T06:00:00Z)"},
                  {"index":2,"reason":"occurred_at 0001-01-01T00:00:00Z is before 2000-01-01"},
                  {"index":3,"reason":"occurred_at 2099-01-01T00:00:00Z is more than a day after the moment of ingest (2025-10-03T06:00:00Z)"},
                  {"index":4,"reason":"occurred_at 1999-12-31T23:59:59Z is before 2000-01-01"}],
                 "rejected_by_reason":{"occurred_at … is more than a day after the moment of ingest (…)":2,
                  "occurred_at … is before 2000-01-01":2}}""");
        assertThat(logSegments().values()).containsExactly(List.of(C1_LOGGED, ahead.replace("}", ",\"source\":\"collector\"}"), C4));

        app.stop();
        app = null;

        List<Map<String, Object>> expected = new ArrayList<>(C1_AND_C4);
        expected.add(row("c-ahead", "2025-10-04T05:59:59Z", U1042_KEY, null, "collector", "record_update", "sales", "Opportunity"));
        assertThat(events()).isEqualTo(expected);
        assertThat(WarehouseRows.rows(layout, Tables.QUARANTINE)).isEmpty();
        assertThat(logSegments()).isEmpty();
    }

    /** C1 under another id, at another time. */
    private static String at(String occurredAt) {
        return C1.replace("c-1", "c-" + occurredAt.substring(0, 4)).replace("2025-10-01T09:00:03Z", occurredAt);
    }

    @Test
    void answersThousandsOfRejectedEventsWithTheFirstHundredAndACountPerReason() throws Exception {
        start(config());
        // 5,000 events, alternately without user_id and with an unparsable occurred_at that differs each time.
        List<String> body = new ArrayList<>();
        ArrayNode listed = JSON.createArrayNode();
        for (int i = 0; i < 5_000; i++) {
            String time = "2025-10-01 " + i;
            body.add(i % 2 == 0 ? NO_USER.replace("c-2", "n-" + i) : BAD_TIME.replace("2025-10-01 09:02", time));
            if (i < 100) {
                listed.addObject().put("index", i).put("reason", i % 2 == 0 ? "Missing required field user_id"
                        : "Cannot parse occurred_at '" + time + "': expected ISO-8601 with an offset or Z");
            }
        }

        HttpResponse<String> response = postEvents(lines(body));

        ObjectNode expected = JSON.createObjectNode().put("accepted", 0).put("duplicates", 0).put("rejected", 5_000);
        expected.set("rejections", listed);
        expected.putObject("rejected_by_reason").put("Missing required field user_id", 2_500)
                .put("Cannot parse occurred_at '…': expected ISO-8601 with an offset or Z", 2_500);
        assertJson(response, 202, expected.toString());
        // 100 reasons of at most 90 characters, with their indexes and quotes, and the counts.
        assertThat(response.body().length()).isLessThan(12_000);
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void aBodyBeyondTheInFlightLimitIsRefusedWith503AndRetryAfterUntilASlotIsFree() throws Exception {
        start(config().withMaxInFlight(1));
        // The first request's body stops half way until the test sends the rest: it holds the only slot meanwhile.
        byte[] first = lines(List.of(C1)).getBytes(StandardCharsets.UTF_8);
        try (Socket holding = new Socket("127.0.0.1", app.port())) {
            holding.setSoTimeout(60_000);
            OutputStream out = holding.getOutputStream();
            out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + first.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(first, 0, 20);
            out.flush();
            awaitHealth(h -> h.get("requests_in_flight").asInt() == 1, "the first body to take the slot");

            HttpResponse<String> refused = postEvents(lines(List.of(C4)));

            assertJson(refused, 503, "{\"error\":\"unavailable\",\"message\":\"The collector is reading as many request "
                    + "bodies as it may at once (1): retry after the Retry-After seconds; nothing of this request was accepted\"}");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

            out.write(first, 20, first.length - 20);
            out.flush();
            String answer = new String(holding.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 202 ")
                    .endsWith("{\"accepted\":1,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");
        }
        assertThat(health().get("requests_in_flight").asInt()).isZero();
        assertJson(postEvents(lines(List.of(C4))), 202,
                "{\"accepted\":1,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");
        assertThat(logSegments().values()).containsExactly(List.of(C1_LOGGED, C4));
    }

    @Test
    void aSegmentLineThatCannotBeCommittedIsSetAsideAndTheRestCommits() throws Exception {
        // The first line of a segment is zeros, as a power cut can leave in a file being appended to: no
        // source recognises the segment, so its commit fails on every attempt, after a restart too.
        Path wal = layout.dataDir().resolve(CollectorConfig.WAL_DIR);
        String zeros = "\0".repeat(40);
        TestFixtures.write(wal.resolve("00000000000000000003.jsonl"), zeros + "\n" + C1_LOGGED + "\n" + C4 + "\n");
        // A part of it that an earlier attempt wrote before a crash.
        TestFixtures.write(wal.resolve("parts").resolve("00000000000000000003.jsonl-lines-1.jsonl"), zeros + "\n");

        start(config());

        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(health()).isEqualTo(JSON.readTree(
                "{\"status\":\"ok\",\"backlog\":0,\"quarantined\":1,\"requests_in_flight\":0}"));
        assertThat(logSegments()).isEmpty();
        try (Stream<Path> files = Files.list(wal)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(".lock", "quarantine");
        }
        Path setAside = wal.resolve("quarantine").resolve("00000000000000000003.jsonl");
        List<String> entries = Files.readAllLines(setAside, StandardCharsets.UTF_8);
        assertThat(entries).hasSize(1);
        JsonNode entry = JSON.readTree(entries.get(0));
        assertThat(entry.get("line").asLong()).isEqualTo(1);
        assertThat(entry.get("event").asText()).isEqualTo(zeros);
        assertThat(entry.get("reason").asText()).startsWith("1 data file is in no format Uptake reads, so nothing was ingested")
                .contains("00000000000000000003.jsonl-lines-1.jsonl (no source recognises its content, which is not text)");
        // It holds raw user ids, like the log: owner only.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(setAside))).isEqualTo("rw-------");
        // The events after it are taken as usual.
        assertJson(postEvents(lines(List.of(C1.replace("c-1", "c-5")))), 202,
                "{\"accepted\":1,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");
    }

    @Test
    void aSegmentWrittenUnderOlderRulesIsCommittedWithoutItsFarFutureEvent() throws Exception {
        // Accepted before the collector checked occurred_at: a date no Parquet timestamp of microseconds can hold.
        Path wal = layout.dataDir().resolve(CollectorConfig.WAL_DIR);
        TestFixtures.write(wal.resolve("00000000000000000002.jsonl"),
                C1_LOGGED + "\n" + at("9999-12-31T00:00:00Z") + "\n" + C4 + "\n");

        start(config());

        assertThat(events()).isEqualTo(C1_AND_C4);
        List<Map<String, Object>> quarantined = WarehouseRows.rows(layout, Tables.QUARANTINE);
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).get(Columns.LINE)).isEqualTo(2L);
        assertThat(quarantined.get(0).get(Columns.REASON)).isEqualTo("occurred_at 9999-12-31T00:00:00Z is more than a day "
                + "after the moment of ingest (2025-10-03T06:00:00Z) in " + wal.resolve("00000000000000000002.jsonl") + " line 2");
        assertThat(health().get("backlog").asLong()).isZero();
        assertThat(logSegments()).isEmpty();
    }

    @Test
    void whenNoEventCommitsTheFaultIsNotTakenToBeTheEventsAndNothingIsSetAside() throws Exception {
        // A clock far in the future: no ingest time can be written, so every commit fails, whatever it holds.
        Instant farFuture = Instant.parse("+300000-01-01T00:00:00Z");
        app = CollectorApp.create(config().withShutdownTimeout(Duration.ZERO), TestFixtures.pseudonymizer(),
                Clock.fixed(farFuture, ZoneOffset.UTC)).start(0);
        assertJson(postEvents(lines(List.of(C1, C4))), 202,
                "{\"accepted\":2,\"duplicates\":0,\"rejected\":0,\"rejections\":[],\"rejected_by_reason\":{}}");

        app.stop();
        app = null;

        assertThat(logSegments()).containsExactly(Map.entry("00000000000000000001.jsonl", List.of(C1_LOGGED, C4)));
        assertThat(new CommitLog(layout).commits()).isEmpty();

        start(config());

        assertThat(events()).isEqualTo(C1_AND_C4);
        assertThat(logSegments()).isEmpty();
    }
}
