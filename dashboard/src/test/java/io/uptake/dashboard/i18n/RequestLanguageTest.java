package io.uptake.dashboard.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.TestClock;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The language of the server's answers, chosen per request; the real app on a free port. */
class RequestLanguageTest {

    static final String PASSWORD = "correct horse";
    static final String CHINESE_BROWSER = "zh-CN,zh;q=0.9,en;q=0.8";
    static final ObjectMapper JSON = new ObjectMapper();
    static Accounts accounts;

    @TempDir
    Path dir;
    TestClock clock;
    Javalin app;
    HttpClient http;
    String csrfToken;

    @BeforeAll
    static void createAccounts() {
        accounts = new Accounts(List.of(new Account("lead", Accounts.hash(PASSWORD), Role.LEAD, List.of("Big Team"))));
    }

    @BeforeEach
    void start() throws IOException {
        Path snapshotFile = dir.resolve("serving/snapshot.json");
        SnapshotFixture.publish(snapshotFile, "run-1");
        clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        app = DashboardApp.create(accounts, new SnapshotStore(snapshotFile, clock, DashboardApp.json()), clock).start(0);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    // The choice of language, without a server

    @Test
    void acceptLanguageGivesItsFirstSupportedLanguageByWeight() {
        assertThat(RequestLanguage.accepted(CHINESE_BROWSER)).contains(Language.ZH_CN);
        assertThat(RequestLanguage.accepted("en-GB,en;q=0.9,zh-CN;q=0.8")).contains(Language.EN);
        // Weights, not order: zh-Hans (Simplified) outweighs en.
        assertThat(RequestLanguage.accepted("en;q=0.5,fr;q=0.9,zh-Hans;q=0.7")).contains(Language.ZH_CN);
        // Traditional Chinese and French are not supported; q=0 refuses a language.
        assertThat(RequestLanguage.accepted("zh-TW,fr;q=0.9,en;q=0.1")).contains(Language.EN);
        assertThat(RequestLanguage.accepted("zh-TW,zh-CN;q=0")).isEmpty();
        assertThat(RequestLanguage.accepted("not a ;;; header")).isEmpty();
        assertThat(RequestLanguage.accepted(null)).isEmpty();
    }

    // Answers over HTTP

    @Test
    void aWrongPasswordIsAnsweredInTheBrowsersLanguage() throws Exception {
        HttpResponse<String> response = login("lead", "wrong", "", CHINESE_BROWSER, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body())).isEqualTo(body("unauthenticated", "用户名或密码错误"));
    }

    @Test
    void theLangParameterOverridesTheBrowsersLanguage() throws Exception {
        HttpResponse<String> response = login("lead", "wrong", "?lang=en", CHINESE_BROWSER, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body())).isEqualTo(body("unauthenticated", "Wrong username or password"));
    }

    @Test
    void withoutAnyHintTheAnswerIsEnglish() throws Exception {
        HttpResponse<String> response = login("lead", "wrong", "", null, null);

        assertThat(JSON.readTree(response.body())).isEqualTo(body("unauthenticated", "Wrong username or password"));
    }

    @Test
    void aThrottledSignInInChineseNamesTheWaitInSeconds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(login("lead", "wrong", "", CHINESE_BROWSER, null).statusCode()).isEqualTo(401);
        }
        // After 3 failures the next attempt waits 2^0 = 1 s; after the 4th, 2^1 = 2 s.
        clock.advance(Duration.ofSeconds(1));
        assertThat(login("lead", "wrong", "", CHINESE_BROWSER, null).statusCode()).isEqualTo(401);

        HttpResponse<String> refused = login("lead", PASSWORD, "", CHINESE_BROWSER, null);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("2");
        assertThat(JSON.readTree(refused.body())).isEqualTo(body("throttled", "登录失败次数过多：请等待 2 秒后再试"));
        clock.advance(Duration.ofMillis(1500));
        assertThat(JSON.readTree(login("lead", PASSWORD, "", CHINESE_BROWSER, null).body()))
                .isEqualTo(body("throttled", "登录失败次数过多：请等待 1 秒后再试"));
    }

    @Test
    void anUnknownApiPathIsAnsweredInChinese() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing-here", CHINESE_BROWSER, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body())).isEqualTo(body("not_found", "没有这个接口：GET /api/v1/nothing-here"));
    }

    @Test
    void theSignInCheckIsAnsweredInTheLanguageOfTheCookie() throws Exception {
        HttpResponse<String> response = get("/api/v1/adoption", CHINESE_BROWSER, RequestLanguage.COOKIE + "=en");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body())).isEqualTo(body("unauthenticated", "Sign in first: POST /api/v1/login"));
        assertThat(JSON.readTree(get("/api/v1/adoption", null, RequestLanguage.COOKIE + "=zh-CN").body()))
                .isEqualTo(body("unauthenticated", "请先登录：POST /api/v1/login"));
    }

    @Test
    void withoutASnapshotDataEndpointsAndHealthAnswerInChinese() throws Exception {
        Files.delete(dir.resolve("serving/snapshot.json"));
        String session = cookie(login("lead", PASSWORD, "", null, null), "uptake_session").orElseThrow();

        HttpResponse<String> adoption = get("/api/v1/adoption", CHINESE_BROWSER, session);
        assertThat(adoption.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(adoption.body()))
                .isEqualTo(body("no_snapshot", "尚未发布 KPI 快照：请运行 ./uptake jobs，然后重新加载此页面"));
        assertThat(JSON.readTree(get("/api/v1/health?lang=zh-CN", null, null).body()).path("problem")).isEqualTo(
                JSON.createObjectNode().put("category", "no_snapshot").put("message", "尚未发布 KPI 快照：请运行 ./uptake jobs"));
    }

    @Test
    void healthWritesTheProblemOfASnapshotThatHasGoneInChinese() throws Exception {
        assertThat(get("/api/v1/health", null, null).statusCode()).as("loads run-1").isEqualTo(200);
        Files.delete(dir.resolve("serving/snapshot.json"));
        clock.advance(SnapshotStore.CHECK_INTERVAL);

        HttpResponse<String> health = get("/api/v1/health", null, RequestLanguage.COOKIE + "=zh-CN");

        assertThat(JSON.readTree(health.body()).path("problem")).isEqualTo(JSON.createObjectNode()
                .put("category", "no_snapshot").put("message", "snapshot.json 已不存在；仍在提供运行 run-1（截至 2025-12-31）的快照"));
    }

    @Test
    void aCsrfRefusalIsAnsweredInTheBrowsersLanguage() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/logout")).header("Accept-Language", CHINESE_BROWSER)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body())).isEqualTo(body("csrf",
                "缺少 uptake_csrf Cookie：请先打开本站的一个页面（例如 /login），然后在 X-CSRF-Token 请求头中发送该 Cookie 的值"));
    }

    @Test
    void aPageWithLangSetsTheCookieThatTheSignInPostThenAnswersIn() throws Exception {
        HttpResponse<String> page = get("/login?lang=zh-CN", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        String setCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(RequestLanguage.COOKIE + "=")).findFirst().orElseThrow();
        // A year: 365 * 24 * 3600 = 31536000 seconds.
        assertThat(setCookie).startsWith("uptake_lang=zh-CN;").contains("Path=/", "SameSite=Lax", "Max-Age=31536000")
                .doesNotContain("HttpOnly", "Secure");
        String langCookie = setCookie.split(";", 2)[0];

        // The browser's own languages say English; the cookie the page set wins.
        HttpResponse<String> response = login("lead", "wrong", "", "en-US,en;q=0.9", langCookie);

        assertThat(JSON.readTree(response.body())).isEqualTo(body("unauthenticated", "用户名或密码错误"));
    }

    @Test
    void aPageWithoutLangOrWithAnUnsupportedOneSetsNoLanguageCookie() throws Exception {
        for (String path : List.of("/login", "/login?lang=fr", "/api/v1/health?lang=zh-CN")) {
            HttpResponse<String> response = get(path, null, null);
            assertThat(cookie(response, RequestLanguage.COOKIE)).as(path).isEmpty();
        }
        HttpResponse<String> again = get("/login?lang=zh-CN", null, RequestLanguage.COOKIE + "=zh-CN");
        assertThat(cookie(again, RequestLanguage.COOKIE)).as("the cookie says so already").isEmpty();
    }

    private static JsonNode body(String error, String message) {
        return JSON.createObjectNode().put("error", error).put("message", message);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    private HttpResponse<String> get(String path, String acceptLanguage, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sign-in POST as the login page sends it, with the CSRF cookie and header, and perhaps a language. */
    private HttpResponse<String> login(String username, String password, String query, String acceptLanguage, String cookie)
            throws IOException, InterruptedException {
        String token = csrfToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/login" + query))
                .header("Content-Type", "application/json").header("X-CSRF-Token", token)
                .header("Cookie", "uptake_csrf=" + token + (cookie == null ? "" : "; " + cookie))
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("username", username).put("password", password).toString()));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfToken() throws IOException, InterruptedException {
        if (csrfToken == null) {
            csrfToken = cookie(get("/login", null, null), "uptake_csrf").orElseThrow().substring("uptake_csrf=".length());
        }
        return csrfToken;
    }

    /** The {@code name=value} of a cookie the answer sets. */
    private static Optional<String> cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.split(";", 2)[0]).findFirst();
    }
}
