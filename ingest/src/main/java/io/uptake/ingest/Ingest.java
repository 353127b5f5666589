package io.uptake.ingest;

import static io.uptake.ingest.parquet.TableSchema.optional;
import static io.uptake.ingest.parquet.TableSchema.required;

import io.uptake.ingest.jsonl.JsonLinesParser;
import io.uptake.ingest.parquet.ColumnType;
import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.ingest.parquet.TableSchema;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.reference.ReferenceParser;
import io.uptake.ingest.reference.ReferenceTable;
import io.uptake.ingest.salesforce.EventLogFileParser;
import io.uptake.ingest.salesforce.ModuleMapping;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads input files into the warehouse. Events are de-duplicated by {@code event_id} against the
 * warehouse and the batch, written one file per day partition, and made live together by one commit;
 * reference tables are replaced whole; every rejected line goes to quarantine.
 */
public final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    /** Buffered events after which a commit is made (between inputs, never inside one). */
    private static final int FLUSH_EVENTS = 500_000;

    public static final TableSchema EVENTS = new TableSchema(Tables.EVENTS, List.of(
            required(Columns.EVENT_ID, ColumnType.STRING),
            required(Columns.OCCURRED_AT, ColumnType.TIMESTAMP),
            required(Columns.INGESTED_AT, ColumnType.TIMESTAMP),
            required(Columns.USER_KEY, ColumnType.STRING),
            optional(Columns.SESSION_KEY, ColumnType.STRING),
            required(Columns.SOURCE, ColumnType.STRING),
            optional(Columns.SOURCE_EVENT_TYPE, ColumnType.STRING),
            required(Columns.EVENT_TYPE, ColumnType.STRING),
            required(Columns.MODULE, ColumnType.STRING),
            optional(Columns.OBJECT_TYPE, ColumnType.STRING),
            optional(Columns.RECORD_ID, ColumnType.STRING),
            required(Columns.CLIENT, ColumnType.STRING),
            required(Columns.STATUS, ColumnType.STRING),
            optional(Columns.ERROR_CODE, ColumnType.STRING),
            optional(Columns.DURATION_MS, ColumnType.LONG)));

    public static final TableSchema QUARANTINE = new TableSchema(Tables.QUARANTINE, List.of(
            required(Columns.INPUT, ColumnType.STRING),
            required(Columns.LINE, ColumnType.LONG),
            required(Columns.REASON, ColumnType.STRING),
            required(Columns.CONTENT_HASH, ColumnType.STRING),
            required(Columns.QUARANTINED_AT, ColumnType.TIMESTAMP),
            optional(Columns.USER_KEY, ColumnType.STRING)));

    /** What happened to one input. */
    public record InputReport(String input, String kind, long read, long committed, long duplicates,
                              long quarantined, boolean alreadyIngested) {
        public InputReport {
            if (read != committed + duplicates + quarantined) {
                throw new IllegalStateException("input " + input + " does not reconcile");
            }
        }
    }

    private final DataLayout layout;
    private final CommitLog commitLog;
    private final EventLogFileParser elf;
    private final JsonLinesParser jsonLines;
    private final ReferenceParser reference;
    private final Clock clock;
    private final Consumer<InputReport> listener;

    // The batch not yet committed.
    private final Map<LocalDate, List<Event>> pendingEvents = new TreeMap<>();
    private final List<Rejection> pendingRejections = new ArrayList<>();
    private final Map<ReferenceTable, List<Object[]>> pendingReference = new LinkedHashMap<>();
    private final List<CommitLog.InputEntry> pendingInputs = new ArrayList<>();
    private final List<String> pendingConfig = new ArrayList<>();
    private int pendingCount;
    /** Event ids per day: those live in the warehouse (loaded when a day is first touched) and those batched. */
    private final Map<LocalDate, Set<String>> knownIds = new HashMap<>();
    private Set<String> liveFiles;

    public Ingest(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock, Consumer<InputReport> listener) {
        this.layout = layout;
        this.commitLog = new CommitLog(layout);
        ModuleMapping modules = ModuleMapping.defaults();
        this.elf = new EventLogFileParser(pseudonymizer, modules);
        this.jsonLines = new JsonLinesParser(pseudonymizer, modules);
        this.reference = new ReferenceParser(pseudonymizer);
        this.clock = clock;
        this.listener = listener;
    }

    /** Ingests the inputs (files, or directories walked in name order); returns one report per input. */
    public List<InputReport> run(List<Path> inputs) throws IOException, IngestException {
        List<Path> files = expand(inputs);
        List<InputReport> reports = new ArrayList<>();
        try (FileChannel lock = commitLog.lock()) {
            removeOrphans();
            Map<String, CommitLog.InputEntry> ingested = new HashMap<>();
            for (CommitLog.Commit commit : commitLog.commits()) {
                commit.inputs().forEach(entry -> ingested.put(entry.sha256(), entry));
            }
            for (Path file : files) {
                InputReport report = ingest(file, ingested);
                if (report != null) {
                    reports.add(report);
                    listener.accept(report);
                }
                if (pendingCount >= FLUSH_EVENTS) {
                    commit();
                }
            }
            commit();
        }
        return List.copyOf(reports);
    }

    private InputReport ingest(Path file, Map<String, CommitLog.InputEntry> ingested) throws IOException, IngestException {
        String input = file.toString();
        String name = file.getFileName().toString();
        String sha = Hashes.sha256(file);
        CommitLog.InputEntry before = ingested.get(sha);
        if (before != null) {
            // The same bytes were committed before: nothing of them is new.
            return new InputReport(input, before.kind(), before.read(), 0, before.read(), 0, true);
        }
        String kind;
        long read;
        long committed = 0;
        long duplicates = 0;
        int rejectionsBefore = pendingRejections.size();
        if (name.equals("roi_assumptions.json")) {
            kind = "config";
            Path target = layout.warehouse().resolve("config").resolve(name);
            Files.createDirectories(target.getParent());
            Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
            Files.copy(file, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CommitLog.AtomicFiles.forceAndMove(temp, target);
            pendingConfig.add("config/" + name);
            read = 0;
        } else if (ReferenceTable.forFileName(name).isPresent()) {
            ReferenceTable table = ReferenceTable.forFileName(name).orElseThrow();
            kind = "reference:" + table.table();
            try {
                ReferenceParser.Result result = reference.parse(table, file, input);
                pendingReference.put(table, result.rows());
                pendingRejections.addAll(result.rejections());
                read = result.read();
                committed = result.rows().size();
            } catch (ReferenceParser.InvalidFile e) {
                throw new IngestException(e.getMessage());
            }
        } else if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            kind = "jsonl";
            EventCounter counter = new EventCounter();
            read = jsonLines.parse(file, input, counter);
            committed = counter.committed;
            duplicates = counter.duplicates;
        } else if (name.endsWith(".csv") && EventLogFileParser.isEventLogFile(file)) {
            kind = "elf";
            EventCounter counter = new EventCounter();
            read = elf.parse(file, input, counter);
            committed = counter.committed;
            duplicates = counter.duplicates;
        } else {
            LOG.warn("Skipped {}: not an EventLogFile CSV, JSON lines, or a reference file (users.csv, waves.csv, training.csv, records.csv, costs.csv, goals.csv)", input);
            return null;
        }
        long quarantined = pendingRejections.size() - rejectionsBefore;
        CommitLog.InputEntry entry = new CommitLog.InputEntry(input, sha, kind, read, committed, duplicates, quarantined);
        pendingInputs.add(entry);
        ingested.put(sha, entry);
        return new InputReport(input, kind, read, committed, duplicates, quarantined, false);
    }

    /** Accepts events not seen before; counts the rest as duplicates. */
    private final class EventCounter implements InputSink {
        long committed;
        long duplicates;

        @Override
        public void accept(Event event) {
            LocalDate day = event.eventDate();
            if (idsOf(day).add(event.eventId())) {
                pendingEvents.computeIfAbsent(day, d -> new ArrayList<>()).add(event);
                pendingCount++;
                committed++;
            } else {
                duplicates++;
            }
        }

        @Override
        public void reject(Rejection rejection) {
            pendingRejections.add(rejection);
        }
    }

    private Set<String> idsOf(LocalDate day) {
        return knownIds.computeIfAbsent(day, d -> {
            Set<String> ids = new HashSet<>();
            String prefix = Tables.EVENTS + "/" + Tables.EVENTS_PARTITION + "=" + d + "/";
            try {
                for (String file : liveFiles()) {
                    if (file.startsWith(prefix)) {
                        ids.addAll(ParquetFiles.readStrings(layout.warehouse().resolve(file), Columns.EVENT_ID));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read the event ids of " + prefix, e);
            }
            return ids;
        });
    }

    private Set<String> liveFiles() throws IOException {
        if (liveFiles == null) {
            liveFiles = commitLog.liveFiles();
        }
        return liveFiles;
    }

    /** Writes the batch's files, then makes them live with one commit, then retires replaced files. */
    private void commit() throws IOException {
        if (pendingInputs.isEmpty()) {
            return;
        }
        long seq = commitLog.nextSeq();
        Instant now = clock.instant();
        String part = String.format("part-%020d.parquet", seq);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Event>> day : pendingEvents.entrySet()) {
            String relative = Tables.EVENTS + "/" + Tables.EVENTS_PARTITION + "=" + day.getKey() + "/" + part;
            List<Event> events = day.getValue();
            events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));
            ParquetFiles.write(layout.warehouse().resolve(relative), EVENTS,
                    events.stream().map(e -> eventRow(e, now))::iterator);
            added.add(relative);
        }
        if (!pendingRejections.isEmpty()) {
            String relative = Tables.QUARANTINE + "/" + part;
            ParquetFiles.write(layout.warehouse().resolve(relative), QUARANTINE, pendingRejections.stream()
                    .map(r -> new Object[] {r.input(), r.line(), r.reason(), r.contentHash(), now, r.userKey()})::iterator);
            added.add(relative);
        }
        Set<String> live = liveFiles();
        for (Map.Entry<ReferenceTable, List<Object[]>> table : pendingReference.entrySet()) {
            String relative = table.getKey().table() + "/" + part;
            ParquetFiles.write(layout.warehouse().resolve(relative), table.getKey().schema(), table.getValue());
            live.stream().filter(f -> f.startsWith(table.getKey().table() + "/")).forEach(removed::add);
            added.add(relative);
        }
        added.addAll(pendingConfig);
        commitLog.append(new CommitLog.Commit(seq, now.toString(), pendingInputs, added, removed));
        live.removeAll(removed);
        live.addAll(added);
        for (String file : removed) {
            Files.deleteIfExists(layout.warehouse().resolve(file));
        }
        LOG.info("Commit {}: {} inputs, {} events in {} partitions, {} quarantined, {} reference tables",
                seq, pendingInputs.size(), pendingCount, pendingEvents.size(), pendingRejections.size(),
                pendingReference.size());
        pendingEvents.clear();
        pendingRejections.clear();
        pendingReference.clear();
        pendingInputs.clear();
        pendingConfig.clear();
        pendingCount = 0;
    }

    private static Object[] eventRow(Event e, Instant ingestedAt) {
        return new Object[] {e.eventId(), e.occurredAt(), ingestedAt, e.userKey(), e.sessionKey(), e.source(),
            e.sourceEventType(), e.eventType(), e.module(), e.objectType(), e.recordId(), e.client(), e.status(),
            e.errorCode(), e.durationMs()};
    }

    /**
     * Removes what a crash left behind: hidden temporary files, data files no commit made live, and
     * files a commit retired but did not get to delete.
     */
    private void removeOrphans() throws IOException {
        Set<String> live = liveFiles();
        List<String> tables = new ArrayList<>(Tables.REFERENCE);
        tables.add(Tables.EVENTS);
        tables.add(Tables.QUARANTINE);
        for (String table : tables) {
            Path dir = layout.table(table);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = layout.warehouse().relativize(file).toString().replace('\\', '/');
                    if (!live.contains(relative)) {
                        LOG.info("Removing {}: not part of any commit (left by an interrupted ingest)", relative);
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static List<Path> expand(List<Path> inputs) throws IOException, IngestException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new IngestException("Input not found: " + input);
            }
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }
}
