package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(options.port()).isEqualTo(8081);
        assertThat(options.layout().snapshot()).isEqualTo(dir.resolve("warehouse/serving/snapshot.json"));
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--port", "70000", "--users", users.toString()}))
                .hasMessage("--port must be a number from 0 to 65535, got '70000'");
        assertThatThrownBy(() -> DashboardCommand.parse(new String[] {"--colour", "red"}))
                .hasMessage("unknown option '--colour'");
    }
}
