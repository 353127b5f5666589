package io.uptake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small app set up by {@link HttpServers}, on a free port of 127.0.0.1, driven over real sockets. */
class HttpServersTest {

    static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY");

    @TempDir
    Path dir;
    Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void listensOnlyWhereTheHostSays() {
        app = start(ServerOptions.plain("127.0.0.1", 0));
        assertThat(connector().getHost()).isEqualTo("127.0.0.1");
        app.stop();

        app = start(ServerOptions.plain("0.0.0.0", 0));
        assertThat(connector().getHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void jettysOwnErrorPagesCarryTheHeadersAndNoServerBanner() throws IOException {
        app = start(ServerOptions.plain("127.0.0.1", 0));
        String longUri = "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        String longHeader = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
        String garbage = "NOT HTTP AT ALL\r\n\r\n";

        for (Map.Entry<String, Integer> request : Map.of(longUri, 414, longHeader, 431, garbage, 400).entrySet()) {
            String response = raw(request.getKey());
            int status = request.getValue();
            assertThat(response).as("%d", status).startsWith("HTTP/1.1 " + status + " ")
                    .contains("X-Content-Type-Options: nosniff\r\n", "X-Frame-Options: DENY\r\n")
                    .doesNotContain("Server:", "Strict-Transport-Security", "at org.eclipse");
        }
    }

    @Test
    void underTlsEveryAnswerCarriesHstsAndOverPlainHttpNone() throws Exception {
        app = start(new ServerOptions("127.0.0.1", 0, TestTls.credentials(dir), List.of()));
        HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trusting()).build();
        for (String path : List.of("/where", "/no-such-path")) {
            HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path).contains("max-age=31536000");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
        }
        app.stop();

        app = start(ServerOptions.plain("127.0.0.1", 0));
        HttpResponse<String> plain = get("/where", Map.of());
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(plain.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void aTrustedProxySaysTheSchemeHostAndClientAndItsHttpsAnswersCarryHsts() throws Exception {
        app = start(new ServerOptions("127.0.0.1", 0, null, List.of(InetAddress.getByName("127.0.0.1"))));

        HttpResponse<String> proxied = get("/where", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dash.example.com",
                "X-Forwarded-For", "203.0.113.7"));
        assertThat(proxied.body()).isEqualTo("https dash.example.com 443 203.0.113.7 secure");
        assertThat(proxied.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        HttpResponse<String> rfc7239 = get("/where", Map.of("Forwarded", "for=203.0.113.8;proto=https;host=dash.example.com"));
        assertThat(rfc7239.body()).isEqualTo("https dash.example.com 443 203.0.113.8 secure");
        HttpResponse<String> direct = get("/where", Map.of());
        assertThat(direct.body()).isEqualTo("http localhost " + app.port() + " 127.0.0.1 plain");
        assertThat(direct.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void forwardingHeadersFromAnAddressNotTrustedAreIgnored() throws Exception {
        app = start(new ServerOptions("127.0.0.1", 0, null, List.of(InetAddress.getByName("10.9.9.9"))));

        HttpResponse<String> response = get("/where", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dash.example.com",
                "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.8;proto=https"));
        assertThat(response.body()).isEqualTo("http localhost " + app.port() + " 127.0.0.1 plain");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        app.stop();

        app = start(ServerOptions.plain("127.0.0.1", 0));
        assertThat(get("/where", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7")).body())
                .as("no proxy named: none believed").isEqualTo("http localhost " + app.port() + " 127.0.0.1 plain");
    }

    @Test
    void theStartupLineSaysWhereItListensAndWarnsOfPlainHttpBeyondThisMachine() throws Exception {
        assertThat(HttpServers.startup("Dashboard", ServerOptions.plain("127.0.0.1", 7070), 7070, "", "passwords"))
                .isEqualTo(new HttpServers.Startup("Dashboard on http://127.0.0.1:7070 (this machine only)", null));
        assertThat(HttpServers.startup("Collector", ServerOptions.plain("0.0.0.0", 0), 40123, "/v1/events",
                "the ingest token and events")).isEqualTo(new HttpServers.Startup(
                        "Collector on http://0.0.0.0:40123/v1/events (every network interface)",
                        "WARNING: collector over plain HTTP on every network interface: the ingest token and events cross the "
                                + "network in clear. Give --tls-cert and --tls-key, or put a TLS proxy in front and name it with "
                                + "--trusted-proxy, or listen on this machine only with --host 127.0.0.1."));
        assertThat(HttpServers.startup("Dashboard", new ServerOptions("0.0.0.0", 443, TestTls.credentials(dir), List.of()), 443, "", "passwords"))
                .isEqualTo(new HttpServers.Startup("Dashboard on https://0.0.0.0:443 (every network interface)", null));
        assertThat(HttpServers.startup("Dashboard", new ServerOptions("::1", 8080, null, List.of()), 8080, "", "passwords").line())
                .isEqualTo("Dashboard on http://[::1]:8080 (this machine only)");
    }

    private Javalin start(ServerOptions options) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            HttpServers.configure(config, options, HEADERS);
            config.routes.get("/where", ctx -> ctx.result(ctx.req().getScheme() + " " + ctx.req().getServerName() + " "
                    + ctx.req().getServerPort() + " " + ctx.ip() + " " + (ctx.req().isSecure() ? "secure" : "plain")));
        }).start(options.port());
    }

    private ServerConnector connector() {
        return (ServerConnector) app.jettyServer().server().getConnectors()[0];
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes as they are and reads the whole answer; the server closes after an error page. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
