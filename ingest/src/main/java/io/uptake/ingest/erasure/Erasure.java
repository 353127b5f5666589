package io.uptake.ingest.erasure;

import io.uptake.ingest.parquet.ParquetRows;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.collector.CollectorConfig;
import io.uptake.ingest.collector.Quarantine;
import io.uptake.ingest.eventid.EventIdFile;
import io.uptake.ingest.eventid.EventIdHash;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.ingest.parquet.TableSchema;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.reference.ReferenceTable;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Comparator;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes every row of one user from the warehouse, the marts and the serving snapshot: the right to
 * be forgotten of DATA.md 2.3. The user is found by their {@code user_key}, computed from the CRM id
 * with the data directory's existing pseudonymisation key exactly as ingest computes it.
 *
 * <p>What is erased, table by table:
 * <ul>
 *   <li>{@code events}: the user's events are removed. Another user's event whose {@code record_id} is
 *       this user's key (a view of their User record, stored as the key) stays, with {@code record_id}
 *       set to null.
 *   <li>{@code users}: the user's row is removed; {@code manager_key} is set to null where it named the
 *       user, so their reports stay without a manager.
 *   <li>{@code training}: the user's rows are removed.
 *   <li>{@code records}: {@code owner_key} is set to null where it named the user. A CRM record belongs to
 *       the company, not to the person who owned it: the record stays and keeps counting in the record
 *       KPIs (under team {@code unknown}); only the link to the person is erased.
 *   <li>{@code quarantine}: lines whose {@code user_key} is the user's are removed.
 *   <li>{@code collector-wal/quarantine/} (beside the warehouse): the lines the collector set aside
 *       because they could not be committed, which hold raw user ids, are removed when they name the user.
 *   <li>marts and {@code serving/snapshot.json}: see {@link MartErasure} and {@link SnapshotErasure}.
 * </ul>
 *
 * <p>Only live files that hold such rows are rewritten, one new file per directory under the next
 * commit's part name; every other file keeps its name. One commit makes the new files live and
 * retires the old ones, so readers see the warehouse before or after the erasure, never between; a
 * file left with no rows is retired without a replacement. The commit's one input entry (kind
 * {@value #KIND}) carries the SHA-256 of {@code "erase-user:" + user_key}, which no input file has;
 * inputs committed before keep their own entries, so ingesting one of them again is skipped as
 * already ingested and does not bring the user back.
 *
 * <p>The commit-log lock is held throughout, so no ingest runs meanwhile. A crash part-way leaves each
 * step done or not done: running the erasure again finishes it.
 */
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    /** The {@code input} and {@code kind} of an erasure's entry in the commit log. */
    public static final String INPUT = "erase-user";
    public static final String KIND = "erasure";

    /** What erasing did to one table, mart or the snapshot; an aggregate mart has no user column and is left as it is. */
    public record Outcome(String table, long removed, long changed, boolean aggregate, boolean dropped) {
        public Outcome {
            requireNonNull(table, "table is null");
        }

        static Outcome of(String table, long removed, long changed) {
            return new Outcome(table, removed, changed, false, false);
        }

        static Outcome aggregate(String table) {
            return new Outcome(table, 0, 0, true, false);
        }

        /** A derived table removed whole, to be rebuilt by the next jobs run from the erased warehouse. */
        static Outcome dropped(String table) {
            return new Outcome(table, 0, 0, false, true);
        }
    }

    /** Everything one erasure did; {@code commit} is the warehouse commit's file name, or null if none was needed. */
    public record Report(List<Outcome> outcomes, String commit) {
        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public long removed() {
            return outcomes.stream().mapToLong(Outcome::removed).sum();
        }

        public long changed() {
            return outcomes.stream().mapToLong(Outcome::changed).sum();
        }

        /** True when no row anywhere carried the user's key. */
        public boolean foundNowhere() {
            return removed() == 0 && changed() == 0;
        }
    }

    /**
     * How one warehouse table forgets a user: a row with the key in a {@code removeOn} column goes; a
     * {@code clearOn} column holding the key becomes null.
     */
    private record TableRule(TableSchema schema, List<String> removeOn, List<String> clearOn) {

        String table() {
            return schema.table();
        }

        /** The schema of rewritten files: a cleared column must accept null. */
        TableSchema writeSchema() {
            return new TableSchema(schema.table(), schema.columns().stream()
                    .map(c -> clearOn.contains(c.name()) ? TableSchema.optional(c.name(), c.type()) : c)
                    .toList());
        }

        List<String> columns() {
            List<String> columns = new ArrayList<>(removeOn);
            columns.addAll(clearOn);
            return columns;
        }

        /** The row without the user: null to drop it, the same array when untouched, else an edited copy. */
        Object[] apply(Object[] row, String userKey) {
            for (String column : removeOn) {
                if (userKey.equals(row[index(column)])) {
                    return null;
                }
            }
            Object[] result = row;
            for (String column : clearOn) {
                int i = index(column);
                if (userKey.equals(row[i])) {
                    if (result == row) {
                        result = row.clone();
                    }
                    result[i] = null;
                }
            }
            return result;
        }

        private int index(String column) {
            for (int i = 0; i < schema.columns().size(); i++) {
                if (schema.columns().get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalStateException("table " + schema.table() + " has no column " + column);
        }
    }

    private static final List<TableRule> RULES = List.of(
            new TableRule(Ingest.EVENTS, List.of(Columns.USER_KEY), List.of(Columns.RECORD_ID)),
            new TableRule(reference(Tables.USERS), List.of(Columns.USER_KEY), List.of(Columns.MANAGER_KEY)),
            new TableRule(reference(Tables.TRAINING), List.of(Columns.USER_KEY), List.of()),
            new TableRule(reference(Tables.RECORDS), List.of(), List.of(Columns.OWNER_KEY)),
            new TableRule(Ingest.QUARANTINE, List.of(Columns.USER_KEY), List.of()));

    private final DataLayout layout;
    private final CommitLog commitLog;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    public Erasure(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock) {
        this.layout = requireNonNull(layout, "layout is null");
        this.commitLog = new CommitLog(layout);
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * An erasure over a data directory's warehouse with the key it was ingested with. No key is ever
     * created here: a new key would give the user a key that matches none of their rows.
     */
    public static Erasure open(DataLayout layout, Clock clock) throws IngestException, IOException {
        if (!Files.isDirectory(layout.warehouse())) {
            throw new IngestException("No warehouse in " + layout.dataDir() + ": give the --data directory that ingest loaded");
        }
        if (!Files.isRegularFile(layout.keyFile())) {
            throw new IngestException("No pseudonymisation key at " + layout.keyFile() + ": the user's key can only be"
                    + " computed with the key their data was ingested with. Restore that file (none is created here:"
                    + " a new key would match nobody), then run erase-user again");
        }
        return new Erasure(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock);
    }

    /** Erases the user with this CRM id (a 15- or 18-character Salesforce id, or any other id, as ingested). */
    public Report erase(String userId) throws IOException {
        requireNonNull(userId, "userId is null");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
        String userKey = pseudonymizer.userKey(userId);
        try (FileChannel lock = commitLog.lock()) {
            List<Outcome> outcomes = new ArrayList<>();
            String commit = eraseFromWarehouse(userKey, outcomes);
            outcomes.addAll(MartErasure.erase(layout.marts(), userKey));
            dropDailyActivity().ifPresent(outcomes::add);
            SnapshotErasure.erase(layout.snapshot(), userKey).ifPresent(outcomes::add);
            long setAside = Quarantine.forget(layout.dataDir().resolve(CollectorConfig.WAL_DIR),
                    event -> namesUser(event, userId, userKey));
            if (setAside > 0) {
                outcomes.add(Outcome.of(COLLECTOR_QUARANTINE, setAside, 0));
            }
            Report report = new Report(outcomes, commit);
            LOG.info("Erased a user: {} rows removed, {} changed, warehouse commit {}",
                    report.removed(), report.changed(), commit == null ? "none" : commit);
            return report;
        }
    }

    /**
     * The jobs' daily activity tables ({@code activity/}, one row per user, day, module and event type)
     * hold the user's rows too. They are derived from events alone, so they are removed whole and the
     * next jobs run rebuilds them from the erased events.
     */
    private Optional<Outcome> dropDailyActivity() throws IOException {
        Path activity = layout.warehouse().resolve(DAILY_ACTIVITY);
        if (!Files.exists(activity)) {
            return Optional.empty();
        }
        try (Stream<Path> paths = Files.walk(activity)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        return Optional.of(Outcome.dropped(DAILY_ACTIVITY));
    }

    /** What the outcome of the collector's set-aside lines is called. */
    static final String COLLECTOR_QUARANTINE = "collector-wal/quarantine";

    /**
     * Whether an event the collector set aside names the user: its {@code user_id} has their key, as
     * ingest would have computed it; a line that is not JSON names them if it holds their id at all.
     */
    private boolean namesUser(String event, String userId, String userKey) {
        try {
            JsonNode user = JSON.readTree(event).get("user_id");
            return user != null && user.isTextual() && !user.asText().isBlank()
                    && pseudonymizer.userKey(user.asText()).equals(userKey);
        } catch (IOException e) {
            return event.contains(userId);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The directory of the jobs' daily activity tables in the warehouse. */
    static final String DAILY_ACTIVITY = "activity";

    /** Rewrites the live files holding the user's rows and commits them; returns the commit's file name or null. */
    private String eraseFromWarehouse(String userKey, List<Outcome> outcomes) throws IOException {
        Set<String> live = commitLog.liveFiles();
        long seq = commitLog.nextSeq();
        String part = String.format("part-%020d.parquet", seq);
        List<String> added = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        for (TableRule rule : RULES) {
            long removed = 0;
            long changed = 0;
            // Affected files by directory, and how many of their rows stay.
            Map<Path, List<Path>> affected = new TreeMap<>();
            Map<Path, Long> kept = new TreeMap<>();
            for (Path file : commitLog.liveFiles(rule.table())) {
                Scan scan = scan(rule, file, userKey);
                if (scan.removed() + scan.changed() == 0) {
                    continue;
                }
                removed += scan.removed();
                changed += scan.changed();
                affected.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
                kept.merge(file.getParent(), scan.rows() - scan.removed(), Long::sum);
            }
            for (Map.Entry<Path, List<Path>> dir : affected.entrySet()) {
                if (kept.get(dir.getKey()) > 0) {
                    Path target = dir.getKey().resolve(part);
                    String name = relative(target);
                    if (live.contains(name)) {
                        throw new IOException("Cannot write " + name + ": a live file has that name; the commit log "
                                + layout.commits() + " is inconsistent");
                    }
                    List<EventIdHash> idHashes = new ArrayList<>();
                    try (ParquetRows rows = ParquetRows.edited(dir.getValue(), rule.schema(),
                            r -> keptIds(rule.apply(r, userKey), rule, idHashes))) {
                        ParquetFiles.write(target, rule.writeSchema(), () -> rows);
                    }
                    if (rule.table().equals(Tables.EVENTS)) {
                        // Keeps ingest's de-duplication index right: the new file's ids, named by the file.
                        EventIdFile.write(EventIdFile.of(layout, name), target, idHashes);
                    }
                    added.add(name);
                }
                dir.getValue().forEach(file -> retired.add(relative(file)));
            }
            outcomes.add(Outcome.of(rule.table(), removed, changed));
        }
        if (retired.isEmpty()) {
            return null;
        }
        CommitLog.InputEntry entry = new CommitLog.InputEntry(INPUT, Hashes.sha256(INPUT + ":" + userKey), KIND, 0, 0, 0, 0);
        CommitLog.Commit commit = new CommitLog.Commit(seq, clock.instant().toString(), List.of(entry), added, retired);
        commitLog.append(commit);
        // Retired files are deleted only once no commit makes them live; a crash here leaves orphans the next ingest removes.
        for (String file : retired) {
            Files.deleteIfExists(layout.warehouse().resolve(file));
            if (file.startsWith(Tables.EVENTS + "/")) {
                Files.deleteIfExists(EventIdFile.of(layout, file));
            }
        }
        return commit.fileName();
    }

    /** Notes the event id of a kept events row, for the rewritten file's id file; the row unchanged. */
    private static Object[] keptIds(Object[] row, TableRule rule, List<EventIdHash> idHashes) {
        if (row != null && rule.table().equals(Tables.EVENTS)) {
            idHashes.add(EventIdHash.of((String) row[EVENT_ID]));
        }
        return row;
    }

    /** Where {@code event_id} is in a row of {@link Ingest#EVENTS}. */
    private static final int EVENT_ID = Ingest.EVENTS.columns().stream().map(TableSchema.Column::name).toList()
            .indexOf(Columns.EVENT_ID);

    /** A file's rows, and how many of them the erasure removes or changes. */
    private record Scan(long rows, long removed, long changed) {}

    /** Reads only the columns that can hold the key. */
    private static Scan scan(TableRule rule, Path file, String userKey) throws IOException {
        MessageType schema = ParquetRows.fileSchema(file);
        List<String> columns = rule.columns().stream().filter(schema::containsField).toList();
        if (columns.isEmpty()) {
            // Quarantine files written before quarantine had a user_key column name no user.
            return new Scan(0, 0, 0);
        }
        long rows = 0;
        long removed = 0;
        long changed = 0;
        try (ParquetRows read = ParquetRows.projected(file, rule.schema(), columns)) {
            while (read.hasNext()) {
                Object[] row = read.next();
                Object[] after = rule.apply(row, userKey);
                rows++;
                if (after == null) {
                    removed++;
                } else if (after != row) {
                    changed++;
                }
            }
        }
        return new Scan(rows, removed, changed);
    }

    private String relative(Path file) {
        return layout.warehouse().relativize(file).toString().replace('\\', '/');
    }

    private static TableSchema reference(String table) {
        return ReferenceTable.ALL.stream().filter(t -> t.table().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no reference table " + table))
                .schema();
    }
}
