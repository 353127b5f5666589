package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.http.ServerOptions;
import io.uptake.http.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSRF, sign-in throttling, TLS and the error and header hygiene of the real app on a free port. */
class SecurityTest {

    static final String PASSWORD = "correct horse";
    static final ObjectMapper JSON = new ObjectMapper();
    static Accounts accounts;

    @TempDir
    Path dir;
    TestClock clock;
    Javalin app;
    HttpClient http;
    String scheme = "http";
    /** Headers a proxy in front would add, sent with every request. */
    Map<String, String> proxyHeaders = Map.of();

    @BeforeAll
    static void createAccounts() {
        String hash = Accounts.hash(PASSWORD);
        accounts = new Accounts(List.of(new Account("lead", hash, Role.LEAD, List.of("Big Team")),
                new Account("exec", hash, Role.EXECUTIVE, List.of())));
    }

    @BeforeEach
    void start() throws IOException {
        Path snapshot = dir.resolve("serving/snapshot.json");
        SnapshotFixture.publish(snapshot, "run-1");
        clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        app = DashboardApp.create(accounts, new SnapshotStore(snapshot, clock, DashboardApp.json()), clock).start(0);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    // CSRF

    @Test
    void pagesGiveABrowserWithoutOneAScriptReadableSameSiteCsrfCookie() throws Exception {
        String cookie = setCookie(get("/login", null), "uptake_csrf").orElseThrow();

        assertThat(cookie).matches("uptake_csrf=[A-Za-z0-9_-]{43}; Path=/; SameSite=Strict");
        String token = value(cookie);
        assertThat(setCookie(get("/login", "uptake_csrf=" + token), "uptake_csrf")).as("kept while the browser has one").isEmpty();
        assertThat(setCookie(get("/api/v1/health", null), "uptake_csrf")).as("not on API data").isEmpty();
        assertThat(setCookie(get("/assets/app.css", null), "uptake_csrf")).as("not on assets").isEmpty();
        assertThat(value(setCookie(get("/login", null), "uptake_csrf").orElseThrow())).as("a new random token each time")
                .isNotEqualTo(token);
    }

    @Test
    void getMeGivesASignedInBrowserACsrfCookieWhenItHasNone() throws Exception {
        String session = session("lead", csrfToken());

        HttpResponse<String> me = get("/api/v1/me", session);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(setCookie(me, "uptake_csrf").orElseThrow()).matches("uptake_csrf=[A-Za-z0-9_-]{43}; Path=/; SameSite=Strict");
    }

    @Test
    void signInNeedsTheCsrfCookieAndTheSameTokenInTheHeader() throws Exception {
        String token = csrfToken();
        String body = credentials("lead", PASSWORD);

        assertCsrfRefusal(post("/api/v1/login", body, null, null, null),
                "No uptake_csrf cookie: load a page of this site (such as /login) first, then send the cookie's value in the X-CSRF-Token header");
        assertCsrfRefusal(post("/api/v1/login", body, "uptake_csrf=" + token, null, null),
                "Missing X-CSRF-Token header: send the value of the uptake_csrf cookie");
        assertCsrfRefusal(post("/api/v1/login", body, "uptake_csrf=" + token, csrfToken(), null),
                "The X-CSRF-Token header does not match the uptake_csrf cookie: reload the page and try again");
        assertCsrfRefusal(post("/api/v1/login", body, null, token, null),
                "No uptake_csrf cookie: load a page of this site (such as /login) first, then send the cookie's value in the X-CSRF-Token header");

        HttpResponse<String> right = post("/api/v1/login", body, "uptake_csrf=" + token, token, null);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(setCookie(right, "uptake_session")).isPresent();
    }

    @Test
    void signOutNeedsTheCsrfTokenAndWithoutItTheSessionLives() throws Exception {
        String token = csrfToken();
        String session = session("lead", token);

        assertCsrfRefusal(post("/api/v1/logout", "", session, null, null),
                "No uptake_csrf cookie: load a page of this site (such as /login) first, then send the cookie's value in the X-CSRF-Token header");
        assertCsrfRefusal(post("/api/v1/logout", "", session + "; uptake_csrf=" + token, null, null),
                "Missing X-CSRF-Token header: send the value of the uptake_csrf cookie");
        assertCsrfRefusal(post("/api/v1/logout", "", session + "; uptake_csrf=" + token, token.substring(1) + "A", null),
                "The X-CSRF-Token header does not match the uptake_csrf cookie: reload the page and try again");
        assertThat(get("/api/v1/me", session).statusCode()).isEqualTo(200);

        assertThat(post("/api/v1/logout", "", session + "; uptake_csrf=" + token, token, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/me", session).statusCode()).isEqualTo(401);
    }

    @Test
    void aStateChangingRequestFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        String token = csrfToken();
        String cookie = "uptake_csrf=" + token;
        String body = credentials("lead", PASSWORD);

        for (String origin : List.of("https://evil.example", "http://localhost:" + (app.port() + 1), "null")) {
            HttpResponse<String> response = post("/api/v1/login", body, cookie, token, origin);
            assertCsrfRefusal(response, "Cross-site request refused: Origin '" + origin
                    + "' is not this site (http://localhost:" + app.port() + ")");
        }
        assertThat(post("/api/v1/login", body, cookie, token, "http://localhost:" + app.port()).statusCode()).isEqualTo(200);
    }

    @Test
    void otherStateChangingMethodsNeedTheTokenToo() throws Exception {
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/me"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("error").asText()).as(method).isEqualTo("csrf");
        }
    }

    // Sign-in throttling

    @Test
    void afterThreeFailuresTheNextAttemptWaitsAGrowingDelayWithoutAPasswordCheck() throws Exception {
        String token = csrfToken();
        for (int i = 0; i < 3; i++) {
            assertThat(login("lead", "wrong", token).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = login("lead", PASSWORD, token);
        assertThrottled(refused, "1", "Too many failed sign-ins: wait 1 second before trying again");
        assertThrottled(login("LEAD", PASSWORD, token), "1", "Too many failed sign-ins: wait 1 second before trying again");
        assertThat(setCookie(refused, "uptake_session")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(login("Lead", "wrong", token).statusCode()).as("the 4th failure, in any case").isEqualTo(401);
        assertThrottled(login("lead", PASSWORD, token), "2", "Too many failed sign-ins: wait 2 seconds before trying again");
        clock.advance(Duration.ofMillis(1500));
        assertThrottled(login("lead", PASSWORD, token), "1", "Too many failed sign-ins: wait 1 second before trying again");
        clock.advance(Duration.ofMillis(500));
        assertThat(login("lead", PASSWORD, token).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownUsernameIsThrottledTheSameWaySoARefusalRevealsNothing() throws Exception {
        String token = csrfToken();
        for (String username : List.of("lead", "nobody")) {
            for (int i = 0; i < 3; i++) {
                assertThat(login(username, "wrong", token).statusCode()).isEqualTo(401);
            }
            assertThrottled(login(username, "wrong", token), "1", "Too many failed sign-ins: wait 1 second before trying again");
        }
    }

    @Test
    void tenFailuresWithinFifteenMinutesLockTheUsernameFromThatAddressForFifteenMinutes() throws Exception {
        String token = csrfToken();
        for (int i = 0; i < 3; i++) {
            assertThat(login("lead", "wrong", token).statusCode()).isEqualTo(401);
        }
        // Failures 4 to 10, each after the delay the previous one set: 1 + 2 + ... + 64 = 127 seconds.
        for (int delay : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            clock.advance(Duration.ofSeconds(delay));
            assertThat(login("lead", "wrong", token).statusCode()).as("after %d s", delay).isEqualTo(401);
        }

        String locked = "Too many failed sign-ins: this username is locked from your address until 2026-01-01T08:17:07Z (UTC); try again after that";
        HttpResponse<String> refused = login("lead", PASSWORD, token);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("900");
        assertThat(JSON.readTree(refused.body())).isEqualTo(JSON.createObjectNode().put("error", "locked").put("message", locked));

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        HttpResponse<String> stillLocked = login("lead", PASSWORD, token);
        assertThat(stillLocked.statusCode()).isEqualTo(429);
        assertThat(stillLocked.headers().firstValue("Retry-After")).contains("1");
        assertThat(JSON.readTree(stillLocked.body()).path("message").asText()).isEqualTo(locked);

        clock.advance(Duration.ofSeconds(1));
        assertThat(login("lead", PASSWORD, token).statusCode()).isEqualTo(200);
        assertThat(login("exec", PASSWORD, token).statusCode()).as("other usernames were never locked").isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInForgetsTheFailures() throws Exception {
        String token = csrfToken();
        assertThat(login("lead", "wrong", token).statusCode()).isEqualTo(401);
        assertThat(login("lead", "wrong", token).statusCode()).isEqualTo(401);
        assertThat(login("lead", PASSWORD, token).statusCode()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertThat(login("lead", "wrong", token).statusCode()).as("failure %d after the success", i + 1).isEqualTo(401);
        }
        assertThat(login("lead", "wrong", token).statusCode()).isEqualTo(429);
    }

    @Test
    void oneAddressTryingManyUsernamesIsSlowedDownToo() throws Exception {
        String token = csrfToken();
        for (int i = 1; i <= 20; i++) {
            assertThat(login("user" + i, "wrong", token).statusCode()).as("user%d", i).isEqualTo(401);
        }

        assertThrottled(login("user21", "wrong", token), "1", "Too many failed sign-ins: wait 1 second before trying again");
        assertThrottled(login("lead", PASSWORD, token), "1", "Too many failed sign-ins: wait 1 second before trying again");
        clock.advance(Duration.ofSeconds(1));
        assertThat(login("lead", PASSWORD, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordOverSeventyTwoBytesIsAWrongPasswordNotAnError() throws Exception {
        String token = csrfToken();
        // 73 ASCII bytes, and 25 euro signs of 3 bytes each (75 bytes in 25 characters).
        for (String password : List.of("a".repeat(73), "\u20ac".repeat(25))) {
            HttpResponse<String> response = login("exec", password, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("error", "unauthenticated")
                    .put("message", "Wrong username or password"));
        }
    }

    @Test
    void tenWrongPasswordsFromOneAddressLockItOutButTheRightOneFromAnotherSignsIn() throws Exception {
        restart(new ServerOptions("127.0.0.1", 0, null, List.of(InetAddress.getByName("127.0.0.1"))));
        String token = csrfToken();
        proxyHeaders = Map.of("X-Forwarded-For", "198.51.100.1");
        for (int i = 0; i < 3; i++) {
            assertThat(login("exec", "wrong", token).statusCode()).isEqualTo(401);
        }
        for (int delay : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            clock.advance(Duration.ofSeconds(delay));
            assertThat(login("exec", "wrong", token).statusCode()).as("after %d s", delay).isEqualTo(401);
        }

        proxyHeaders = Map.of("X-Forwarded-For", "198.51.100.2");
        assertThat(login("exec", PASSWORD, token).statusCode()).as("the owner from elsewhere").isEqualTo(200);
        proxyHeaders = Map.of("X-Forwarded-For", "198.51.100.1");
        HttpResponse<String> locked = login("exec", PASSWORD, token);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(locked.body()).path("error").asText()).isEqualTo("locked");
    }

    // Errors and headers

    @Test
    void jettysOwnErrorPagesCarryTheSecurityHeaders() throws Exception {
        String longUri = "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String longHeader = "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
        String badRequestLine = "NOT HTTP AT ALL\r\n\r\n";

        for (Map.Entry<String, Integer> request : Map.of(longUri, 414, longHeader, 431, badRequestLine, 400).entrySet()) {
            String response = raw(request.getKey());
            assertThat(response).as("%d", request.getValue()).startsWith("HTTP/1.1 " + request.getValue() + " ")
                    .contains("Content-Security-Policy: " + DashboardApp.CONTENT_SECURITY_POLICY + "\r\n",
                            "X-Content-Type-Options: nosniff\r\n", "X-Frame-Options: DENY\r\n", "Referrer-Policy: no-referrer\r\n")
                    .doesNotContain("Server:");
        }
    }

    @Test
    void anUnknownTeamIsNotFoundByNameWhileALeadLearnsNothingOfTeamsOutsideTheScope() throws Exception {
        String exec = session("exec", csrfToken());
        for (String path : List.of("/api/v1/adoption?team=Nope", "/api/v1/training?team=Nope")) {
            HttpResponse<String> response = get(path, exec);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body())).as(path).isEqualTo(JSON.createObjectNode().put("error", "not_found")
                    .put("message", "No team 'Nope' in the snapshot of 2025-12-31; teams: Big Team, Tiny Team"));
        }

        String lead = session("lead", csrfToken());
        for (String team : List.of("Nope", "Tiny%20Team")) {
            HttpResponse<String> response = get("/api/v1/adoption?team=" + team, lead);
            assertThat(response.statusCode()).as(team).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).path("message").asText()).as(team)
                    .isEqualTo("Team '" + team.replace("%20", " ") + "' is not in your scope; you may see: Big Team");
        }
    }

    @Test
    void anInternalErrorIsJsonWithoutAStackTrace() throws Exception {
        app.stop();
        Clock broken = new Clock() {
            @Override
            public Instant instant() {
                throw new IllegalStateException("the clock broke");
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        app = DashboardApp.create(accounts, new SnapshotStore(dir.resolve("serving/snapshot.json"), broken, DashboardApp.json()), clock)
                .start(0);

        HttpResponse<String> response = get("/api/v1/health", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"error\":\"internal\",\"message\":\"Internal error; the server log has the details\"}"));
        assertThat(response.body()).doesNotContain("Exception", "at io.", "the clock broke");
    }

    @Test
    void theContentSecurityPolicyAllowsNoInlineScriptAndNoFraming() throws Exception {
        String csp = get("/login", null).headers().firstValue("Content-Security-Policy").orElseThrow();
        List<String> directives = Arrays.stream(csp.split(";")).map(String::strip).toList();

        assertThat(directives).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'");
        assertThat(directives.stream().filter(d -> d.startsWith("script-src")).findFirst().orElseThrow())
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'");
    }

    @Test
    void apiPageAssetAndNotFoundResponsesAllCarryTheHeadersAndNoServerBanner() throws Exception {
        String session = session("exec", csrfToken());
        for (String path : List.of("/api/v1/health", "/api/v1/overview", "/overview", "/login", "/assets/app.css",
                "/no-such-page", "/api/v1/no-such-endpoint", "/assets/no-such-file.js")) {
            HttpResponse<String> response = get(path, session);
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).contains(DashboardApp.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
        }
        assertThat(get("/no-such-page", session).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/no-such-endpoint", session).statusCode()).isEqualTo(404);
    }

    // TLS

    @Test
    void overTlsTheSessionAndCsrfCookiesAreSecure() throws Exception {
        restartOverTls();

        String csrf = setCookie(get("/login", null), "uptake_csrf").orElseThrow();
        assertThat(csrf).matches("uptake_csrf=[A-Za-z0-9_-]{43}; Path=/; Secure; SameSite=Strict");
        String token = value(csrf);
        HttpResponse<String> login = post("/api/v1/login", credentials("lead", PASSWORD), "uptake_csrf=" + token, token,
                "https://localhost:" + app.port());
        assertThat(login.statusCode()).isEqualTo(200);
        String session = setCookie(login, "uptake_session").orElseThrow();
        assertThat(session).matches("uptake_session=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict");
        assertThat(get("/api/v1/me", session.split(";", 2)[0]).statusCode()).isEqualTo(200);
    }

    @Test
    void overTlsEveryAnswerCarriesHstsAndOverPlainHttpNone() throws Exception {
        for (String path : List.of("/login", "/api/v1/health", "/api/v1/no-such-endpoint")) {
            assertThat(get(path, null).headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
        }
        restartOverTls();
        for (String path : List.of("/login", "/api/v1/health", "/api/v1/no-such-endpoint", "/assets/app.css")) {
            assertThat(get(path, null).headers().firstValue("Strict-Transport-Security")).as(path).contains("max-age=31536000");
        }
    }

    // Behind a proxy

    @Test
    void behindATrustedTlsProxySignInWorksWithSecureCookiesAndHsts() throws Exception {
        restart(new ServerOptions("127.0.0.1", 0, null, List.of(InetAddress.getByName("127.0.0.1"))));
        proxyHeaders = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dash.example.com");

        HttpResponse<String> page = get("/login", null);
        String csrf = setCookie(page, "uptake_csrf").orElseThrow();
        assertThat(csrf).matches("uptake_csrf=[A-Za-z0-9_-]{43}; Path=/; Secure; SameSite=Strict");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        String token = value(csrf);
        HttpResponse<String> login = post("/api/v1/login", credentials("lead", PASSWORD), "uptake_csrf=" + token, token,
                "https://dash.example.com");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(setCookie(login, "uptake_session").orElseThrow())
                .matches("uptake_session=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    void aClientThatIsNotTheTrustedProxyCannotMakeTheDashboardBelieveItIsHttps() throws Exception {
        restart(new ServerOptions("127.0.0.1", 0, null, List.of(InetAddress.getByName("10.9.9.9"))));
        proxyHeaders = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dash.example.com",
                "Forwarded", "proto=https;host=dash.example.com");

        HttpResponse<String> page = get("/login", null);
        String csrf = setCookie(page, "uptake_csrf").orElseThrow();
        assertThat(csrf).matches("uptake_csrf=[A-Za-z0-9_-]{43}; Path=/; SameSite=Strict");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        String token = value(csrf);
        assertCsrfRefusal(post("/api/v1/login", credentials("lead", PASSWORD), "uptake_csrf=" + token, token, "https://dash.example.com"),
                "Cross-site request refused: Origin 'https://dash.example.com' is not this site (http://localhost:" + app.port() + ")");
        HttpResponse<String> login = post("/api/v1/login", credentials("lead", PASSWORD), "uptake_csrf=" + token, token, null);
        assertThat(setCookie(login, "uptake_session").orElseThrow()).doesNotContain("Secure");
    }

    // Helpers

    private void restart(ServerOptions server) {
        app.stop();
        app = DashboardApp.create(accounts, new SnapshotStore(dir.resolve("serving/snapshot.json"), clock, DashboardApp.json()),
                clock, server).start(0);
    }

    private void restartOverTls() throws Exception {
        restart(new ServerOptions("127.0.0.1", 0, TestTls.credentials(dir), List.of()));
        http = HttpClient.newBuilder().sslContext(TestTls.trusting()).followRedirects(HttpClient.Redirect.NEVER).build();
        scheme = "https";
    }

    /** Sends bytes as they are and reads the whole answer; the server closes after an error page. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private URI uri(String path) {
        return URI.create(scheme + "://localhost:" + app.port() + path);
    }

    private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        proxyHeaders.forEach(request::header);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String cookie, String csrfHeader, String origin)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        proxyHeaders.forEach(request::header);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (csrfHeader != null) {
            request.header("X-CSRF-Token", csrfHeader);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh CSRF token, as the sign-in page hands it out. */
    private String csrfToken() throws IOException, InterruptedException {
        return value(setCookie(get("/login", null), "uptake_csrf").orElseThrow());
    }

    private HttpResponse<String> login(String username, String password, String token) throws IOException, InterruptedException {
        return post("/api/v1/login", credentials(username, password), "uptake_csrf=" + token, token, null);
    }

    /** Signs in and returns the Cookie header value of the session. */
    private String session(String username, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = login(username, PASSWORD, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return setCookie(response, "uptake_session").orElseThrow().split(";", 2)[0];
    }

    private static String credentials(String username, String password) {
        return JSON.createObjectNode().put("username", username).put("password", password).toString();
    }

    private static Optional<String> setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    /** The value of a Set-Cookie header. */
    private static String value(String setCookie) {
        return setCookie.split(";", 2)[0].split("=", 2)[1];
    }

    private static void assertCsrfRefusal(HttpResponse<String> response, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("error", "csrf").put("message", message));
        assertThat(setCookie(response, "uptake_session")).isEmpty();
    }

    private static void assertThrottled(HttpResponse<String> response, String retryAfter, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains(retryAfter);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body).isEqualTo(JSON.createObjectNode().put("error", "throttled").put("message", message));
    }
}
