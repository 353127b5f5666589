package io.uptake.ingest;

import static io.uptake.ingest.TestFixtures.EVENTS_JSONL;
import static io.uptake.ingest.TestFixtures.LOGIN_CSV;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return IngestCommand.run(args, out, err);
        }
    }

    private int runOnTerminal(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return IngestCommand.run(args, out, err, true);
        }
    }

    /** What a terminal shows of each output line: its last drawing, the carriage returns around each drawing aside. */
    private List<String> screen() {
        String text = outBytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Stream.of(text.split("\n"))
                .map(line -> Stream.of(line.split("\r")).filter(drawing -> !drawing.isEmpty())
                        .reduce((first, second) -> second).orElse(""))
                .toList();
    }

    private List<String> out() {
        return outBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private List<String> err() {
        return errBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path export() {
        Path dir = tmp.resolve("export");
        write(dir.resolve("Login.csv"), LOGIN_CSV);
        write(dir.resolve("events.jsonl"), EVENTS_JSONL);
        return dir;
    }

    @Test
    void printsOneLinePerInputWithItsCountsAndATotalLine() throws IOException {
        Path dir = export();
        Path data = tmp.resolve("data");

        int code = run("--data", data.toString(), dir.toString());

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        List<String> lines = out();
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).containsExactly(
                dir.resolve("Login.csv") + ": salesforce-elf, read 6, to commit 2, duplicates 0, to quarantine 4",
                dir.resolve("events.jsonl") + ": jsonl, read 3, to commit 1, duplicates 1, to quarantine 1");
        // 6 + 3 = 9 read = (2 + 1) committed + (0 + 1) duplicates + (4 + 1) quarantined; the duration is not checked.
        assertThat(lines.get(2)).matches("Total: 2 inputs, 0 skipped, read 9, committed 3, duplicates 1, quarantined 5 in \\d+[.,]\\d s");
        // The key is created beside the warehouse, not inside it.
        assertThat(new DataLayout(data).keyFile()).isRegularFile();
        assertThat(new CommitLog(new DataLayout(data)).commits()).hasSize(1);
    }

    @Test
    void aSecondRunSaysEachInputWasAlreadyIngested() {
        Path dir = export();
        String data = tmp.resolve("data").toString();
        run("--data", data, dir.toString());
        outBytes.reset();

        int code = run("--data", data, dir.toString());

        assertThat(code).isZero();
        assertThat(out().subList(0, 2)).containsExactly(
                dir.resolve("Login.csv") + ": salesforce-elf, read 6, to commit 0, duplicates 6, to quarantine 0 (already ingested)",
                dir.resolve("events.jsonl") + ": jsonl, read 3, to commit 0, duplicates 3, to quarantine 0 (already ingested)");
        assertThat(out().get(2)).matches("Total: 2 inputs, 0 skipped, read 9, committed 0, duplicates 9, quarantined 0 in \\d+[.,]\\d s");
    }

    @Test
    void noInputsIsAUsageErrorWithExitCodeTwo() {
        int code = run("--data", tmp.resolve("data").toString());

        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).containsExactly(
                "ingest: at least one INPUT file or directory is required",
                "Usage: ./uptake ingest [--data DIR] [--skip-unrecognized] INPUT...   (files or directories)");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeTwo() {
        int code = run("--force", export().toString());

        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).containsExactly(
                "ingest: unknown option '--force'",
                "Usage: ./uptake ingest [--data DIR] [--skip-unrecognized] INPUT...   (files or directories)");
    }

    @Test
    void dataWithoutADirectoryIsAUsageErrorWithExitCodeTwo() {
        int code = run(export().toString(), "--data");

        assertThat(code).isEqualTo(2);
        assertThat(err()).containsExactly(
                "ingest: --data needs a directory",
                "Usage: ./uptake ingest [--data DIR] [--skip-unrecognized] INPUT...   (files or directories)");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out()).containsExactly("Usage: ./uptake ingest [--data DIR] [--skip-unrecognized] INPUT...   (files or directories)");
        assertThat(err()).isEmpty();
    }

    @Test
    void aMissingInputPathFailsWithExitCodeOneAndAMessageNamingItWithoutAStackTrace() throws IOException {
        Path dir = export();
        Path missing = tmp.resolve("exports/2025-12-01");
        Path data = tmp.resolve("data");

        int code = run("--data", data.toString(), dir.toString(), missing.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).containsExactly("ingest: Input not found: " + missing);
        // Nothing of the inputs that do exist was committed either.
        assertThat(new CommitLog(new DataLayout(data)).commits()).isEmpty();
        assertThat(Files.exists(new DataLayout(data).warehouse().resolve("events"))).isFalse();
    }

    @Test
    void aCsvNoSourceRecognisesStopsTheIngestBeforeAnythingIsCommittedAndNamesTheFile() throws IOException {
        Path dir = export();
        Path stray = write(dir.resolve("opportunities.csv"), "Id,Name,StageName\n0065g000001AbCdAAK,Acme,Closed Won\n");
        Path data = tmp.resolve("data");

        int code = run("--data", data.toString(), dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).containsExactly(
                "ingest: 1 data file is in no format Uptake reads, so nothing was ingested:",
                "  " + stray + " (no source recognises its content; its first line is 'Id,Name,StageName')",
                "Move it out of the input, or pass --skip-unrecognized to ingest the rest.");
        assertThat(new CommitLog(new DataLayout(data)).commits()).isEmpty();
    }

    @Test
    void withSkipUnrecognizedTheRestIsIngestedAndTheSkippedFileIsNamedAndCounted() throws IOException {
        Path dir = export();
        Path stray = write(dir.resolve("opportunities.csv"), "Id,Name,StageName\n0065g000001AbCdAAK,Acme,Closed Won\n");
        // Documentation beside the data is counted but not announced.
        write(dir.resolve("README.md"), "# Export of 2025-10-01\n");
        Path data = tmp.resolve("data");

        int code = run("--data", data.toString(), "--skip-unrecognized", dir.toString());

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        assertThat(out()).hasSize(4);
        assertThat(out().subList(0, 3)).containsExactlyInAnyOrder(
                dir.resolve("Login.csv") + ": salesforce-elf, read 6, to commit 2, duplicates 0, to quarantine 4",
                dir.resolve("events.jsonl") + ": jsonl, read 3, to commit 1, duplicates 1, to quarantine 1",
                stray + ": skipped, no source recognises its content; its first line is 'Id,Name,StageName'");
        assertThat(out().get(3)).matches("Total: 2 inputs, 2 skipped, read 9, committed 3, duplicates 1, quarantined 5 in \\d+[.,]\\d s");
    }

    @Test
    void onATerminalABarOverTheInputBytesReplacesTheLinePerInputAndTheTotalLineFollows() throws IOException {
        Path dir = export();
        // Skipped by the ingest (neither events nor a reference file): the bar passes over it when the run ends.
        write(dir.resolve("README.txt"), "not an input\n");
        // Hidden: neither the ingest nor the bar counts it.
        write(dir.resolve(".DS_Store"), "hidden");

        int code = runOnTerminal("--data", tmp.resolve("data").toString(), dir.toString());

        assertThat(code).isZero();
        assertThat(err()).isEmpty();
        // wc -c: Login.csv 1108 + events.jsonl 395 + README.txt 13 = 1516 bytes. Elapsed time, ETA and rate are not checked.
        assertThat(screen()).hasSize(2);
        assertThat(screen().get(0)).matches(
                "Ingest 100% \\[=+\\] 1516/1516 B \\(\\d+:\\d\\d:\\d\\d / (\\d+:\\d\\d:\\d\\d|\\?)\\) (\\d+\\.\\d|\\?) B/s");
        assertThat(screen().get(1)).matches("Total: 2 inputs, 1 skipped, read 9, committed 3, duplicates 1, quarantined 5 in \\d+[.,]\\d s");
        assertThat(new CommitLog(new DataLayout(tmp.resolve("data"))).commits()).hasSize(1);
    }

    @Test
    void onATerminalAFailedRunLeavesTheBarWhereItStoppedAndReportsTheErrorOnce() {
        Path dir = export();
        Path missing = tmp.resolve("exports/2025-12-01");

        int code = runOnTerminal("--data", tmp.resolve("data").toString(), dir.toString(), missing.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err()).containsExactly("ingest: Input not found: " + missing);
        // 1108 + 395 bytes of the inputs that exist, none of them read: the run stops before the first input.
        assertThat(screen()).hasSize(1);
        assertThat(screen().get(0)).matches(
                "Ingest   0% \\[ +\\]    0/1503 B \\(\\d+:\\d\\d:\\d\\d / \\?\\) (\\d+\\.\\d|\\?) B/s");
    }

    @Test
    void inputSizesExpandDirectoriesAsTheIngestDoesAndLeaveMissingInputsToTheIngest() throws Exception {
        Path dir = tmp.resolve("in");
        write(dir.resolve("a.jsonl"), "12345\n");
        write(dir.resolve("day/b.csv"), "abc\n");
        write(dir.resolve(".hidden.csv"), "x");
        write(dir.resolve("day/.part.tmp"), "xx");
        Path single = write(tmp.resolve("single.jsonl"), "0123456789");

        Map<String, Long> sizes = IngestCommand.inputSizes(List.of(dir, single, tmp.resolve("missing")));

        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of(
                dir.resolve("a.jsonl").toString(), 6L,
                dir.resolve("day/b.csv").toString(), 4L,
                single.toString(), 10L));
    }

    @Test
    void aRefusedUsersFileIsReportedAndTheRunExitsNonZeroAfterTheOtherInputsAreCommitted() throws IOException {
        Path dir = export();
        Path users = write(dir.resolve("users.csv"), """
                user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
                005Aa00000BcDeF,Ada Lovelace,ada.lovelace@example.com,Sales North,Sales,Account Executive,EMEA,,full,150,2025-09-01,,wave-1
                005Aa00000BcDeF,Ada Lovelace,ada.lovelace@example.com,Sales South,Sales,Account Executive,EMEA,,full,150,2025-09-01,,wave-2
                """);
        Path data = tmp.resolve("data");

        int code = run("--data", data.toString(), dir.toString());

        assertThat(code).isEqualTo(1);
        String why = "user_id 005Aa00000BcDeF appears on lines 2 and 3 of " + users + ": each person must be listed once";
        assertThat(out()).contains(users + ": reference:users, refused, nothing of it is loaded: " + why);
        assertThat(out().get(3)).matches("Total: 3 inputs, 0 skipped, read 9, committed 3, duplicates 1, quarantined 5 in \\d+[.,]\\d s");
        assertThat(err()).containsExactly("ingest: 1 input was refused and nothing of it loaded (the live version stays);"
                + " the other inputs were committed:", "  " + why);
        assertThat(new CommitLog(new DataLayout(data)).commits()).hasSize(1);
    }

    @Test
    void aCommitThatFailsPrintsNoCommittedCountsAndSaysWhyWithoutAStackTrace() {
        Path dir = export();
        Path data = tmp.resolve("data");
        // A file where the events table's directory belongs: the day files cannot be written.
        Path inTheWay = write(data.resolve("warehouse/events"), "not a directory");

        int code = run("--data", data.toString(), dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).containsExactly(
                dir.resolve("Login.csv") + ": salesforce-elf, read 6, to commit 2, duplicates 0, to quarantine 4",
                dir.resolve("events.jsonl") + ": jsonl, read 3, to commit 1, duplicates 1, to quarantine 1");
        assertThat(err()).containsExactly("ingest: cannot read or write " + inTheWay.resolve("event_date=2025-10-01")
                + ": Not a directory");
    }

    @Test
    void aDirectoryOrFileThatCannotBeReadIsNamedInPlainWords() {
        // Tests run as root, whom permissions do not stop, so the exception is made by hand.
        assertThat(IngestCommand.plainly(new java.nio.file.AccessDeniedException("/exports/2025-10")))
                .isEqualTo("cannot read or write /exports/2025-10: permission denied for the user running ingest");
    }
}
