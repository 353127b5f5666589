package io.uptake.jobs.activity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's derived daily tables, {@code activity/user_day} and {@code activity/source_day}
 * ({@link UserDayActivity#aggregate}, {@link UserDayActivity#sourceDays}), one file per month of
 * event_date, kept up to date incrementally: a run finds, in the commit log, the commits made since the
 * state it last wrote, and recomputes only the months holding a day whose event files those commits
 * added or removed. Every other month is read as it was. A file per month rather than per day keeps a
 * full rebuild from writing hundreds of small files (each costs far more to write than its rows), while
 * a changed day still costs only its month's events.
 *
 * <p>Like the warehouse itself, the tables are read through a state file, never a directory listing:
 * {@code activity/_state/<20-digit number>.json} names the commit the tables reflect and their live
 * files. A run writes its new files under fresh names, then a new state file (hidden name, then a
 * rename), and only then deletes the files it replaced, so a run that dies leaves the previous state
 * whole and at most orphans, which the next run removes.
 */
public final class ActivityStore {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityStore.class);
    public static final String DIR = "activity";
    public static final String USER_DAY = "user_day";
    public static final String SOURCE_DAY = "source_day";
    private static final String STATE_DIR = "_state";
    /** The month of event_date (yyyy-MM), as the name of each file's directory; not a column of the tables. */
    private static final String MONTH = "activity_month";
    private static final Pattern STATE_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern EVENT_DATE = Pattern.compile("^" + Tables.EVENTS + "/"
            + Tables.EVENTS_PARTITION + "=(\\d{4}-\\d{2}-\\d{2})/");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What the tables reflect: every commit up to {@code throughCommit}; files are relative to {@code activity/}. */
    record State(@JsonProperty("version") long version,
                 @JsonProperty("through_commit") long throughCommit,
                 @JsonProperty("user_day") List<String> userDay,
                 @JsonProperty("source_day") List<String> sourceDay) {
        State {
            userDay = List.copyOf(userDay);
            sourceDay = List.copyOf(sourceDay);
        }
    }

    /**
     * How the tables were brought up to date: {@code full} when rebuilt from every event,
     * {@code incremental} otherwise; the days whose events changed (every day when full) and the months
     * recomputed for them (none when nothing changed); the commit the tables reflected before (0 when
     * rebuilt) and the tables other than events that the commits since then changed.
     */
    public record Refresh(String mode, SortedSet<LocalDate> daysChanged, SortedSet<YearMonth> monthsRecomputed,
                          long previousCommit, SortedSet<String> otherTablesChanged) {
        public static final String FULL = "full";
        public static final String INCREMENTAL = "incremental";
    }

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;
    private final Path stateDir;
    private State state;

    public ActivityStore(SparkSession spark, Configuration hadoop, String warehouseUri) throws IOException {
        this.spark = spark;
        this.root = new Path(new Path(warehouseUri), DIR);
        this.fs = root.getFileSystem(hadoop);
        this.stateDir = new Path(root, STATE_DIR);
    }

    /**
     * Brings both tables up to the commits given (the run's pinned commit log). {@code full} rebuilds
     * them from every live event file, as does a first run or a warehouse whose commit log no longer
     * reaches the state's commit. {@code eventFiles} reads the named live event files (paths relative to
     * the warehouse) with their event_date column.
     */
    public Refresh refresh(List<CommitLog.Commit> commits, SortedMap<LocalDate, List<String>> live, boolean full,
                           Function<List<String>, Dataset<Row>> eventFiles) throws IOException {
        long through = commits.isEmpty() ? 0 : commits.get(commits.size() - 1).seq();
        Optional<State> latest = latestState();
        removeAllBut(latest);
        Optional<State> previous = full ? Optional.empty() : latest;
        boolean rebuild = previous.isEmpty() || previous.get().throughCommit() > through;
        SortedSet<LocalDate> days = new TreeSet<>();
        SortedSet<String> otherTables = new TreeSet<>();
        if (rebuild) {
            days.addAll(live.keySet());
        } else {
            for (CommitLog.Commit commit : commits) {
                if (commit.seq() > previous.get().throughCommit()) {
                    for (String file : concat(commit.filesAdded(), commit.filesRemoved())) {
                        day(file).ifPresentOrElse(days::add, () -> otherTables.add(file.substring(0, file.indexOf('/') + 1)
                                .replace("/", "")));
                    }
                }
            }
        }
        SortedSet<YearMonth> months = new TreeSet<>();
        days.forEach(d -> months.add(YearMonth.from(d)));
        long version = latest.map(State::version).orElse(0L) + 1;
        List<String> keptUserDay = rebuild ? List.of() : kept(previous.get().userDay(), months);
        List<String> keptSourceDay = rebuild ? List.of() : kept(previous.get().sourceDay(), months);
        List<String> userDayFiles = new ArrayList<>(keptUserDay);
        List<String> sourceDayFiles = new ArrayList<>(keptSourceDay);
        List<String> inputs = live.entrySet().stream().filter(d -> months.contains(YearMonth.from(d.getKey())))
                .flatMap(d -> d.getValue().stream()).toList();
        if (!inputs.isEmpty()) {
            LOG.info("Daily activity: reading {} event files of {} months", inputs.size(), months.size());
            // Two passes: the source-day one reads three small columns, and grouping by source too in
            // the user-day pass, then rolling up, costs more than reading them again.
            Dataset<Row> events = eventFiles.apply(inputs);
            userDayFiles.addAll(write(UserDayActivity.aggregate(events), USER_DAY, version));
            sourceDayFiles.addAll(write(UserDayActivity.sourceDays(events), SOURCE_DAY, version));
        }
        State next = new State(version, through, userDayFiles, sourceDayFiles);
        if (rebuild || !days.isEmpty() || previous.get().throughCommit() != through) {
            commitState(next);
            removeAllBut(Optional.of(next));
            state = next;
        } else {
            state = previous.get();
        }
        return new Refresh(rebuild ? Refresh.FULL : Refresh.INCREMENTAL, days, months,
                rebuild ? 0 : previous.get().throughCommit(), otherTables);
    }

    /** The user-day table as the last refresh left it. */
    public Dataset<Row> userDays() {
        return read(USER_DAY, state().userDay());
    }

    /** The source-day table as the last refresh left it. */
    public Dataset<Row> sourceDays() {
        return read(SOURCE_DAY, state().sourceDay());
    }

    private State state() {
        if (state == null) {
            throw new IllegalStateException("refresh() the activity tables before reading them");
        }
        return state;
    }

    private Dataset<Row> read(String table, List<String> files) {
        Path base = new Path(root, table);
        if (files.isEmpty()) {
            return table.equals(USER_DAY)
                    ? UserDayActivity.aggregate(emptyEvents()) : UserDayActivity.sourceDays(emptyEvents());
        }
        String[] paths = files.stream().map(f -> new Path(root, f).toString()).toArray(String[]::new);
        return spark.read().option("basePath", base.toString()).parquet(paths).drop(MONTH);
    }

    private Dataset<Row> emptyEvents() {
        return spark.emptyDataFrame().selectExpr(
                "cast(null as date) as event_date", "cast(null as string) as user_key",
                "cast(null as string) as module", "cast(null as string) as event_type",
                "cast(null as string) as status", "cast(null as string) as client",
                "cast(null as string) as source", "cast(null as timestamp) as occurred_at",
                "cast(null as timestamp) as ingested_at");
    }

    /**
     * Writes one table's rows for the recomputed months, one file per month, under names of this
     * version, and returns them relative to {@code activity/}.
     */
    private List<String> write(Dataset<Row> rows, String table, long version) throws IOException {
        Path staging = new Path(root, ".staging-" + version + "/" + table);
        fs.delete(staging, true);
        // A fixed number of partitions, which adaptive execution leaves as they are: it would otherwise
        // merge the small shuffle into one task writing every month on one core.
        int tasks = Math.max(2, spark.sparkContext().defaultParallelism());
        rows.withColumn(MONTH, date_format(col(Tables.EVENTS_PARTITION), "yyyy-MM"))
                .repartition(tasks, col(MONTH)).sortWithinPartitions(MONTH, Tables.EVENTS_PARTITION)
                .write().mode(SaveMode.ErrorIfExists).partitionBy(MONTH)
                .parquet(staging.toString());
        List<String> written = new ArrayList<>();
        for (FileStatus partition : fs.listStatus(staging, p -> p.getName().startsWith(MONTH + "="))) {
            int n = 0;
            for (FileStatus file : fs.listStatus(partition.getPath(), p -> p.getName().endsWith(".parquet"))) {
                String relative = table + "/" + partition.getPath().getName() + "/"
                        + String.format("part-%06d-%03d.parquet", version, n++);
                Path target = new Path(root, relative);
                fs.mkdirs(target.getParent());
                if (!fs.rename(file.getPath(), target)) {
                    throw new IOException("cannot move " + file.getPath() + " to " + target);
                }
                written.add(relative);
            }
        }
        fs.delete(staging.getParent(), true);
        LOG.info("Daily activity: {} written, {} files", table, written.size());
        return written;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static List<String> kept(List<String> files, SortedSet<YearMonth> recomputed) {
        return files.stream().filter(f -> recomputed.stream()
                .noneMatch(m -> f.contains("/" + MONTH + "=" + m + "/"))).toList();
    }

    /** The event_date of a warehouse file of {@code events}, or empty for any other file. */
    public static Optional<LocalDate> day(String warehouseFile) {
        Matcher m = EVENT_DATE.matcher(warehouseFile);
        return m.find() ? Optional.of(LocalDate.parse(m.group(1))) : Optional.empty();
    }

    private Optional<State> latestState() throws IOException {
        Optional<Path> latest = stateFiles().stream().reduce((a, b) -> b);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = fs.open(latest.get())) {
            return Optional.of(JSON.readValue(in, State.class));
        }
    }

    private List<Path> stateFiles() throws IOException {
        if (!fs.exists(stateDir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (FileStatus status : fs.listStatus(stateDir)) {
            if (STATE_FILE.matcher(status.getPath().getName()).matches()) {
                files.add(status.getPath());
            }
        }
        files.sort(null);
        return files;
    }

    private void commitState(State next) throws IOException {
        fs.mkdirs(stateDir);
        String name = String.format("%020d.json", next.version());
        Path temp = new Path(stateDir, "." + name + ".tmp");
        try (OutputStream out = fs.create(temp, true)) {
            JSON.writeValue(out, next);
        }
        if (!fs.rename(temp, new Path(stateDir, name))) {
            throw new IOException("cannot move " + temp + " into place");
        }
    }

    /**
     * Deletes every state but {@code live} and every data file it does not name: the days a run
     * replaced, and the orphans of a run that died; with no state at all, everything.
     */
    private void removeAllBut(Optional<State> live) throws IOException {
        String current = live.map(s -> String.format("%020d.json", s.version())).orElse("");
        if (fs.exists(stateDir)) {
            for (FileStatus status : fs.listStatus(stateDir)) {
                if (!status.getPath().getName().equals(current)) {
                    fs.delete(status.getPath(), false);
                }
            }
        }
        TreeSet<String> keep = new TreeSet<>();
        live.ifPresent(s -> {
            keep.addAll(s.userDay());
            keep.addAll(s.sourceDay());
        });
        for (FileStatus status : fs.exists(root) ? fs.listStatus(root, p -> p.getName().startsWith(".staging-"))
                : new FileStatus[0]) {
            fs.delete(status.getPath(), true);
        }
        for (String table : List.of(USER_DAY, SOURCE_DAY)) {
            Path dir = new Path(root, table);
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus partition : fs.listStatus(dir)) {
                if (!partition.isDirectory()) {
                    fs.delete(partition.getPath(), false);
                    continue;
                }
                boolean empty = true;
                for (FileStatus file : fs.listStatus(partition.getPath())) {
                    if (file.getPath().getName().startsWith(".")) {
                        continue; // a checksum file, deleted with its data file
                    }
                    String relative = table + "/" + partition.getPath().getName() + "/" + file.getPath().getName();
                    if (keep.contains(relative)) {
                        empty = false;
                    } else {
                        fs.delete(file.getPath(), true);
                    }
                }
                if (empty) {
                    fs.delete(partition.getPath(), true);
                }
            }
        }
    }
}
