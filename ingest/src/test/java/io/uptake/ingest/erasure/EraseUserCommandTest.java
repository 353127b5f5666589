package io.uptake.ingest.erasure;

import static io.uptake.ingest.TestFixtures.ADA_15;
import static io.uptake.ingest.TestFixtures.ADA_18;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.TestFixtures;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EraseUserCommandTest {

    private static final List<String> ADA_ERASED = List.of(
            "events: removed 4, changed 1",
            "users: removed 1, changed 1",
            "training: removed 1, changed 0",
            "records: removed 0, changed 1",
            "quarantine: removed 2, changed 0",
            "marts/adoption_daily: no user column, left as it is; the next ./uptake jobs run recomputes it",
            "marts/manager_support: removed 1, changed 0",
            "marts/user_activity: removed 1, changed 0",
            "serving/snapshot.json: removed 2, changed 0",
            // 4 + 1 + 1 + 0 + 2 + 1 + 1 + 2 = 12 removed; 1 + 1 + 1 = 3 changed.
            "Total: removed 12, changed 3 (warehouse commit 00000000000000000003.json)");

    @TempDir
    Path tmp;

    private DataLayout layout;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void buildWarehouse() throws Exception {
        layout = ErasureFixture.create(tmp).layout;
    }

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return EraseUserCommand.run(args, out, err, ErasureFixture.CLOCK);
        }
    }

    private List<String> out() {
        return outBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> err() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Every file under the data directory with its bytes: what "nothing changed" compares. */
    private Map<String, byte[]> everyFile() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(layout.dataDir())) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(layout.dataDir().relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void printsWhatItRemovedAndChangedPerTableAndATotal() {
        int code = run("--data", layout.dataDir().toString(), ADA_15);

        assertThat(err()).isEmpty();
        assertThat(code).isZero();
        assertThat(out()).containsExactlyElementsOf(ADA_ERASED);
    }

    @Test
    void theEighteenCharacterIdFindsTheSameUser() {
        int code = run("--data", layout.dataDir().toString(), ADA_18);

        assertThat(code).isZero();
        assertThat(out()).containsExactlyElementsOf(ADA_ERASED);
    }

    @Test
    void erasingTheSameUserAgainFindsNothingAndChangesNothing() throws IOException {
        run("--data", layout.dataDir().toString(), ADA_15);
        Map<String, byte[]> before = everyFile();

        int code = run("--data", layout.dataDir().toString(), ADA_15);

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).containsExactly(
                "events: removed 0, changed 0",
                "users: removed 0, changed 0",
                "training: removed 0, changed 0",
                "records: removed 0, changed 0",
                "quarantine: removed 0, changed 0",
                "marts/adoption_daily: no user column, left as it is; the next ./uptake jobs run recomputes it",
                "marts/manager_support: removed 0, changed 0",
                "marts/user_activity: removed 0, changed 0",
                "serving/snapshot.json: removed 0, changed 0",
                "Total: removed 0, changed 0",
                "The user was found nowhere: nothing was changed.");
        Map<String, byte[]> after = everyFile();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String file : before.keySet()) {
            assertThat(after.get(file)).as(file).isEqualTo(before.get(file));
        }
        assertThat(new CommitLog(layout).commits()).hasSize(3);
    }

    @Test
    void aMissingKeyFileStopsWithAMessageAndCreatesNoKey() throws IOException {
        Files.delete(layout.keyFile());
        Map<String, byte[]> before = everyFile();

        int code = run("--data", layout.dataDir().toString(), ADA_15);

        assertThat(code).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).containsExactly("erase-user: No pseudonymisation key at " + layout.keyFile() + ": the user's key"
                + " can only be computed with the key their data was ingested with. Restore that file (none is created"
                + " here: a new key would match nobody), then run erase-user again");
        assertThat(layout.keyFile()).doesNotExist();
        assertThat(everyFile().keySet()).containsExactlyElementsOf(before.keySet());
        assertThat(new CommitLog(layout).commits()).hasSize(2);
    }

    @Test
    void aDataDirectoryWithoutAWarehouseStopsWithAMessage() {
        Path elsewhere = tmp.resolve("elsewhere");

        int code = run("--data", elsewhere.toString(), ADA_15);

        assertThat(code).isEqualTo(1);
        assertThat(err()).containsExactly("erase-user: No warehouse in " + elsewhere
                + ": give the --data directory that ingest loaded");
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() throws IOException {
        List<List<String>> errors = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        for (String[] args : List.of(
                new String[] {},
                new String[] {"--data", layout.dataDir().toString()},
                new String[] {"--data"},
                new String[] {"--force", ADA_15},
                new String[] {ADA_15, "u-1042"},
                new String[] {" "})) {
            codes.add(run(args));
            errors.add(err());
            assertThat(out()).isEmpty();
        }

        assertThat(codes).containsOnly(2);
        assertThat(errors).extracting(lines -> lines.get(0)).containsExactly(
                "erase-user: USER_ID is required",
                "erase-user: USER_ID is required",
                "erase-user: --data needs a directory",
                "erase-user: unknown option '--force'",
                "erase-user: exactly one USER_ID is erased per run, got 2",
                "erase-user: USER_ID is empty");
        assertThat(errors).extracting(lines -> lines.subList(1, lines.size())).containsOnly(List.of(EraseUserCommand.USAGE));
        assertThat(new CommitLog(layout).commits()).hasSize(2);
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).containsExactly(EraseUserCommand.USAGE);
    }
}
