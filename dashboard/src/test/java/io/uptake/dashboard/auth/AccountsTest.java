package io.uptake.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenUsersFileLoadsBackOwnerOnlyAndChecksPasswords() throws IOException {
        Path file = dir.resolve("users.json");
        Accounts.write(file, List.of(new Account("ana", Accounts.hash("s3cret"), Role.LEAD, List.of("Sales West"))));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain("s3cret").contains("\"role\" : \"lead\"");
        Accounts accounts = Accounts.load(file);
        assertThat(accounts.authenticate("ana", "s3cret")).map(Account::scope)
                .contains(new Scope(Role.LEAD, List.of("Sales West")));
        assertThat(accounts.authenticate("ana", "S3cret")).isEmpty();
        assertThat(accounts.authenticate("bob", "s3cret")).isEmpty();
    }

    @Test
    void aPasswordOverSeventyTwoUtf8BytesIsRefusedAtCreationAndMatchesNothing() {
        String ascii73 = "a".repeat(73);
        String threeByte75 = "\u20ac".repeat(25);

        assertThatThrownBy(() -> Accounts.hash(ascii73)).hasMessage(
                "A password may be at most 72 bytes in UTF-8 (bcrypt's limit); this one is 73 bytes: choose a shorter one");
        assertThatThrownBy(() -> Accounts.hash(threeByte75)).hasMessage(
                "A password may be at most 72 bytes in UTF-8 (bcrypt's limit); this one is 75 bytes: choose a shorter one");
        Accounts accounts = new Accounts(List.of(new Account("ana", Accounts.hash("a".repeat(72)), Role.TRAINER, List.of())));
        assertThat(accounts.authenticate("ana", "a".repeat(72))).isPresent();
        assertThat(accounts.authenticate("ana", ascii73)).isEmpty();
        assertThat(accounts.authenticate("ana", threeByte75)).isEmpty();
    }

    @Test
    void anUnknownRoleIsNamedWithTheEntryAndTheFile() throws IOException {
        Path file = write("{\"accounts\":[{\"username\":\"ana\",\"password_hash\":\"$2a$10$x\",\"role\":\"admin\"}]}");

        assertThatThrownBy(() -> Accounts.load(file)).hasMessage(
                "Unknown role 'admin' in account 1 of " + file + ": expected executive, trainer or lead");
    }

    @Test
    void aLeadWithoutTeamsAPlainPasswordAndATwiceListedNameAreRefused() throws IOException {
        Path noTeams = write("{\"accounts\":[{\"username\":\"ana\",\"password_hash\":\"$2a$10$x\",\"role\":\"lead\"}]}");
        assertThatThrownBy(() -> Accounts.load(noTeams))
                .hasMessage("account 'ana' is a lead without teams in " + noTeams + ": give it \"teams\"");

        Path plain = write("{\"accounts\":[{\"username\":\"ana\",\"password_hash\":\"demo\",\"role\":\"trainer\"}]}");
        assertThatThrownBy(() -> Accounts.load(plain))
                .hasMessage("The password_hash of account 1 of " + plain + " is not a bcrypt hash");

        Path twice = write("{\"accounts\":[{\"username\":\"ana\",\"password_hash\":\"$2a$10$x\",\"role\":\"trainer\"},"
                + "{\"username\":\"ana\",\"password_hash\":\"$2a$10$y\",\"role\":\"executive\"}]}");
        assertThatThrownBy(() -> Accounts.load(twice)).hasMessage("account 'ana' is listed twice");
    }

    @Test
    void aFileThatIsNotJsonSaysSo() throws IOException {
        Path file = write("accounts: ana");

        assertThatThrownBy(() -> Accounts.load(file)).hasMessageStartingWith("The users file " + file + " is not valid JSON");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("users-" + json.hashCode() + ".json"), json);
    }
}
