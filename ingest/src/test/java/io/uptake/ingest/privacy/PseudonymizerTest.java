package io.uptake.ingest.privacy;

import static io.uptake.ingest.TestFixtures.ADA_15;
import static io.uptake.ingest.TestFixtures.ADA_18;
import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_15;
import static io.uptake.ingest.TestFixtures.GRACE_18;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.SESS77_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.ingest.TestFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {

    @TempDir
    Path dir;

    private final Pseudonymizer pseudonymizer = TestFixtures.pseudonymizer();

    @Test
    void userKeyIsTheHmacSha256OfTheEighteenCharacterId() {
        // Expected values from openssl (see TestFixtures), not from the code under test.
        assertThat(pseudonymizer.userKey(ADA_18)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.userKey(GRACE_18)).isEqualTo(GRACE_KEY);
    }

    @Test
    void fifteenAndEighteenCharacterFormsOfOneUserGiveOneKey() {
        assertThat(pseudonymizer.userKey(ADA_15)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.userKey(GRACE_15)).isEqualTo(GRACE_KEY);
        // A lower-cased checksum and surrounding blanks do not split a user in two.
        assertThat(pseudonymizer.userKey("005Aa00000BcDeFiav")).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.userKey(" " + ADA_15 + " ")).isEqualTo(ADA_KEY);
    }

    @Test
    void otherIdsAndSessionsAreKeyedAsTheyAre() {
        assertThat(pseudonymizer.userKey("u-1042")).isEqualTo(U1042_KEY);
        assertThat(pseudonymizer.hmac("sess-77")).isEqualTo(SESS77_KEY);
    }

    @Test
    void keysAskedForAgainAndAfterTheCacheIsFullAreTheSame() {
        assertThat(pseudonymizer.userKey(ADA_15)).isEqualTo(ADA_KEY);
        // Remembered by the raw value: the other form of the id is worked out on its own, to the same key.
        assertThat(pseudonymizer.userKey(ADA_18)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.userKey(ADA_15)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.hmac("sess-77")).isEqualTo(SESS77_KEY);
        for (int i = 0; i < Pseudonymizer.CACHED_VALUES + 10; i++) {
            pseudonymizer.userKey("u-" + i);
            pseudonymizer.hmac("s-" + i);
        }
        assertThat(pseudonymizer.userKey("u-1042")).isEqualTo(U1042_KEY);
        assertThat(pseudonymizer.userKey(GRACE_15)).isEqualTo(GRACE_KEY);
        assertThat(pseudonymizer.userKey(ADA_15)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.hmac("sess-77")).isEqualTo(SESS77_KEY);
        // A session id that equals a user id is keyed as it is, not as the normalised user id.
        assertThat(pseudonymizer.hmac(ADA_15)).isNotEqualTo(ADA_KEY);
    }

    @Test
    void aUserRecordIdIsStoredAsThatUsersKeyAndOtherRecordIdsAsTheyAre() {
        assertThat(pseudonymizer.recordId("User", ADA_18)).isEqualTo(ADA_KEY);
        // The key prefix 005 is a User, whatever the object type says.
        assertThat(pseudonymizer.recordId(null, ADA_15)).isEqualTo(ADA_KEY);
        assertThat(pseudonymizer.recordId("Opportunity", "006Aa00000XyZwQIAV")).isEqualTo("006Aa00000XyZwQIAV");
        assertThat(pseudonymizer.recordId("User", null)).isNull();
    }

    @Test
    void anotherKeyGivesAnotherUserKey() {
        Pseudonymizer other = Pseudonymizer.withKey("another-key-0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));

        // printf '005Aa00000BcDeFIAV' | openssl dgst -sha256 -hmac another-key-0123456789abcdefghij
        assertThat(other.userKey(ADA_18)).isEqualTo("320cc3abf2b148ca05313c48aab1e9e38d71b8555bf8e1243a35ce8dde938658");
    }

    @Test
    void loadOrCreateWritesAnOwnerOnlyKeyOnceAndReusesIt() throws IOException {
        Path keyFile = dir.resolve("data").resolve("pseudonymisation.key");

        Pseudonymizer first = Pseudonymizer.loadOrCreate(keyFile);
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        Pseudonymizer second = Pseudonymizer.loadOrCreate(keyFile);

        // 32 random bytes as 64 hex digits and a newline.
        assertThat(text).matches("[0-9a-f]{64}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(second.userKey(ADA_15)).isEqualTo(first.userKey(ADA_18));
        // Only the key is left in the directory: the temporary file used to create it is gone.
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pseudonymisation.key");
        }
    }

    @Test
    void loadOrCreateUsesAnExistingKeyFile() throws IOException {
        Path keyFile = dir.resolve("pseudonymisation.key");
        // hex of the 32 ASCII bytes of TestFixtures.KEY_TEXT
        Files.writeString(keyFile, "757074616b652d746573742d6b65792d30313233343536373839616263646566\n");

        assertThat(Pseudonymizer.loadOrCreate(keyFile).userKey(ADA_15)).isEqualTo(ADA_KEY);
    }

    @Test
    void aKeyFileThatIsNotAHexKeyOfSixteenBytesIsRefused() throws IOException {
        Path keyFile = dir.resolve("pseudonymisation.key");
        Files.writeString(keyFile, "00112233445566778899aabbccddee\n");

        // 30 hex digits are 15 bytes: one short.
        assertThatThrownBy(() -> Pseudonymizer.loadOrCreate(keyFile))
                .isInstanceOf(IOException.class)
                .hasMessage("The pseudonymisation key " + keyFile + " is not a hex key of at least 16 bytes");
    }
}
