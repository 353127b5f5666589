package io.uptake.ingest;

import static io.uptake.ingest.parquet.TableSchema.optional;
import static io.uptake.ingest.parquet.TableSchema.required;


import io.uptake.ingest.eventid.EventIdFile;
import io.uptake.ingest.eventid.EventIdHash;
import io.uptake.ingest.eventid.EventIdIndex;
import io.uptake.ingest.parquet.ColumnType;
import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.ingest.parquet.ParquetRows;
import io.uptake.ingest.parquet.TableSchema;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.reference.ReferenceParser;
import io.uptake.ingest.reference.ReferenceTable;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.Sources;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** The ROI assumptions file; stored as {@code config/roi_assumptions-<commit>.json}. */
    public static final String ROI_ASSUMPTIONS = "roi_assumptions.json";
    private static final String CONFIG_KIND = "config";
    private static final String REFERENCE_KIND = "reference:";
    /**
     * How long a file that a commit replaced stays on disk: a job or notebook that listed the live
     * files just before the commit may still be reading it.
     */
    public static final Duration RETIRED_FILE_GRACE = Duration.ofHours(1);

    /**
     * Buffered events after which a commit is made (between inputs, never inside one), and how many
     * event ids are kept in memory for de-duplication: past that, a commit is made and the ids of the
     * days least recently used are dropped, to be read back from the day's id files when it comes up again.
     */
    record Limits(int flushEvents, long maxKnownIds) {
        /**
         * Ids take about 24 bytes each in memory (16 for the hash in a set at most 3/4 full, often half
         * full); an eighth of the heap for them leaves the rest to the batch and the inputs read ahead.
         */
        static final Limits DEFAULT = new Limits(500_000, Math.max(2_000_000, Runtime.getRuntime().maxMemory() / 8 / 24));
    }

    /**
     * How far the readers may run ahead of the inputs being batched, in input bytes (at least one input
     * is always read ahead): the events of the inputs read ahead are held in memory.
     */
    static final long READ_AHEAD_BYTES = 64L << 20;

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

    /** Columns whose values hardly repeat: a dictionary would only be built to be dropped. */
    private static final Set<String> UNIQUE_EVENT_COLUMNS = Set.of(Columns.EVENT_ID, Columns.OCCURRED_AT);

    public static final TableSchema QUARANTINE = new TableSchema(Tables.QUARANTINE, List.of(
            required(Columns.INPUT, ColumnType.STRING),
            required(Columns.LINE, ColumnType.LONG),
            required(Columns.REASON, ColumnType.STRING),
            required(Columns.CONTENT_HASH, ColumnType.STRING),
            required(Columns.QUARANTINED_AT, ColumnType.TIMESTAMP),
            optional(Columns.USER_KEY, ColumnType.STRING)));

    /**
     * What happened to one input: its kind (the source that read it, {@code reference:<table>} or
     * {@code config}), its four numbers, and how many distinct people its events name whom {@code users}
     * does not know. A file that was not read has {@code skipped} set to the reason and zero counts; a
     * file refused whole (nothing of it loaded, the table's live version stays) has {@code refused} set to
     * the reason, which names the file, and zero counts.
     */
    public record InputReport(String input, String kind, long read, long committed, long duplicates,
                              long quarantined, long unmatchedPeople, boolean alreadyIngested, String skipped,
                              String refused) {
        public InputReport {
            if (read != committed + duplicates + quarantined) {
                throw new IllegalStateException("input " + input + " does not reconcile");
            }
        }

        public InputReport(String input, String kind, long read, long committed, long duplicates, long quarantined,
                           long unmatchedPeople, boolean alreadyIngested, String skipped) {
            this(input, kind, read, committed, duplicates, quarantined, unmatchedPeople, alreadyIngested, skipped, null);
        }

        public InputReport(String input, String kind, long read, long committed, long duplicates, long quarantined,
                           boolean alreadyIngested) {
            this(input, kind, read, committed, duplicates, quarantined, 0, alreadyIngested, null);
        }

        static InputReport skipped(String input, String reason) {
            return new InputReport(input, SKIPPED_KIND, 0, 0, 0, 0, 0, false, reason);
        }

        static InputReport refused(String input, String kind, String reason) {
            return new InputReport(input, kind, 0, 0, 0, 0, 0, false, null, reason);
        }

        public boolean wasSkipped() {
            return skipped != null;
        }

        public boolean wasRefused() {
            return refused != null;
        }
    }

    /** The kind of a file that no source reads. */
    public static final String SKIPPED_KIND = "skipped";

    /** Extensions of files that hold data: one that no source recognises is an error, not a skip. */
    private static final List<String> DATA_EXTENSIONS = List.of(".csv", ".json", ".jsonl", ".ndjson", ".log", ".gz");
    /** Files that only describe the data beside them. */
    private static final List<String> DOCUMENTATION_EXTENSIONS = List.of(".md", ".txt", ".html", ".pdf", ".rst");

    private final DataLayout layout;
    private final CommitLog commitLog;
    private final Pseudonymizer pseudonymizer;
    private final ModuleMapping modules;
    private final ReferenceParser reference;
    private final boolean skipUnrecognized;
    /** The sources of this run, built once the people of users are known. */
    private Sources sources;
    private final Clock clock;
    private final Consumer<InputReport> listener;

    // The batch not yet committed.
    private final Map<LocalDate, DayBatch> pendingEvents = new TreeMap<>();
    private final List<Rejection> pendingRejections = new ArrayList<>();
    private final Map<ReferenceTable, List<Object[]>> pendingReference = new LinkedHashMap<>();
    private final List<CommitLog.InputEntry> pendingInputs = new ArrayList<>();
    private byte[] pendingRoiAssumptions;
    private int pendingCount;
    /** Event ids per day: those live in the warehouse (loaded when a day is first touched) and those batched. */
    private EventIdIndex eventIds;
    /** Per table replaced whole on load (reference tables, config): the sha256 of the input now live. */
    private final Map<String, String> liveVersion = new HashMap<>();
    private final Limits limits;
    private Set<String> liveFiles;
    /** Writes a commit's day files; set for the length of a run. */
    private ExecutorService writers;

    public Ingest(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock, Consumer<InputReport> listener) {
        this(layout, pseudonymizer, clock, listener, false);
    }

    /**
     * With {@code skipUnrecognized}, a data file that no source recognises is reported as skipped;
     * without it the run refuses to start, naming every such file.
     */
    public Ingest(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock, Consumer<InputReport> listener,
                  boolean skipUnrecognized) {
        this(layout, pseudonymizer, clock, listener, Limits.DEFAULT, skipUnrecognized);
    }

    Ingest(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock, Consumer<InputReport> listener, Limits limits) {
        this(layout, pseudonymizer, clock, listener, limits, false);
    }

    private Ingest(DataLayout layout, Pseudonymizer pseudonymizer, Clock clock, Consumer<InputReport> listener,
                   Limits limits, boolean skipUnrecognized) {
        this.limits = limits;
        this.layout = layout;
        this.commitLog = new CommitLog(layout);
        this.pseudonymizer = pseudonymizer;
        this.modules = ModuleMapping.defaults();
        this.skipUnrecognized = skipUnrecognized;
        this.reference = new ReferenceParser(pseudonymizer);
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Ingests the inputs (files, or directories walked in name order); returns one report per input,
     * including the files skipped and the reference files refused (their live version stays). Refuses to
     * start, naming them, when a data file is one that no source recognises, unless built to skip them.
     */
    public List<InputReport> run(List<Path> inputs) throws IOException, IngestException {
        List<Path> files = expand(inputs);
        List<InputReport> reports = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService readers = Executors.newFixedThreadPool(cores, daemon("ingest-reader"));
        writers = Executors.newFixedThreadPool(cores, daemon("ingest-writer"));
        try (FileChannel lock = commitLog.lock()) {
            List<CommitLog.Commit> commits = commitLog.commits();
            removeOrphans(commits);
            eventIds = new EventIdIndex(layout, liveFiles());
            Map<String, CommitLog.InputEntry> ingested = new HashMap<>();
            for (CommitLog.Commit commit : commits) {
                for (CommitLog.InputEntry entry : commit.inputs()) {
                    ingested.put(entry.sha256(), entry);
                    replacedTable(entry.kind()).ifPresent(table -> liveVersion.put(table, entry.sha256()));
                }
            }
            sources = Sources.all(new SourceContext(pseudonymizer, modules, people(files)));
            Map<Path, Plan> plans = plan(files, readers);
            List<String> unrecognised = files.stream().filter(f -> plans.get(f).unrecognised())
                    .map(f -> f + " (" + plans.get(f).skipped() + ")").toList();
            if (!unrecognised.isEmpty() && !skipUnrecognized) {
                throw new IngestException(unrecognised.size() + (unrecognised.size() == 1 ? " data file is" : " data files are")
                        + " in no format Uptake reads, so nothing was ingested:\n  " + String.join("\n  ", unrecognised)
                        + "\nMove " + (unrecognised.size() == 1 ? "it" : "them")
                        + " out of the input, or pass --skip-unrecognized to ingest the rest.");
            }
            // Inputs are fingerprinted and parsed on all cores, ahead of this thread, which takes them in
            // input order: which copy of an event counts as the duplicate is the same as reading one by one.
            Set<String> ingestedBefore = Set.copyOf(ingested.keySet());
            ReadAhead ahead = new ReadAhead(files, file -> read(file, plans.get(file), ingestedBefore), readers);
            for (Path file : files) {
                Plan plan = plans.get(file);
                Read read = ahead.next();
                InputReport report = plan.skipped() != null ? InputReport.skipped(file.toString(), plan.skipped())
                        : ingest(file, plan, read, ingested);
                reports.add(report);
                listener.accept(report);
                // Also commit when the ids held for de-duplication grow past their bound: only then can
                // they be dropped (an input that touches every day, like a JSON-lines feed, holds many).
                if (pendingCount >= limits.flushEvents() || eventIds.held() > limits.maxKnownIds()) {
                    commit();
                }
            }
            commit();
        } finally {
            readers.shutdownNow();
            writers.shutdownNow();
        }
        return List.copyOf(reports);
    }

    /**
     * What one input is: the ROI assumptions, a reference table, the events of a source, or a file not
     * read ({@code skipped} says why; {@code unrecognised} when it is a data file no source reads).
     */
    private record Plan(boolean config, ReferenceTable table, EventSource source, String skipped, boolean unrecognised) {
        static final Plan CONFIG = new Plan(true, null, null, null, false);

        static Plan skip(String reason) {
            return new Plan(false, null, null, reason, false);
        }
    }

    /** Works out every input's plan on the reader threads: each looks at the first bytes of its files. */
    private Map<Path, Plan> plan(List<Path> files, ExecutorService readers) throws IOException {
        List<Future<Plan>> plans = new ArrayList<>();
        for (Path file : files) {
            plans.add(readers.submit(() -> plan(file)));
        }
        Map<Path, Plan> byFile = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byFile.put(files.get(i), ReadAhead.await(plans.get(i)));
        }
        return byFile;
    }

    private Plan plan(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return Plan.skip("a symbolic link to " + file.toRealPath() + ", a directory that contains it: a loop, not followed");
        }
        if (!Files.exists(file)) {
            return Plan.skip("a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist");
        }
        String name = file.getFileName().toString();
        if (name.equals(ROI_ASSUMPTIONS)) {
            return Plan.CONFIG;
        }
        Optional<ReferenceTable> table = ReferenceTable.forFileName(name);
        if (table.isPresent()) {
            return new Plan(false, table.get(), null, null, false);
        }
        InputFile input = InputFile.of(file);
        Optional<EventSource> source = sources.recognise(input);
        if (source.isPresent()) {
            return new Plan(false, null, source.get(), null, false);
        }
        String lower = input.name();
        if (DOCUMENTATION_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            return Plan.skip(DOCUMENTATION);
        }
        if (input.gzipped() || DATA_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            return new Plan(false, null, null, "no source recognises " + describe(input), true);
        }
        return Plan.skip("not a data file");
    }

    /** What a file that no source reads looks like, to say why in its report: its first line when it is short text. */
    private static String describe(InputFile file) throws IOException {
        String first = file.firstLine();
        if (file.head().isEmpty()) {
            return "its content, which is empty" + (file.gzipped() ? " or not valid gzip" : "");
        }
        if (file.head().chars().filter(c -> c == '\uFFFD' || (c < 32 && c != '\n' && c != '\r' && c != '\t')).count()
                > file.head().length() / 10) {
            return "its content, which is not text";
        }
        String shown = first.length() > 100 ? first.substring(0, 100) + "..." : first;
        return "its content; its first line is '" + shown + "'";
    }

    /** The reason given for documentation beside the data; such files are reported without a warning. */
    public static final String DOCUMENTATION = "documentation";

    /**
     * The people of users, as the sources that name people by e-mail or another system's id find them:
     * from the last users.csv among the inputs, which is the table this run leaves live, or else from
     * the live users table.
     */
    private People people(List<Path> files) throws IOException {
        ReferenceTable users = ReferenceTable.forFileName(Tables.USERS + ".csv").orElseThrow();
        int userKey = users.columnIndex(Columns.USER_KEY);
        int emailKey = users.columnIndex(Columns.EMAIL_KEY);
        int externalKeys = users.columnIndex(Columns.EXTERNAL_KEYS);
        List<Object[]> rows = new ArrayList<>();
        Path file = files.stream().filter(f -> f.getFileName().toString().equals(users.fileName()))
                .reduce((first, second) -> second).orElse(null);
        if (file != null) {
            try {
                rows.addAll(reference.parse(users, file, file.toString()).rows());
            } catch (ReferenceParser.InvalidFile e) {
                // Refused in its turn, with this message; until then the live table still names the people.
                file = null;
            }
        }
        if (file == null) {
            for (String live : liveFiles()) {
                if (live.startsWith(Tables.USERS + "/")) {
                    Path path = layout.warehouse().resolve(live);
                    List<String> columns = new ArrayList<>();
                    for (var column : ParquetRows.fileSchema(path).getFields()) {
                        columns.add(column.getName());
                    }
                    columns.retainAll(List.of(Columns.USER_KEY, Columns.EMAIL_KEY, Columns.EXTERNAL_KEYS));
                    try (ParquetRows read = ParquetRows.projected(path, users.schema(), columns)) {
                        read.forEachRemaining(rows::add);
                    }
                }
            }
        }
        Map<String, String> identities = new HashMap<>();
        for (Object[] row : rows) {
            if (row[emailKey] != null) {
                identities.put((String) row[emailKey], (String) row[userKey]);
            }
            if (row[externalKeys] != null) {
                for (String key : ((String) row[externalKeys]).split(";")) {
                    identities.put(key, (String) row[userKey]);
                }
            }
        }
        return People.of(pseudonymizer, identities);
    }

    /**
     * What a reader thread made of one input: its fingerprint (null for a file not read) and, for the
     * events of a source whose bytes were not ingested before this run, its records.
     */
    private record Read(String sha256, Parsed parsed) {}

    /**
     * An event input's records in file order, the hashes of their event ids in the same order, and how
     * many it read; or, for a file that cannot be read to its end (damaged gzip), why it is refused.
     */
    private record Parsed(long read, CollectingSink records, List<EventIdHash> idHashes, String refusal) {}

    /**
     * Runs on a reader thread: fingerprints the input and parses an event input whose bytes were not
     * ingested before this run. Reference and config inputs are small and are read in order by the
     * batching thread, as whether they load depends on what this run loaded before them.
     */
    private Read read(Path file, Plan plan, Set<String> ingestedBefore) throws IOException {
        if (plan.skipped() != null) {
            return new Read(null, null);
        }
        String sha = Hashes.sha256(file);
        if (plan.source() == null) {
            return new Read(sha, null);
        }
        return new Read(sha, ingestedBefore.contains(sha) ? null : parse(file, plan.source()));
    }

    private Parsed parse(Path file, EventSource source) throws IOException {
        CollectingSink records = new CollectingSink(clock.instant());
        long read;
        try {
            read = source.parse(InputFile.of(file), records);
        } catch (InputFile.DamagedGzip e) {
            return new Parsed(0, null, List.of(), e.getMessage() + ": fetch or copy it again");
        }
        // Hashed here, on the reader threads, so the one batching thread only looks the hashes up.
        List<EventIdHash> hashes = new ArrayList<>(records.events.size());
        for (Event event : records.events) {
            hashes.add(EventIdHash.of(event.eventId()));
        }
        return new Parsed(read, records, hashes, null);
    }

    private InputReport ingest(Path file, Plan plan, Read prepared, Map<String, CommitLog.InputEntry> ingested)
            throws IOException, IngestException {
        String input = file.toString();
        String sha = prepared.sha256();
        Optional<ReferenceTable> table = Optional.ofNullable(plan.table());
        String wholeTableKind = plan.config() ? CONFIG_KIND : table.map(t -> REFERENCE_KIND + t.table()).orElse(null);
        CommitLog.InputEntry before = ingested.get(sha);
        Optional<String> replaced = replacedTable(wholeTableKind);
        // A table replaced whole is loaded again unless these very bytes are its live version, so that
        // going back to an earlier file works; other inputs are never read twice.
        if (before != null && (replaced.isEmpty() || sha.equals(liveVersion.get(replaced.get())))) {
            return new InputReport(input, before.kind(), before.read(), 0, before.read(), 0, true);
        }
        String kind = wholeTableKind;
        long read;
        long committed = 0;
        long duplicates = 0;
        long unmatched = 0;
        if (kind != null && pendingInputs.stream().anyMatch(e -> e.kind().equals(wholeTableKind))) {
            // Two versions of one table in one run: commit the first, so each replaces the table in turn.
            commit();
        }
        int rejectionsBefore = pendingRejections.size();
        if (plan.config()) {
            byte[] bytes = Files.readAllBytes(file);
            try {
                // refused at load, like a reference file with a bad header: the jobs would only fail later
                RoiAssumptions.parse(new String(bytes, StandardCharsets.UTF_8), input);
            } catch (IllegalArgumentException e) {
                return InputReport.refused(input, kind, e.getMessage());
            }
            pendingRoiAssumptions = bytes;
            read = 0;
        } else if (table.isPresent()) {
            ReferenceParser.Result result;
            try {
                result = reference.parse(table.get(), file, input);
            } catch (ReferenceParser.InvalidFile e) {
                // Refused whole, its lines not quarantined either: the live version stays and the other inputs
                // commit; the run ends in error naming it.
                return InputReport.refused(input, kind, e.getMessage());
            }
            pendingReference.put(table.get(), result.rows());
            pendingRejections.addAll(result.rejections());
            read = result.read();
            committed = result.rows().size();
        } else {
            kind = plan.source().name();
            // Read ahead unless its bytes were ingested before this run; this run may have ingested them since.
            Parsed parsed = prepared.parsed() != null ? prepared.parsed() : parse(file, plan.source());
            if (parsed.refusal() != null) {
                return InputReport.refused(input, kind, parsed.refusal());
            }
            EventCounter counter = new EventCounter();
            List<Event> events = parsed.records().events;
            for (int i = 0; i < events.size(); i++) {
                counter.accept(events.get(i), parsed.idHashes().get(i));
            }
            pendingRejections.addAll(parsed.records().rejections);
            read = parsed.read();
            committed = counter.committed;
            duplicates = counter.duplicates;
            unmatched = parsed.records().unmatched.size();
        }
        long quarantined = pendingRejections.size() - rejectionsBefore;
        CommitLog.InputEntry entry = new CommitLog.InputEntry(input, sha, kind, read, committed, duplicates, quarantined);
        pendingInputs.add(entry);
        ingested.put(sha, entry);
        replaced.ifPresent(t -> liveVersion.put(t, sha));
        return new InputReport(input, kind, read, committed, duplicates, quarantined, unmatched, false, null);
    }

    /** The table an input of this kind replaces whole (a reference table, or config), if any. */
    private static Optional<String> replacedTable(String kind) {
        if (kind == null) {
            return Optional.empty();
        }
        if (kind.equals(CONFIG_KIND)) {
            return Optional.of(Tables.CONFIG);
        }
        return kind.startsWith(REFERENCE_KIND) ? Optional.of(kind.substring(REFERENCE_KIND.length())) : Optional.empty();
    }

    /** Accepts events not seen before; counts the rest as duplicates. */
    private final class EventCounter {
        long committed;
        long duplicates;

        void accept(Event event, EventIdHash idHash) {
            LocalDate day = event.eventDate();
            if (eventIds.add(day, idHash)) {
                pendingEvents.computeIfAbsent(day, d -> new DayBatch()).add(event, idHash);
                pendingCount++;
                committed++;
            } else {
                duplicates++;
            }
        }
    }

    /** The events batched for one day, and the hashes of their ids for the day's id file. */
    private static final class DayBatch {
        final List<Event> events = new ArrayList<>();
        final List<EventIdHash> idHashes = new ArrayList<>();

        void add(Event event, EventIdHash idHash) {
            events.add(event);
            idHashes.add(idHash);
        }
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
        // The day files are written side by side; none is live before the commit file names it.
        List<Callable<Void>> writes = new ArrayList<>();
        for (Map.Entry<LocalDate, DayBatch> day : pendingEvents.entrySet()) {
            String relative = Tables.EVENTS + "/" + Tables.EVENTS_PARTITION + "=" + day.getKey() + "/" + part;
            DayBatch batch = day.getValue();
            writes.add(() -> {
                List<Event> events = batch.events;
                events.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::eventId));
                Path target = layout.warehouse().resolve(relative);
                ParquetFiles.write(target, EVENTS, new EventColumns(events, now), UNIQUE_EVENT_COLUMNS);
                // After the events file, whose size it records; both become live with the commit file.
                EventIdFile.write(EventIdFile.of(layout, relative), target, batch.idHashes);
                return null;
            });
            added.add(relative);
        }
        writeAll(writes);
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
        if (pendingRoiAssumptions != null) {
            String relative = Tables.CONFIG + "/" + ROI_ASSUMPTIONS.replace(".json", String.format("-%020d.json", seq));
            Path target = layout.warehouse().resolve(relative);
            Files.createDirectories(target.getParent());
            Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
            Files.write(temp, pendingRoiAssumptions);
            CommitLog.AtomicFiles.forceAndMove(temp, target);
            live.stream().filter(f -> f.startsWith(Tables.CONFIG + "/")).forEach(removed::add);
            added.add(relative);
        }
        // Replaced files stay on disk for RETIRED_FILE_GRACE; a later ingest removes them.
        commitLog.append(new CommitLog.Commit(seq, now.toString(), pendingInputs, added, removed));
        live.removeAll(removed);
        live.addAll(added);
        eventIds.committed(added, removed);
        LOG.info("Commit {}: {} inputs, {} events in {} partitions, {} quarantined, {} reference tables",
                seq, pendingInputs.size(), pendingCount, pendingEvents.size(), pendingRejections.size(),
                pendingReference.size());
        pendingEvents.clear();
        pendingRejections.clear();
        pendingReference.clear();
        pendingInputs.clear();
        pendingRoiAssumptions = null;
        pendingCount = 0;
        if (eventIds.held() > limits.maxKnownIds()) {
            // Every day is committed now, so its ids can be read back from its files when needed. Down to
            // half the bound, so that the next inputs do not force a commit of a few events each.
            eventIds.evictTo(limits.maxKnownIds() / 2);
        }
    }

    /** Runs the writes on the writer threads; the first failure is thrown once all have ended. */
    private void writeAll(List<Callable<Void>> writes) throws IOException {
        List<Future<Void>> results;
        try {
            results = writers.invokeAll(writes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while writing the day files");
        }
        for (Future<Void> result : results) {
            ReadAhead.await(result);
        }
    }

    /**
     * Removes what a crash left behind (hidden temporary files, data files no commit made live) and
     * files that a commit retired more than {@link #RETIRED_FILE_GRACE} ago.
     */
    private void removeOrphans(List<CommitLog.Commit> commits) throws IOException {
        Set<String> live = liveFiles();
        Map<String, Instant> retiredAt = new HashMap<>();
        for (CommitLog.Commit commit : commits) {
            Instant at = Instant.parse(commit.committedAt());
            commit.filesRemoved().forEach(file -> retiredAt.put(file, at));
        }
        Instant now = clock.instant();
        List<String> tables = new ArrayList<>(Tables.REFERENCE);
        tables.add(Tables.EVENTS);
        tables.add(Tables.QUARANTINE);
        tables.add(Tables.CONFIG);
        for (String table : tables) {
            Path dir = layout.table(table);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = layout.warehouse().relativize(file).toString().replace('\\', '/');
                    Instant retired = retiredAt.get(relative);
                    if (live.contains(relative) || (retired != null && now.isBefore(retired.plus(RETIRED_FILE_GRACE)))) {
                        continue;
                    }
                    LOG.info("Removing {}: {}", relative, retired != null ? "replaced by a commit at " + retired
                            : "not part of any commit (left by an interrupted ingest)");
                    Files.delete(file);
                }
            }
        }
        removeOrphanIdFiles(live);
    }

    /**
     * Removes the id files whose events file is not live: left by an interrupted ingest or erasure, or
     * of a file a commit retired (only ingest reads them, and it reads those of live files only).
     */
    private void removeOrphanIdFiles(Set<String> live) throws IOException {
        Path dir = layout.eventIds();
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (String file : live) {
            if (file.startsWith(Tables.EVENTS + "/")) {
                wanted.add(EventIdFile.of(layout, file).toString());
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                if (!wanted.contains(file.toString())) {
                    Files.delete(file);
                }
            }
        }
    }

    /** A reader's work on one input. */
    @FunctionalInterface
    private interface Reader {
        Read read(Path file) throws IOException;
    }

    /**
     * Hands out the inputs' reads in input order while keeping up to {@link #READ_AHEAD_BYTES} of later
     * inputs being read on the reader threads.
     */
    private static final class ReadAhead {
        private final List<Path> files;
        private final Reader reader;
        private final ExecutorService readers;
        private final Deque<Future<Read>> running = new ArrayDeque<>();
        private final Deque<Long> runningBytes = new ArrayDeque<>();
        private long bytesAhead;
        private int submitted;

        ReadAhead(List<Path> files, Reader reader, ExecutorService readers) {
            this.files = files;
            this.reader = reader;
            this.readers = readers;
        }

        /** The read of the next input, waiting for it if needed. */
        Read next() throws IOException {
            while (submitted < files.size() && (running.isEmpty() || bytesAhead < READ_AHEAD_BYTES)) {
                Path file = files.get(submitted++);
                long size = sizeOrZero(file);
                running.add(readers.submit(() -> reader.read(file)));
                runningBytes.add(size);
                bytesAhead += size;
            }
            Future<Read> first = running.remove();
            bytesAhead -= runningBytes.remove();
            return await(first);
        }

        /** The task's result, or the exception it threw, unwrapped. */
        static <T> T await(Future<T> task) throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while reading the inputs");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** A missing input is reported by its reader, in its turn. */
    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The files of the inputs: a file itself, a directory walked in name order with symbolic links
     * followed, its hidden files left out. A link back to a directory the walk is in (a loop) or to
     * nothing is listed too, for {@link #plan} to report as skipped. Refuses, naming them, inputs that are
     * missing and directories or files that cannot be read.
     */
    static List<Path> expand(List<Path> inputs) throws IOException, IngestException {
        List<Path> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new IngestException("Input not found: " + input);
            }
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.equals(input) || !file.getFileName().toString().startsWith(".")) {
                        if (attributes.isSymbolicLink()) {
                            // Following it failed: a link to nothing.
                            found.add(file);
                        } else if (attributes.isRegularFile()) {
                            if (!Files.isReadable(file)) {
                                unreadable.add(file + " (a file that the user running ingest may not read)");
                            }
                            found.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        found.add(file);
                    } else if (e instanceof AccessDeniedException) {
                        unreadable.add(file + " (a directory that the user running ingest may not read)");
                    } else {
                        throw e;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            found.sort(null);
            files.addAll(found);
        }
        if (!unreadable.isEmpty()) {
            throw new IngestException("Cannot read " + unreadable.size() + (unreadable.size() == 1 ? " input" : " inputs")
                    + ", so nothing was ingested:\n  " + String.join("\n  ", unreadable)
                    + "\nGive the user running ingest read access, or leave " + (unreadable.size() == 1 ? "it" : "them")
                    + " out of the input.");
        }
        return files;
    }
}
