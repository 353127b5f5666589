package io.uptake.ingest.collector;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.ingest.IngestException;
import io.uptake.warehouse.CommitLog;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Commits one segment of the write-ahead log when committing it whole failed on its data, and sets
 * aside the lines that cannot be committed, so that one line never holds up the others. The segment
 * is split in halves, each committed on its own, down to single lines; a single line that still
 * fails is set aside with the reason. The split is the same on every attempt, so a part committed
 * before a crash is recognised by its sha256 and not committed twice.
 *
 * <p>A failure that is not the data's (an {@link IOException}: a full disk, the commit-log lock held)
 * stops the work at once and sets nothing aside: the segment stays in the log and is tried again.
 * Lines set aside are written to {@code collector-wal/quarantine/<segment>} as JSON lines
 * ({@code line}, {@code reason}, {@code event}: the line as it was), owner-only like the log, since
 * they hold raw user ids.
 */
public final class Quarantine {

    static final String DIR = "quarantine";
    /** Where the parts of a segment are written for their commits; emptied after each. */
    private static final String PARTS_DIR = "parts";

    /** Commits one file of JSON lines to the warehouse. */
    @FunctionalInterface
    interface Commit {
        void run(Path file) throws IOException, IngestException;
    }

    /** A line of a segment that cannot be committed: its 1-based number, why, and its text. */
    record Line(long number, String reason, String text) {}

    /** What became of a segment: the lines set aside, and whether any part of it was committed. */
    record Outcome(List<Line> setAside, boolean committedAny) {}

    private final Path walDir;
    private final Commit commit;

    Quarantine(Path walDir, Commit commit) {
        this.walDir = walDir;
        this.commit = commit;
    }

    /**
     * Commits what can be committed of a segment whose whole commit failed with {@code reason}.
     * Throws IOException, having set nothing aside, when a commit fails for a reason not the data's.
     */
    Outcome commitParts(Path segment, String reason) throws IOException {
        long[] starts = lineStarts(segment);
        Path parts = walDir.resolve(PARTS_DIR);
        // Parts a crash left behind would stand in the way of this attempt's.
        removeParts(parts);
        Files.createDirectories(parts);
        List<Line> setAside = new ArrayList<>();
        boolean[] committed = {false};
        try (FileChannel source = FileChannel.open(segment, READ)) {
            split(segment, source, starts, 0, starts.length - 1, reason, setAside, committed);
        } finally {
            removeParts(parts);
        }
        return new Outcome(List.copyOf(setAside), committed[0]);
    }

    private static void removeParts(Path parts) throws IOException {
        if (!Files.isDirectory(parts)) {
            return;
        }
        try (Stream<Path> left = Files.list(parts)) {
            for (Path part : left.toList()) {
                Files.deleteIfExists(part);
            }
        }
        Files.delete(parts);
    }

    /** Lines {@code [from, to)} failed together with {@code reason}: commits each half, or sets a single line aside. */
    private void split(Path segment, FileChannel source, long[] starts, int from, int to, String reason,
                       List<Line> setAside, boolean[] committed) throws IOException {
        if (to - from == 1) {
            setAside.add(new Line(from + 1, reason, text(source, starts[from], starts[to])));
            return;
        }
        int middle = (from + to) >>> 1;
        int[][] halves = {{from, middle}, {middle, to}};
        for (int[] half : halves) {
            Path part = walDir.resolve(PARTS_DIR).resolve(segment.getFileName() + "-lines-" + (half[0] + 1)
                    + (half[1] - half[0] == 1 ? "" : "-" + half[1]) + ".jsonl");
            copy(source, starts[half[0]], starts[half[1]], part);
            String failure = null;
            try {
                commit.run(part);
                committed[0] = true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (IngestException | RuntimeException e) {
                failure = reason(e);
            } finally {
                Files.deleteIfExists(part);
            }
            if (failure != null) {
                split(segment, source, starts, half[0], half[1], failure, setAside, committed);
            }
        }
    }

    /**
     * Writes the lines set aside of a segment to {@code quarantine/<segment>}, replacing what an attempt
     * cut off by a crash wrote there: the same segment always sets aside the same lines.
     */
    Path write(Path segment, List<Line> lines) throws IOException {
        Path dir = walDir.resolve(DIR);
        Files.createDirectories(dir);
        Path target = dir.resolve(segment.getFileName());
        List<String> entries = new ArrayList<>();
        for (Line line : lines) {
            ObjectNode entry = RequestBody.JSON.createObjectNode();
            entry.put("line", line.number()).put("reason", line.reason()).put("event", line.text());
            entries.add(RequestBody.JSON.writeValueAsString(entry));
        }
        writeOwnerOnly(target, entries);
        return target;
    }

    /**
     * Removes the lines set aside that name one user ({@code namesUser} is given each line's event
     * text), as erasing a user requires: they hold raw user ids. A file left empty is deleted. Returns
     * how many lines were removed.
     */
    public static long forget(Path walDir, Predicate<String> namesUser) throws IOException {
        Path dir = walDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long removed = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path file : files) {
            List<String> kept = new ArrayList<>();
            List<String> entries = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String entry : entries) {
                JsonNode event = entry.isBlank() ? null : RequestBody.JSON.readTree(entry).get("event");
                if (event != null && namesUser.test(event.asText())) {
                    removed++;
                } else {
                    kept.add(entry);
                }
            }
            if (kept.isEmpty()) {
                Files.delete(file);
            } else if (kept.size() < entries.size()) {
                writeOwnerOnly(file, kept);
            }
        }
        return removed;
    }

    /** Replaces {@code target} with these lines, readable by the owner only, atomically. */
    private static void writeOwnerOnly(Path target, List<String> lines) throws IOException {
        Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
        Files.deleteIfExists(temp);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try (FileChannel out = FileChannel.open(temp, Set.of(CREATE_NEW, WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
        CommitLog.AtomicFiles.forceAndMove(temp, target);
    }

    /** Why a commit failed, in a sentence: the exception's message, or its kind when it has none. */
    static String reason(Exception e) {
        if (e instanceof IngestException) {
            return e.getMessage();
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The offset of every line's start, and the file's size last: line i is {@code [starts[i], starts[i + 1])}. */
    private static long[] lineStarts(Path segment) throws IOException {
        long size = Files.size(segment);
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment), 1 << 16)) {
            long position = 0;
            int b;
            while ((b = in.read()) >= 0) {
                position++;
                if (b == '\n' && position < size) {
                    starts.add(position);
                }
            }
        }
        starts.add(size);
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    private static void copy(FileChannel source, long from, long to, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, Set.of(CREATE_NEW, WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long done = 0;
            while (done < to - from) {
                done += source.transferTo(from + done, to - from - done, out);
            }
        }
    }

    private static String text(FileChannel source, long from, long to) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        while (bytes.hasRemaining()) {
            if (source.read(bytes, from + bytes.position()) < 0) {
                break;
            }
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).stripTrailing();
    }
}
