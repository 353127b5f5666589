package io.uptake.warehouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where everything lives inside a data directory.
 *
 * <pre>
 * DATA/
 *   pseudonymisation.key     HMAC key, outside the warehouse, owner-only permissions
 *   event-ids/event_date=YYYY-MM-DD/*.ids   ingest's de-duplication index, derived from the events files
 *   warehouse/               the layout of DATA.md section 2
 *     events/event_date=YYYY-MM-DD/*.parquet
 *     users/ waves/ training/ records/ costs/ goals/
 *     quarantine/
 *     _commits/
 *     marts/&lt;mart&gt;/  marts/_runs/
 *     serving/snapshot.json
 * </pre>
 */
public record DataLayout(Path dataDir) {

    public static final String WAREHOUSE_DIR = "warehouse";
    public static final String KEY_FILE = "pseudonymisation.key";
    public static final String SNAPSHOT_FILE = "snapshot.json";
    public static final String EVENT_IDS_DIR = "event-ids";

    public DataLayout {
        requireNonNull(dataDir, "dataDir is null");
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public static DataLayout of(String dataDir) {
        return new DataLayout(Path.of(dataDir));
    }

    public Path warehouse() {
        return dataDir.resolve(WAREHOUSE_DIR);
    }

    public Path keyFile() {
        return dataDir.resolve(KEY_FILE);
    }

    /**
     * Ingest's de-duplication index: the event id hashes of each events file, under the same relative
     * name. Outside the warehouse because it is no table: it is derived from the live events files,
     * which stay the truth, and nothing but ingest reads it.
     */
    public Path eventIds() {
        return dataDir.resolve(EVENT_IDS_DIR);
    }

    /** The directory of a warehouse table, e.g. {@code table(Tables.EVENTS)}. */
    public Path table(String table) {
        return warehouse().resolve(requireNonNull(table, "table is null"));
    }

    public Path commits() {
        return table(Tables.COMMITS);
    }

    public Path marts() {
        return table(Tables.MARTS);
    }

    public Path mart(String mart) {
        return marts().resolve(requireNonNull(mart, "mart is null"));
    }

    public Path serving() {
        return table(Tables.SERVING);
    }

    /** The serving snapshot the dashboard loads; replaced whole by an atomic rename. */
    public Path snapshot() {
        return serving().resolve(SNAPSHOT_FILE);
    }
}
