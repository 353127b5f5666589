package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real app on a free port, driven over HTTP with the snapshot of {@link SnapshotFixture}. */
class DashboardAppTest {

    static final String PASSWORD = "correct horse";
    static Accounts accounts;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path snapshotFile;
    TestClock clock;
    Javalin app;
    HttpClient http;
    String csrfToken;

    @BeforeAll
    static void createAccounts() {
        String hash = Accounts.hash(PASSWORD);
        accounts = new Accounts(List.of(
                new Account("exec", hash, Role.EXECUTIVE, List.of()),
                new Account("trainer", hash, Role.TRAINER, List.of()),
                new Account("lead", hash, Role.LEAD, List.of("Big Team")),
                new Account("tiny-lead", hash, Role.LEAD, List.of("Tiny Team"))));
    }

    @BeforeEach
    void start() throws IOException {
        snapshotFile = dir.resolve("serving/snapshot.json");
        SnapshotFixture.publish(snapshotFile, "run-1");
        clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        app = DashboardApp.create(accounts, new SnapshotStore(snapshotFile, clock, DashboardApp.json()), clock).start(0);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void healthNeedsNoSignInAndNamesThePublishedRun() throws Exception {
        HttpResponse<String> response = get("/api/v1/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"status\":\"ok\",\"snapshot\":{\"run_id\":\"run-1\",\"as_of\":\"2025-12-31\",\"created_at\":\"2026-01-01T02:00:00Z\"}}"));
    }

    @Test
    void dataEndpointsRefuseCallersWithoutASession() throws Exception {
        for (String path : List.of("/api/v1/me", "/api/v1/overview", "/api/v1/adoption")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(response.body())).as(path).isEqualTo(JSON.readTree(
                    "{\"error\":\"unauthenticated\",\"message\":\"Sign in first: POST /api/v1/login\"}"));
        }
        assertThat(get("/api/v1/adoption", "uptake_session=made-up").statusCode()).isEqualTo(401);
    }

    @Test
    void signInSetsAScriptProofSameSiteCookieAndReturnsTheAccount() throws Exception {
        HttpResponse<String> response = login("lead", PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"username\":\"lead\",\"role\":\"lead\",\"teams\":[\"Big Team\"],"
                        + "\"pages\":[\"overview\",\"adoption\",\"training\",\"quality\",\"rollout\"]}"));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("uptake_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswerAndNoCookie() throws Exception {
        for (HttpResponse<String> response : List.of(login("lead", "wrong"), login("nobody", PASSWORD))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).path("message").asText()).isEqualTo("Wrong username or password");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aSignInWithoutAJsonBodyIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/api/v1/login", "username=lead&password=x", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void aLeadSeesTheirOwnTeamWithItsPeopleToCall() throws Exception {
        JsonNode adoption = getJson("/api/v1/adoption", session("lead"));

        assertThat(adoption.path("selection").path("team").asText()).isEqualTo("Big Team");
        assertThat(adoption.path("latest").path("mau").asLong()).isEqualTo(5);
        assertThat(adoption.path("latest").path("licensed_users").asLong()).isEqualTo(6);
        assertThat(texts(adoption.path("teams"), "team")).containsExactly("Big Team");
        assertThat(texts(adoption.path("users"), "display_name")).containsExactly("Dee", "Eve");
        assertThat(adoption.path("daily").size()).isEqualTo(3);
    }

    @Test
    void aLeadCannotReachAnotherTeamOrTheWholeOrganisation() throws Exception {
        String lead = session("lead");
        for (String path : List.of("/api/v1/adoption?team=Tiny%20Team", "/api/v1/adoption?team=__all__",
                "/api/v1/overview?team=Tiny%20Team")) {
            HttpResponse<String> response = get(path, lead);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(path).isEqualTo("forbidden");
        }
    }

    @Test
    void anExecutiveSeesTheOrganisationButNoUserListAndNoTinyGroup() throws Exception {
        String exec = session("exec");
        JsonNode overview = getJson("/api/v1/overview", exec);

        assertThat(overview.path("selection").path("team").asText()).isEqualTo("__all__");
        assertThat(overview.path("latest").path("mau").asLong()).isEqualTo(7);
        assertThat(overview.path("latest").path("adoption_rate").asDouble()).isEqualTo(0.875);
        assertThat(texts(overview.path("trend"), "date")).containsExactly("2025-12-29", "2025-12-30", "2025-12-31");
        JsonNode tiny = overview.path("teams").get(1);
        assertThat(tiny.path("team").asText()).isEqualTo("Tiny Team");
        assertThat(tiny.path("suppressed").asBoolean()).isTrue();
        assertThat(tiny.path("latest").isNull()).isTrue();

        JsonNode adoption = getJson("/api/v1/adoption", exec);
        assertThat(adoption.path("users").isNull()).isTrue();
        JsonNode tinyTeam = getJson("/api/v1/adoption?team=Tiny%20Team", exec);
        assertThat(tinyTeam.path("suppressed").asBoolean()).isTrue();
        assertThat(tinyTeam.path("daily").size()).isZero();
    }

    @Test
    void aTrainerSeesEveryTeamsUserList() throws Exception {
        JsonNode adoption = getJson("/api/v1/adoption", session("trainer"));

        assertThat(texts(adoption.path("users"), "display_name")).containsExactly("Dee", "Eve", "Ida");
        assertThat(adoption.path("teams").get(1).path("suppressed").asBoolean()).isFalse();
    }

    @Test
    void theDateRangeIsInclusive() throws Exception {
        JsonNode adoption = getJson("/api/v1/adoption?from=2025-12-30&to=2025-12-31", session("lead"));

        assertThat(texts(adoption.path("daily"), "date")).containsExactly("2025-12-30", "2025-12-31");
    }

    @Test
    void badFiltersAreBadRequestsThatNameTheValue() throws Exception {
        String lead = session("lead");
        HttpResponse<String> month13 = get("/api/v1/adoption?from=2025-13-01", lead);
        assertThat(month13.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(month13.body()).path("message").asText())
                .isEqualTo("Cannot read from='2025-13-01': expected a date such as 2025-12-31");
        HttpResponse<String> reversed = get("/api/v1/adoption?from=2025-12-31&to=2025-12-01", lead);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reversed.body()).path("message").asText())
                .isEqualTo("from 2025-12-31 is after to 2025-12-01: swap them");
    }

    @Test
    void pagesSendBrowsersWithoutASessionToSignIn() throws Exception {
        HttpResponse<String> response = get("/adoption", null);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/login?next=%2Fadoption");
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesLoadEChartsFromTheWebJarOnThisServer() throws Exception {
        HttpResponse<String> page = get("/overview", session("exec"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/webjars/echarts/5.5.0/echarts.min.js\" defer></script>");
        HttpResponse<String> echarts = get("/webjars/echarts/5.5.0/echarts.min.js", null);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoServerBanner() throws Exception {
        for (String path : List.of("/api/v1/health", "/login", "/assets/app.css", "/api/v1/adoption")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .contains(DashboardApp.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
        }
        assertThat(DashboardApp.CONTENT_SECURITY_POLICY).contains("script-src 'self';", "frame-ancestors 'none'");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String lead = session("lead");
        assertThat(post("/api/v1/logout", "", lead).statusCode()).isEqualTo(204);

        assertThat(get("/api/v1/me", lead).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() throws Exception {
        String lead = session("lead");
        clock.advance(Duration.ofMinutes(29));
        assertThat(get("/api/v1/me", lead).statusCode()).isEqualTo(200);
        // Idle time counts from the last request, not from sign-in.
        clock.advance(Duration.ofMinutes(29));
        assertThat(get("/api/v1/me", lead).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(get("/api/v1/me", lead).statusCode()).isEqualTo(401);
    }

    @Test
    void signingInAgainIssuesANewSessionIdAndRetiresTheOldOne() throws Exception {
        String first = session("lead");
        HttpResponse<String> again = post("/api/v1/login", "{\"username\":\"lead\",\"password\":\"" + PASSWORD + "\"}", first);
        String second = cookieOf(again);

        assertThat(second).isNotEqualTo(first);
        assertThat(get("/api/v1/me", first).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", second).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewlyPublishedSnapshotIsServedWithoutARestart() throws Exception {
        assertThat(getJson("/api/v1/health", null).path("snapshot").path("run_id").asText()).isEqualTo("run-1");
        SnapshotFixture.publish(snapshotFile, "run-2");
        assertThat(getJson("/api/v1/health", null).path("snapshot").path("run_id").asText())
                .as("the file is looked at no more than once a second").isEqualTo("run-1");

        clock.advance(SnapshotStore.CHECK_INTERVAL);
        assertThat(getJson("/api/v1/health", null).path("snapshot").path("run_id").asText()).isEqualTo("run-2");
        assertThat(getJson("/api/v1/adoption", session("lead")).path("run_id").asText()).isEqualTo("run-2");
    }

    @Test
    void requestsDuringRepeatedSwapsEachSeeOneWholeSnapshotAndNeverAnOlderOne() throws Exception {
        String cookie = session("exec");
        int swaps = 25;
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> seen = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            seen.add(readers.submit(() -> {
                List<Integer> runs = new ArrayList<>();
                while (publishing.get()) {
                    HttpResponse<String> response = get("/api/v1/adoption", cookie);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.path("daily").size()).isEqualTo(3);
                    runs.add(Integer.parseInt(body.path("run_id").asText().substring("run-".length())));
                    answered.incrementAndGet();
                }
                return runs;
            }));
        }
        for (int run = 2; run <= swaps; run++) {
            SnapshotFixture.publish(snapshotFile, "run-" + run);
            clock.advance(SnapshotStore.CHECK_INTERVAL);
            awaitAnswers(answered, 4);
        }
        awaitAnswers(answered, 8);
        publishing.set(false);
        readers.shutdown();
        for (Future<List<Integer>> reader : seen) {
            List<Integer> runs = reader.get();
            assertThat(runs).isNotEmpty().isSorted();
            assertThat(runs).allMatch(run -> run >= 1 && run <= swaps);
        }
        assertThat(getJson("/api/v1/adoption", cookie).path("run_id").asText()).isEqualTo("run-" + swaps);
    }

    @Test
    void withoutASnapshotTheDataEndpointsSaySoAndHealthShowsNone() throws Exception {
        app.stop();
        Path missing = dir.resolve("empty/serving/snapshot.json");
        app = DashboardApp.create(accounts, new SnapshotStore(missing, clock, DashboardApp.json()), clock).start(0);

        assertThat(getJson("/api/v1/health", null).path("snapshot").isNull()).isTrue();
        HttpResponse<String> adoption = get("/api/v1/adoption", session("exec"));
        assertThat(adoption.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(adoption.body())).isEqualTo(JSON.readTree("{\"error\":\"no_snapshot\","
                + "\"message\":\"No KPI snapshot has been published yet: run ./uptake jobs, then reload this page\"}"));
    }

    @Test
    void anUnknownApiPathIsAJsonNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing-here", session("exec"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"error\":\"not_found\",\"message\":\"No such endpoint: GET /api/v1/nothing-here\"}"));
    }

    @Test
    void everyRoleReachesExactlyItsPagesApisAndALeadOnlyItsOwnTeam() throws Exception {
        List<String> pages = List.of("overview", "adoption", "training", "quality", "rollout", "roi");
        Map<String, List<Integer>> expected = Map.of(
                "exec", List.of(200, 200, 200, 200, 200, 200),
                "trainer", List.of(403, 200, 200, 200, 403, 403),
                "lead", List.of(200, 200, 200, 200, 200, 403));
        for (Map.Entry<String, List<Integer>> role : expected.entrySet()) {
            String cookie = session(role.getKey());
            List<Integer> statuses = new ArrayList<>();
            for (String page : pages) {
                statuses.add(get("/api/v1/" + page, cookie).statusCode());
            }
            assertThat(statuses).as(role.getKey()).isEqualTo(role.getValue());
        }
        String lead = session("lead");
        for (String page : List.of("overview", "adoption", "training", "quality", "rollout")) {
            for (String team : List.of("Tiny%20Team", "__all__")) {
                HttpResponse<String> response = get("/api/v1/" + page + "?team=" + team, lead);
                assertThat(response.statusCode()).as(page + " " + team).isEqualTo(403);
                assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("forbidden");
            }
        }
        assertThat(get("/api/v1/training?team=Nowhere", session("exec")).statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesEveryApiRouteAndEachDescribedGetAnswers() throws Exception {
        assertThat(get("/api/v1/openapi.json", null).statusCode()).isEqualTo(401);
        String cookie = session("exec");
        HttpResponse<String> response = get("/api/v1/openapi.json", cookie);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode paths = JSON.readTree(response.body()).path("paths");

        // Every route the app registers under /api/v1/ is documented, with its method: its own routes, and each page's API.
        String source = Files.readString(Path.of("src/main/java/io/uptake/dashboard/DashboardApp.java"));
        Matcher routes = Pattern.compile("routes\\.(get|post)\\(\"(/api/v1/[^\"]+)\"").matcher(source);
        int count = 0;
        while (routes.find()) {
            count++;
            assertThat(paths.path(routes.group(2)).has(routes.group(1))).as(routes.group(1) + " " + routes.group(2)).isTrue();
        }
        for (var page : io.uptake.dashboard.pages.Pages.ALL) {
            count++;
            assertThat(paths.path("/api/v1/" + page.id()).has("get")).as("GET /api/v1/" + page.id()).isTrue();
        }
        assertThat(count).isEqualTo(paths.size()).isEqualTo(11);
        // Every documented GET answers an executive.
        for (var path = paths.fieldNames(); path.hasNext(); ) {
            String name = path.next();
            if (paths.path(name).has("get")) {
                assertThat(get(name, cookie).statusCode()).as(name).isEqualTo(200);
            }
        }
    }

    @Test
    void repeatedRequestsGetTheSameBytesAndTheSameTag() throws Exception {
        String exec = session("exec");
        HttpResponse<String> first = get("/api/v1/overview", exec);
        HttpResponse<String> second = get("/api/v1/overview", exec);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(etag(second)).isEqualTo(etag(first)).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode overview = JSON.readTree(second.body());
        assertThat(overview.path("run_id").asText()).isEqualTo("run-1");
        assertThat(overview.path("latest").path("mau").asLong()).isEqualTo(7);
        assertThat(overview.path("latest").path("adoption_rate").asDouble()).isEqualTo(0.875);
    }

    @Test
    void aCallerHoldingTheCurrentTagGetsANotModifiedWithoutBody() throws Exception {
        String exec = session("exec");
        String tag = etag(get("/api/v1/adoption?from=2025-12-30", exec));

        for (String ifNoneMatch : List.of(tag, "W/" + tag, "\"older\", " + tag, "*")) {
            HttpResponse<String> response = getIfNoneMatch("/api/v1/adoption?from=2025-12-30", exec, ifNoneMatch);
            assertThat(response.statusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(response.body()).as(ifNoneMatch).isEmpty();
            assertThat(etag(response)).as(ifNoneMatch).isEqualTo(tag);
        }
        HttpResponse<String> stale = getIfNoneMatch("/api/v1/adoption?from=2025-12-30", exec, "\"older\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(texts(JSON.readTree(stale.body()).path("daily"), "date")).containsExactly("2025-12-30", "2025-12-31");
        // Other filters are another answer, with another tag.
        HttpResponse<String> wholeRange = getIfNoneMatch("/api/v1/adoption", exec, tag);
        assertThat(wholeRange.statusCode()).isEqualTo(200);
        assertThat(texts(JSON.readTree(wholeRange.body()).path("daily"), "date"))
                .containsExactly("2025-12-29", "2025-12-30", "2025-12-31");
    }

    @Test
    void aNewlyPublishedSnapshotReplacesTheCachedAnswers() throws Exception {
        String exec = session("exec");
        HttpResponse<String> before = get("/api/v1/overview", exec);
        assertThat(JSON.readTree(before.body()).path("latest").path("mau").asLong()).isEqualTo(7);

        // The next run finds one more monthly active user in the organisation: 8 of 8 licensed.
        String next = SnapshotFixture.json("run-2").replace("\"mau\": 7, \"adoption_rate\": 0.875", "\"mau\": 8, \"adoption_rate\": 1.0");
        SnapshotFixture.publishJson(snapshotFile, next);
        clock.advance(SnapshotStore.CHECK_INTERVAL);
        HttpResponse<String> after = getIfNoneMatch("/api/v1/overview", exec, etag(before));

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(etag(after)).isNotEqualTo(etag(before));
        JsonNode overview = JSON.readTree(after.body());
        assertThat(overview.path("run_id").asText()).isEqualTo("run-2");
        assertThat(overview.path("latest").path("mau").asLong()).isEqualTo(8);
        assertThat(overview.path("latest").path("adoption_rate").asDouble()).isEqualTo(1.0);
        assertThat(get("/api/v1/overview", exec).body()).isEqualTo(after.body());
    }

    @Test
    void aLeadAndAnExecutiveAskingTheSameGetTheirOwnAnswers() throws Exception {
        String path = "/api/v1/adoption?team=Big%20Team";
        HttpResponse<String> forExec = get(path, session("exec"));
        HttpResponse<String> forLead = getIfNoneMatch(path, session("lead"), etag(forExec));

        assertThat(forLead.statusCode()).isEqualTo(200);
        assertThat(etag(forLead)).isNotEqualTo(etag(forExec));
        JsonNode exec = JSON.readTree(forExec.body());
        JsonNode lead = JSON.readTree(forLead.body());
        // Executives see figures only, and every team; the lead sees their team's people to call.
        assertThat(exec.path("users").isNull()).isTrue();
        assertThat(texts(exec.path("teams"), "team")).containsExactly("Big Team", "Tiny Team");
        assertThat(texts(lead.path("users"), "display_name")).containsExactly("Dee", "Eve");
        assertThat(texts(lead.path("teams"), "team")).containsExactly("Big Team");
        assertThat(exec.path("latest").path("mau").asLong()).isEqualTo(5);
        assertThat(lead.path("latest").path("mau").asLong()).isEqualTo(5);
    }

    @Test
    void aLeadOfOneTeamNeverGetsTheCachedAnswerOfAnother() throws Exception {
        String tinyLead = session("tiny-lead");
        String bigLead = session("lead");
        HttpResponse<String> tiny = get("/api/v1/adoption", tinyLead);
        HttpResponse<String> tinyByName = get("/api/v1/adoption?team=Tiny%20Team", tinyLead);
        assertThat(JSON.readTree(tiny.body()).path("selection").path("team").asText()).isEqualTo("Tiny Team");
        assertThat(texts(JSON.readTree(tiny.body()).path("users"), "display_name")).containsExactly("Ida");

        // The same URLs, answered for Tiny Team just before: Big Team's lead gets their own team or a 403.
        HttpResponse<String> big = getIfNoneMatch("/api/v1/adoption", bigLead, etag(tiny));
        assertThat(big.statusCode()).isEqualTo(200);
        JsonNode adoption = JSON.readTree(big.body());
        assertThat(adoption.path("selection").path("team").asText()).isEqualTo("Big Team");
        assertThat(texts(adoption.path("teams"), "team")).containsExactly("Big Team");
        assertThat(texts(adoption.path("users"), "display_name")).containsExactly("Dee", "Eve");
        for (String ifNoneMatch : List.of("", etag(tinyByName), "*")) {
            HttpResponse<String> refused = getIfNoneMatch("/api/v1/adoption?team=Tiny%20Team", bigLead, ifNoneMatch);
            assertThat(refused.statusCode()).as(ifNoneMatch).isEqualTo(403);
            assertThat(refused.headers().firstValue("ETag")).as(ifNoneMatch).isEmpty();
            assertThat(JSON.readTree(refused.body()).path("message").asText())
                    .isEqualTo("Team 'Tiny Team' is not in your scope; you may see: Big Team");
        }
    }

    /** Waits until the readers have had {@code more} answers, so every swap happens under their requests. */
    private static void awaitAnswers(AtomicInteger answered, int more) {
        int target = answered.get() + more;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (answered.get() < target && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(answered.get()).as("answers while swapping").isGreaterThanOrEqualTo(target);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of a data endpoint by a caller who may hold a copy: its entity tag in {@code If-None-Match}. */
    private HttpResponse<String> getIfNoneMatch(String path, String cookie, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("Cookie", cookie);
        if (ifNoneMatch != null && !ifNoneMatch.isEmpty()) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path, String cookie) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, cookie);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A POST as the browser sends it: with the CSRF cookie of the sign-in page and its token in the header. */
    private HttpResponse<String> post(String path, String body, String cookie) throws IOException, InterruptedException {
        String token = csrfToken();
        String cookies = "uptake_csrf=" + token + (cookie == null ? "" : "; " + cookie);
        HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Cookie", cookies).header("X-CSRF-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The token of the CSRF cookie that the sign-in page sets, fetched once per test. */
    private String csrfToken() throws IOException, InterruptedException {
        if (csrfToken == null) {
            HttpResponse<String> page = get("/login", null);
            csrfToken = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("uptake_csrf="))
                    .findFirst().orElseThrow().split(";", 2)[0].substring("uptake_csrf=".length());
        }
        return csrfToken;
    }

    private HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        return post("/api/v1/login", JSON.createObjectNode().put("username", username).put("password", password).toString(), null);
    }

    /** Signs in and returns the Cookie header value of the session. */
    private String session(String username) throws IOException, InterruptedException {
        HttpResponse<String> response = login(username, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return cookieOf(response);
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }
}
