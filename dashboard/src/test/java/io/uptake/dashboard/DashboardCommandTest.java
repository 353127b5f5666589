package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.http.ServerOptions;
import io.uptake.http.TlsCredentials;
import java.net.InetAddress;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutAUsersFileAndNamesTheFlag() {
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--data", "d"}))
                .hasMessage("--users FILE is required: the accounts allowed to sign in (./uptake demo writes one with demo accounts)");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", dir.resolve("none.json").toString()}))
                .hasMessage("--users " + dir.resolve("none.json") + ": no such file");
    }

    @Test
    void readsDataPortAndUsersAndRejectsABadPort() throws IOException {
        Path users = Files.writeString(dir.resolve("users.json"), "{\"accounts\":[]}");

        DashboardCommand.Options options = DashboardCommand.parse(
                new String[] {"--data", dir.toString(), "--port", "8081", "--users", users.toString()});
        assertThat(options.server().port()).isEqualTo(8081);
        assertThat(options.layout().snapshot()).isEqualTo(dir.resolve("warehouse/serving/snapshot.json"));
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--port", "70000", "--users", users.toString()}))
                .hasMessage("--port must be a number from 0 to 65535, got '70000'");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--colour", "red"}))
                .hasMessage("unknown option '--colour'");
    }

    @Test
    void readsTheTlsCertificateAndKeyAndNeedsBothOrNeither() throws IOException {
        Path users = Files.writeString(dir.resolve("users.json"), "{\"accounts\":[]}");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "");
        Path key = Files.writeString(dir.resolve("key.pem"), "");

        assertThat(DashboardCommand.parse(new String[] {"--users", users.toString()}).server().tls()).isNull();
        assertThat(DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-cert", cert.toString(),
                "--tls-key", key.toString()}).server().tls()).isEqualTo(new TlsCredentials(cert, key));
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-cert", cert.toString()}))
                .hasMessage("--tls-cert needs --tls-key FILE too: the PEM private key of the certificate");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-key", key.toString()}))
                .hasMessage("--tls-key needs --tls-cert FILE too: the PEM certificate (chain) of the key");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-cert", missing.toString(),
                "--tls-key", key.toString()})).hasMessage("--tls-cert " + missing + ": no such file");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-cert", cert.toString(),
                "--tls-key", missing.toString()})).hasMessage("--tls-key " + missing + ": no such file");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--tls-cert"}))
                .hasMessage("--tls-cert needs a value");
    }

    @Test
    void listensOnEveryInterfaceByDefaultOrWhereHostSaysAndTrustsTheNamedProxies() throws IOException {
        Path users = Files.writeString(dir.resolve("users.json"), "{\"accounts\":[]}");

        assertThat(DashboardCommand.parse(new String[] {"--users", users.toString()}).server())
                .isEqualTo(new ServerOptions("0.0.0.0", 7070, null, List.of()));
        assertThat(DashboardCommand.parse(new String[] {"--users", users.toString(), "--host", "127.0.0.1",
                "--trusted-proxy", "10.0.0.5", "--trusted-proxy", "::1"}).server())
                .isEqualTo(new ServerOptions("127.0.0.1", 7070, null,
                        List.of(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("::1"))));
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--users", users.toString(), "--trusted-proxy", "proxy.example"}))
                .hasMessage("--trusted-proxy 'proxy.example' is not an IP address: give the address the proxy connects from, "
                        + "such as 127.0.0.1 or 10.0.0.5");
    }
}
