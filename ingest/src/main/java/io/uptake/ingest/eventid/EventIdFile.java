package io.uptake.ingest.eventid;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * The event id hashes of one events file, in a file of its own under {@link DataLayout#eventIds()}:
 * {@code event-ids/event_date=<day>/part-<seq>.ids} for {@code events/event_date=<day>/part-<seq>.parquet}.
 * It is written after its events file and before the commit that makes that file live. It is only ever
 * read for a live events file, and only when its header names that file's exact size: a file left by a
 * crash before the commit is never taken for a later file of the same name, and an events file without
 * a valid id file has its ids read from the file itself.
 *
 * <p>Layout, big-endian: the 8 ASCII bytes {@code UPTKIDS1}, the size in bytes of the events file, the
 * number of hashes, then each hash as its high and low 8 bytes, sorted as unsigned numbers, each once.
 * Sorted so that the same ids always give the same bytes.
 */
public final class EventIdFile {

    static final byte[] MAGIC = "UPTKIDS1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 24;
    private static final String SUFFIX = ".ids";
    private static final String PARQUET = ".parquet";

    private EventIdFile() {}

    /** The id file of an events file named relative to the warehouse ({@code events/event_date=.../part-...parquet}). */
    public static Path of(DataLayout layout, String eventsFile) {
        String prefix = Tables.EVENTS + "/";
        if (!eventsFile.startsWith(prefix) || !eventsFile.endsWith(PARQUET)) {
            throw new IllegalArgumentException("Not an events file: " + eventsFile);
        }
        String inTable = eventsFile.substring(prefix.length(), eventsFile.length() - PARQUET.length());
        return layout.eventIds().resolve(inTable + SUFFIX);
    }

    /**
     * Writes the hashes of the events file {@code eventsFile} (already written, in its final place)
     * through a hidden temporary file forced to disk and renamed into place.
     */
    public static void write(Path target, Path eventsFile, Collection<EventIdHash> hashes) throws IOException {
        EventIdHash[] sorted = hashes.toArray(EventIdHash[]::new);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || !sorted[i].equals(sorted[distinct - 1])) {
                sorted[distinct++] = sorted[i];
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + 16 * distinct).order(ByteOrder.BIG_ENDIAN);
        buffer.put(MAGIC).putLong(Files.size(eventsFile)).putLong(distinct);
        for (int i = 0; i < distinct; i++) {
            buffer.putLong(sorted[i].high()).putLong(sorted[i].low());
        }
        buffer.flip();
        Files.createDirectories(target.getParent());
        Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        CommitLog.AtomicFiles.forceAndMove(temp, target);
    }

    /**
     * Adds the hashes of the id file to {@code ids} and returns how many it holds; empty, with nothing
     * added, when there is no id file or it is not the one of {@code eventsFile} as it is now.
     */
    public static OptionalInt readInto(Path idFile, Path eventsFile, EventIdSet ids) throws IOException {
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.wrap(Files.readAllBytes(idFile)).order(ByteOrder.BIG_ENDIAN);
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        }
        if (buffer.remaining() < HEADER) {
            return OptionalInt.empty();
        }
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        long eventsSize = buffer.getLong();
        long count = buffer.getLong();
        if (!Arrays.equals(magic, MAGIC) || eventsSize != Files.size(eventsFile) || count < 0
                || count * 16 != buffer.remaining()) {
            return OptionalInt.empty();
        }
        for (long i = 0; i < count; i++) {
            ids.add(buffer.getLong(), buffer.getLong());
        }
        return OptionalInt.of((int) count);
    }
}
