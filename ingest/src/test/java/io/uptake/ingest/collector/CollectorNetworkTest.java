package io.uptake.ingest.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.uptake.http.ServerOptions;
import io.uptake.http.TestTls;
import io.uptake.http.TlsCredentials;
import io.uptake.ingest.TestFixtures;
import io.uptake.warehouse.DataLayout;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the collector listens and how: --host, HTTPS from PEM files, the headers of Jetty's own error pages. */
class CollectorNetworkTest {

    static final String TOKEN = "test-ingest-token-0123456789";
    static final Map<String, String> ENV = Map.of(CollectorCommand.TOKEN_ENV, TOKEN);
    static final String EVENT = "{\"event_id\":\"n-1\",\"occurred_at\":\"2025-10-01T09:00:03Z\",\"user_id\":\"u-1042\","
            + "\"event_type\":\"record_update\",\"object_type\":\"Opportunity\",\"client\":\"web\"}";

    @TempDir
    Path tmp;
    Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void readsHostTlsAndTrustedProxyOptionsAndKeepsEveryInterfaceAsTheDefault() throws Exception {
        TlsCredentials tls = TestTls.credentials(tmp);
        Path cert = tls.certificate();
        Path key = tls.privateKey();

        assertThat(CollectorCommand.parse(new String[] {}, ENV).server())
                .isEqualTo(new ServerOptions("0.0.0.0", 7071, null, List.of()));
        assertThat(CollectorCommand.parse(new String[] {"--host", "127.0.0.1", "--port", "8443", "--tls-cert", cert.toString(),
                "--tls-key", key.toString(), "--trusted-proxy", "10.0.0.5"}, ENV).server())
                .isEqualTo(new ServerOptions("127.0.0.1", 8443, new TlsCredentials(cert, key), List.of(InetAddress.getByName("10.0.0.5"))));
        assertThatThrownBy(() -> CollectorCommand.parse(new String[] {"--tls-cert", cert.toString()}, ENV))
                .hasMessage("--tls-cert needs --tls-key FILE too: the PEM private key of the certificate");
    }

    @Test
    void overTlsTheCollectorTakesEventsOnTheGivenHostAndAnswersWithHsts() throws Exception {
        ServerOptions server = new ServerOptions("127.0.0.1", 0, TestTls.credentials(tmp), List.of());
        app = CollectorApp.create(config(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK, server).start(0);
        HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trusting())
                .version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + "/v1/events"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(((ServerConnector) app.jettyServer().server().getConnectors()[0]).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void jettysOwnErrorPagesCarryTheHeaders() throws Exception {
        app = CollectorApp.create(config(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK,
                ServerOptions.plain("127.0.0.1", 0)).start(0);
        String longHeader = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(longHeader.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 431 ").contains("X-Content-Type-Options: nosniff\r\n")
                    .doesNotContain("Server:");
        }
    }

    private CollectorConfig config() {
        return CollectorConfig.defaults(new DataLayout(tmp.resolve("data")), TOKEN).withFlushInterval(Duration.ofHours(1));
    }
}
