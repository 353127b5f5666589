package io.uptake.ingest.eventid;

import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event ids ingest de-duplicates against, per day: those of the day's live events files, loaded
 * when the day is first touched, plus those batched since. A day is loaded from the id files of its
 * events files (16 bytes per id, read in one go), and only an events file without a valid id file has
 * its {@code event_id} column read; so bringing a day back after it was evicted costs the same whatever
 * else the warehouse holds, and nothing is read twice within a run while the days fit in memory.
 *
 * <p>Days are evicted least recently used first, and only by {@link #evictTo}, which ingest calls right
 * after a commit: then every id held is in a live file and can be loaded again.
 */
public final class EventIdIndex {

    private static final Logger LOG = LoggerFactory.getLogger(EventIdIndex.class);

    private final DataLayout layout;
    /** The live events files of each day, relative to the warehouse. */
    private final Map<LocalDate, Set<String>> liveByDay = new HashMap<>();
    /** The days loaded, least recently used first. */
    private final LinkedHashMap<LocalDate, EventIdSet> loaded = new LinkedHashMap<>(64, 0.75f, true);
    private long held;
    private long loads;
    private long idFilesRead;
    private long eventsFilesRead;

    /** An index over the warehouse whose live files are {@code liveFiles} (relative to the warehouse). */
    public EventIdIndex(DataLayout layout, Collection<String> liveFiles) {
        this.layout = layout;
        committed(liveFiles, Set.of());
    }

    /** Adds the hash to the day's ids; false when the day holds it already, live or batched. */
    public boolean add(LocalDate day, EventIdHash hash) {
        EventIdSet ids = loaded.get(day);
        if (ids == null) {
            ids = load(day);
            loaded.put(day, ids);
            held += ids.size();
        }
        if (ids.add(hash.high(), hash.low())) {
            held++;
            return true;
        }
        return false;
    }

    /** The ids held in memory, over all days loaded. */
    public long held() {
        return held;
    }

    /** Takes in a commit's files (relative to the warehouse): its events files are live from now on. */
    public void committed(Collection<String> added, Collection<String> removed) {
        for (String file : removed) {
            day(file).map(liveByDay::get).ifPresent(files -> files.remove(file));
        }
        for (String file : added) {
            day(file).ifPresent(day -> liveByDay.computeIfAbsent(day, d -> new TreeSet<>()).add(file));
        }
    }

    /**
     * Drops the least recently used days until at most {@code maxIds} ids are held. Only after a commit:
     * a day's batched ids must be in a live file before the day may be dropped.
     */
    public void evictTo(long maxIds) {
        Iterator<EventIdSet> days = loaded.values().iterator();
        int evicted = 0;
        while (held > maxIds && days.hasNext()) {
            held -= days.next().size();
            days.remove();
            evicted++;
        }
        if (evicted > 0) {
            LOG.info("Event id index: dropped {} days, {} ids held in {} days; {} day loads so far from {} id files"
                    + " and {} events files", evicted, held, loaded.size(), loads, idFilesRead, eventsFilesRead);
        }
    }

    private EventIdSet load(LocalDate day) {
        Set<String> files = liveByDay.getOrDefault(day, Set.of());
        loads++;
        try {
            long expected = 0;
            for (String file : files) {
                Path idFile = EventIdFile.of(layout, file);
                expected += Files.exists(idFile) ? Math.max(0, (Files.size(idFile) - EventIdFile.HEADER) / 16) : 0;
            }
            EventIdSet ids = new EventIdSet((int) Math.min(Integer.MAX_VALUE / 4, expected));
            for (String file : files) {
                Path eventsFile = layout.warehouse().resolve(file);
                OptionalInt read = EventIdFile.readInto(EventIdFile.of(layout, file), eventsFile, ids);
                if (read.isPresent()) {
                    idFilesRead++;
                } else {
                    // Written before the index existed, or by a tool that does not write it: the file itself,
                    // and its id file is written for the next time (derived data: the events file stays live).
                    List<EventIdHash> hashes = new ArrayList<>();
                    for (String id : ParquetFiles.readStrings(eventsFile, Columns.EVENT_ID)) {
                        EventIdHash hash = EventIdHash.of(id);
                        ids.add(hash.high(), hash.low());
                        hashes.add(hash);
                    }
                    EventIdFile.write(EventIdFile.of(layout, file), eventsFile, hashes);
                    eventsFilesRead++;
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event ids of " + day, e);
        }
    }

    /** The day of an events file, or empty for a file of another table. */
    private static Optional<LocalDate> day(String file) {
        String prefix = Tables.EVENTS + "/" + Tables.EVENTS_PARTITION + "=";
        if (!file.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = file.indexOf('/', prefix.length());
        return Optional.of(LocalDate.parse(file.substring(prefix.length(), end)));
    }
}
