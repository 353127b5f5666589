package io.uptake.ingest.collector;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's write-ahead log: a directory of segment files of JSON lines, one accepted event a
 * line. The open segment {@code <seq>.jsonl.open} takes appends, each forced to disk before the sender
 * is answered. Sealing renames it to {@code <seq>.jsonl}; a sealed segment never changes again, so its
 * sha256, by which {@link io.uptake.ingest.Ingest} recognises an input it already committed, is the
 * same however often it is replayed.
 *
 * <p>Not thread-safe: the collector calls it under one lock. A lock file keeps a second collector off
 * the same directory.
 */
final class WriteAheadLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.jsonl(\\.open)?");
    private static final String LOCK_FILE = ".lock";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sealed segment and the number of events in it. */
    record Segment(Path file, long events) {}

    private final Path dir;
    private final FileChannel lock;
    private final List<Segment> sealed = new ArrayList<>();
    private final List<String> recoveredIds = new ArrayList<>();
    private long nextSeq = 1;

    private Path openFile;
    private FileChannel open;
    private long openBytes;
    private long openEvents;
    /** Why the open segment takes no more appends, when a failed append could not be undone. */
    private String broken;

    private WriteAheadLog(Path dir, FileChannel lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Takes the directory over: locks it, then seals every segment a previous run left open, cut back
     * to its last complete line (a line torn by a crash was never acknowledged).
     */
    static WriteAheadLog open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            // The log holds raw user ids, like the pseudonymisation key beside it: owner only.
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        FileChannel lock = FileChannel.open(dir.resolve(LOCK_FILE), CREATE, WRITE);
        try {
            boolean locked;
            try {
                locked = lock.tryLock() != null;
            } catch (OverlappingFileLockException e) {
                locked = false;
            }
            if (!locked) {
                throw new IOException("Another collector is using the write-ahead log " + dir
                        + ": stop it first, or give this one another --data directory");
            }
            WriteAheadLog wal = new WriteAheadLog(dir, lock);
            wal.recover();
            return wal;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        boolean changed = false;
        for (Path file : files) {
            Matcher name = NAME.matcher(file.getFileName().toString());
            name.matches();
            long seq = Long.parseLong(name.group(1));
            nextSeq = Math.max(nextSeq, seq + 1);
            Path segment = file;
            if (name.group(2) != null) {
                long kept = cutTornTail(file);
                changed = true;
                if (kept == 0) {
                    Files.delete(file);
                    continue;
                }
                segment = dir.resolve(sealedName(seq));
                Files.move(file, segment, StandardCopyOption.ATOMIC_MOVE);
            }
            sealed.add(new Segment(segment, readIds(segment)));
        }
        if (changed) {
            syncDirectory();
        }
    }

    /** Truncates the file after its last newline and forces it; returns the bytes kept. */
    private static long cutTornTail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, READ, WRITE)) {
            long size = channel.size();
            long end = size;
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            long keep = 0;
            search:
            while (end > 0) {
                long start = Math.max(0, end - buffer.capacity());
                buffer.clear().limit((int) (end - start));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, start + buffer.position()) < 0) {
                        break;
                    }
                }
                for (int i = (int) (end - start) - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        keep = start + i + 1;
                        break search;
                    }
                }
                end = start;
            }
            if (keep < size) {
                LOG.info("Cut {} bytes of a line torn by a crash from {}", size - keep, file);
                channel.truncate(keep);
            }
            channel.force(true);
            return keep;
        }
    }

    /** Counts the segment's events and remembers their ids, so that repeats are answered as duplicates. */
    private long readIds(Path segment) throws IOException {
        long events = 0;
        try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                events++;
                try {
                    JsonNode id = JSON.readTree(line).get("event_id");
                    if (id != null && id.isTextual()) {
                        recoveredIds.add(id.asText());
                    }
                } catch (IOException e) {
                    // A damaged line: ingest quarantines it with its reason; it has no id to remember.
                }
            }
        }
        return events;
    }

    /** The ids of the events found in the log when it was opened, in log order. */
    List<String> recoveredIds() {
        return List.copyOf(recoveredIds);
    }

    /** Appends the lines to the open segment (starting one if none is open) and forces them to disk. */
    void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        if (broken != null) {
            throw new IOException(broken);
        }
        if (open == null) {
            startSegment();
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        int length = bytes.remaining();
        try {
            while (bytes.hasRemaining()) {
                open.write(bytes, openBytes + bytes.position());
            }
            // fdatasync: the data and the file size, which is all a reader after a crash needs.
            open.force(false);
        } catch (IOException e) {
            undoAppend(e);
            throw e;
        }
        openBytes += length;
        openEvents += lines.size();
    }

    /**
     * Cuts a failed append off again, so that no half line ends up in a sealed segment. An interrupted
     * thread closes the channel, so it is reopened for this. If even that fails, the segment is left
     * open for the next start, whose recovery cuts the torn tail off.
     */
    private void undoAppend(IOException failure) {
        try {
            if (!open.isOpen()) {
                open = FileChannel.open(openFile, WRITE);
            }
            open.truncate(openBytes);
            open.force(false);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            broken = "The write-ahead log could not undo a failed write to " + openFile
                    + "; restart the collector, which recovers the segment";
            LOG.error(broken, failure);
        }
    }

    private void startSegment() throws IOException {
        long seq = nextSeq++;
        openFile = dir.resolve(sealedName(seq) + ".open");
        open = FileChannel.open(openFile, Set.of(CREATE_NEW, WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        openBytes = 0;
        openEvents = 0;
        // The new name must survive a power cut as well, or the events forced into it could not be found.
        syncDirectory();
    }

    long openBytes() {
        return open == null ? 0 : openBytes;
    }

    /** Seals the open segment, if it holds any event, and returns it; null when there is nothing to seal. */
    Segment seal() throws IOException {
        if (open == null || broken != null) {
            return null;
        }
        Path file = openFile;
        long events = openEvents;
        FileChannel channel = open;
        open = null;
        openFile = null;
        if (channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
        if (events == 0) {
            Files.delete(file);
            return null;
        }
        Matcher name = NAME.matcher(file.getFileName().toString());
        name.matches();
        Path target = dir.resolve(sealedName(Long.parseLong(name.group(1))));
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        Segment segment = new Segment(target, events);
        sealed.add(segment);
        return segment;
    }

    /** The sealed segments, oldest first. */
    List<Segment> sealed() {
        return List.copyOf(sealed);
    }

    /** Deletes segments whose events are committed to the warehouse. */
    void delete(List<Segment> committed) throws IOException {
        for (Segment segment : committed) {
            Files.deleteIfExists(segment.file());
            sealed.remove(segment);
        }
    }

    /** Closes the open segment without sealing it (the next start does) and releases the directory. */
    @Override
    public void close() throws IOException {
        try {
            if (open != null) {
                open.close();
                open = null;
            }
        } finally {
            lock.close();
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, READ)) {
            channel.force(true);
        }
    }

    private static String sealedName(long seq) {
        return String.format("%020d.jsonl", seq);
    }
}
