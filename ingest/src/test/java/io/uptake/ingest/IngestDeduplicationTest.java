package io.uptake.ingest;

import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.eventid.EventIdFile;
import io.uptake.ingest.eventid.EventIdHash;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * De-duplication against what the warehouse holds goes through the per-day index of event id hashes
 * kept beside the data ({@code event-ids/}): its files' content, its use after ids were dropped from
 * memory, and what a crash or a missing file does to it.
 */
class IngestDeduplicationTest {

    private static final String DAY = "events/event_date=2025-10-01/";
    private static final String PART_1 = "part-00000000000000000001";
    private static final String PART_2 = "part-00000000000000000002";

    @TempDir
    Path tmp;

    private DataLayout layout() {
        return new DataLayout(tmp.resolve("data"));
    }

    /** Ingests with a commit after every input and no id kept in memory after a commit. */
    private List<Ingest.InputReport> ingestForgetting(Path... inputs) throws IOException, IngestException {
        return new Ingest(layout(), TestFixtures.pseudonymizer(), TestFixtures.CLOCK, r -> { }, new Ingest.Limits(1, 0))
                .run(List.of(inputs));
    }

    /** A JSON-lines input: one login per id, on 2025-10-01 at the given hours. */
    private Path logins(String name, String... idsAtHours) {
        StringBuilder lines = new StringBuilder();
        for (String idAtHour : idsAtHours) {
            String[] parts = idAtHour.split("@");
            lines.append("""
                    {"event_id":"%s","occurred_at":"2025-10-01T%s:00:00Z","user_id":"005Kq00000mNoPr","event_type":"login"}
                    """.formatted(parts[0], parts[1]));
        }
        return write(tmp.resolve("in/" + name), lines.toString());
    }

    private Path idFile(String part) {
        return layout().dataDir().resolve("event-ids/event_date=2025-10-01/" + part + ".ids");
    }

    private Path eventsFile(String part) {
        return layout().warehouse().resolve(DAY + part + ".parquet");
    }

    @Test
    void theDaysIdFileHoldsTheSortedHashesOfItsEventsAfterTheEventsFilesSize() throws Exception {
        ingestForgetting(logins("a.jsonl", "j-3@08", "j-1@09", "j-2@10"));

        long eventsSize = Files.size(eventsFile(PART_1));
        // MurmurHash3_x64_128 (seed 0) of each id as (h1, h2), see EventIdHashTest:
        //   j-1 53dbfee836120bda 9db08e06eef0b647
        //   j-2 5740ae7383c6bbff 1c0d52d9f016e810
        //   j-3 f3c1c058664c3791 72931690a7935426
        // sorted by h1 as unsigned numbers: j-1 (0x53..) < j-2 (0x57..) < j-3 (0xf3..), whatever the file order.
        String expected = "5550544b49445331" // "UPTKIDS1"
                + String.format("%016x", eventsSize)
                + "0000000000000003"
                + "53dbfee836120bda9db08e06eef0b647"
                + "5740ae7383c6bbff1c0d52d9f016e810"
                + "f3c1c058664c379172931690a7935426";
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(idFile(PART_1)))).isEqualTo(expected);
        // 24 header bytes + 3 hashes of 16 bytes.
        assertThat(Files.size(idFile(PART_1))).isEqualTo(72);
    }

    @Test
    void anIdDroppedFromMemoryAfterACommitIsStillADuplicateInALaterRunAndCommit() throws Exception {
        Path first = logins("a.jsonl", "a-1@08", "a-2@09");
        Path second = logins("b.jsonl", "a-2@09", "b-1@11", "a-1@08");
        Path third = logins("c.jsonl", "b-1@11", "c-1@12");

        assertThat(ingestForgetting(first)).extracting(Ingest.InputReport::committed).containsExactly(2L);
        List<Ingest.InputReport> reports = ingestForgetting(second, third);

        // b: a-2 and a-1 are in commit 1's file, only b-1 is new. c: b-1 went to commit 2 and was dropped
        // from memory after it, so it is found in commit 2's id file; c-1 is new.
        assertThat(reports).extracting(Ingest.InputReport::read, Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(3L, 1L, 2L), tuple(2L, 1L, 1L));
        assertThat(WarehouseRows.rows(layout(), Tables.EVENTS)).extracting(r -> r.get(Columns.EVENT_ID))
                .containsExactlyInAnyOrder("a-1", "a-2", "b-1", "c-1");
    }

    @Test
    void aDayIsLoadedFromItsIdFileNotFromTheEventsFile() throws Exception {
        ingestForgetting(logins("a.jsonl", "a-1@08"));
        // An id file that also names x-1, which the events file does not hold: if x-1 is then a duplicate,
        // the day's ids came from the id file.
        EventIdFile.write(idFile(PART_1), eventsFile(PART_1), List.of(EventIdHash.of("a-1"), EventIdHash.of("x-1")));

        List<Ingest.InputReport> reports = ingestForgetting(logins("x.jsonl", "x-1@10"));

        assertThat(reports).extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(0L, 1L));
    }

    @Test
    void anEventsFileWithoutAValidIdFileHasItsIdsReadFromTheFileItself() throws Exception {
        ingestForgetting(logins("a.jsonl", "a-1@08", "a-2@09"));
        // An id file whose recorded size is not the events file's: not the index of this file.
        Path stale = tmp.resolve("stale.parquet");
        Files.write(stale, new byte[] {1, 2, 3});
        EventIdFile.write(idFile(PART_1), stale, List.of(EventIdHash.of("x-1")));

        List<Ingest.InputReport> reports = ingestForgetting(logins("b.jsonl", "a-1@08", "x-1@10"));

        // a-1 is found in the events file; x-1, which only the stale id file names, is new.
        assertThat(reports).extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(1L, 1L));
        // And with no id file at all.
        Files.delete(idFile(PART_1));
        assertThat(ingestForgetting(logins("c.jsonl", "a-2@09", "c-1@11")))
                .extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(1L, 1L));
        // Read from the events file, its ids were written to its id file for the next time. MurmurHash3 of
        // a-1 is d39472c97fea6495 c6e5fd957826f467 and of a-2 e9f2ac8594ca5ae1 c76a88acbe0a28ff (as Guava
        // gives them), so h1 = 9564ea7fc97294d3 < e15aca9485acf2e9: a-1 first.
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(idFile(PART_1)))).isEqualTo("5550544b49445331"
                + String.format("%016x", Files.size(eventsFile(PART_1))) + "0000000000000002"
                + "9564ea7fc97294d367f4267895fde5c6"
                + "e15aca9485acf2e9ff280abeac886ac7");
    }

    @Test
    void aCrashAfterWritingTheIdFileAndBeforeTheCommitLeavesNothingThatCounts() throws Exception {
        ingestForgetting(logins("a.jsonl", "a-1@08"));
        // What a run killed between writing its files and writing commit 2 leaves: an events file and its
        // id file under commit 2's part name, naming y-1, which no commit made live.
        Files.copy(eventsFile(PART_1), eventsFile(PART_2), StandardCopyOption.COPY_ATTRIBUTES);
        EventIdFile.write(idFile(PART_2), eventsFile(PART_2), List.of(EventIdHash.of("a-1"), EventIdHash.of("y-1")));

        List<Ingest.InputReport> reports = ingestForgetting(logins("y.jsonl", "y-1@10", "a-1@08"));

        // y-1 is not a duplicate: the orphan named it, but no live file holds it. a-1 is.
        assertThat(reports).extracting(Ingest.InputReport::committed, Ingest.InputReport::duplicates)
                .containsExactly(tuple(1L, 1L));
        assertThat(WarehouseRows.rows(layout(), Tables.EVENTS)).extracting(r -> r.get(Columns.EVENT_ID))
                .containsExactlyInAnyOrder("a-1", "y-1");
        // Commit 2's id file is the rerun's: 24 + 16 bytes, y-1 alone, behind the size of the new events file.
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(idFile(PART_2)))).isEqualTo("5550544b49445331"
                + String.format("%016x", Files.size(eventsFile(PART_2))) + "0000000000000001"
                // MurmurHash3 of y-1: efa5bdec5b42e8a7 47bb7bb56f5f1d7c, each half read little-endian.
                + "a7e8425becbda5ef7c1d5f6fb57bbb47");
        assertThat(idFiles()).containsExactly(
                "event-ids/event_date=2025-10-01/" + PART_1 + ".ids",
                "event-ids/event_date=2025-10-01/" + PART_2 + ".ids");
    }

    @Test
    void idFilesThatNoLiveEventsFileHasAreRemovedByTheNextIngest() throws Exception {
        ingestForgetting(logins("a.jsonl", "a-1@08"));
        // Left by a run killed before its commit, for a day that the next run does not touch.
        Path orphan = layout().dataDir().resolve("event-ids/event_date=2025-09-30/" + PART_2 + ".ids");
        EventIdFile.write(orphan, eventsFile(PART_1), List.of(EventIdHash.of("z-1")));
        Path temp = layout().dataDir().resolve("event-ids/event_date=2025-10-01/." + PART_2 + ".ids.tmp");
        Files.write(temp, new byte[] {0});

        ingestForgetting(logins("b.jsonl", "b-1@09"));

        assertThat(idFiles()).containsExactly(
                "event-ids/event_date=2025-10-01/" + PART_1 + ".ids",
                "event-ids/event_date=2025-10-01/" + PART_2 + ".ids");
    }

    /** The files under event-ids/, relative to the data directory, in name order. */
    private List<String> idFiles() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(layout().eventIds())) {
            walk.filter(Files::isRegularFile).map(f -> layout().dataDir().relativize(f).toString().replace('\\', '/'))
                    .sorted().forEach(files::add);
        }
        return files;
    }
}
