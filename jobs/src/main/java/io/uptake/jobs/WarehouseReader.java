package io.uptake.jobs;

import io.uptake.jobs.activity.ActivityStore;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads warehouse tables as the commit log says they are: only the live files, never a directory
 * listing, so a reader sees each batch whole or not at all and never a file a commit replaced. The
 * commit log is read once, on first use: every table of one run comes from the same commits, even if
 * an ingest commits while the run reads.
 */
public final class WarehouseReader {

    private final SparkSession spark;
    private final DataLayout layout;
    private final CommitLog commitLog;
    private List<CommitLog.Commit> commits;
    private List<String> commitNames;
    private Set<String> liveFiles;

    public WarehouseReader(SparkSession spark, DataLayout layout) {
        this.spark = spark;
        this.layout = layout;
        this.commitLog = new CommitLog(layout);
    }

    /** The commits this reader reads: what a run records as its input. */
    public List<String> commitNames() throws IOException {
        pin();
        return commitNames;
    }

    /** The pinned commits, in order. */
    public List<CommitLog.Commit> commits() throws IOException {
        pin();
        return commits;
    }

    /** The live files of {@code events} by day, paths relative to the warehouse; empty without events. */
    public SortedMap<LocalDate, List<String>> eventFilesByDay() throws IOException {
        pin();
        SortedMap<LocalDate, List<String>> byDay = new TreeMap<>();
        for (String file : liveFiles) {
            ActivityStore.day(file).ifPresent(d -> byDay.computeIfAbsent(d, k -> new ArrayList<>()).add(file));
        }
        byDay.values().forEach(files -> files.sort(null));
        return byDay;
    }

    /** The rows of the named live event files (relative to the warehouse), with their {@code event_date}. */
    public Dataset<Row> events(List<String> files) {
        String[] paths = files.stream().map(f -> layout.warehouse().resolve(f).toUri().toString()).toArray(String[]::new);
        return spark.read().option("basePath", layout.table(Tables.EVENTS).toUri().toString()).parquet(paths);
    }

    /** The table's live rows, or empty when the warehouse has none; events keep their {@code event_date}. */
    public Optional<Dataset<Row>> table(String table) throws IOException {
        List<Path> files = liveFiles(table);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String[] paths = files.stream().map(p -> p.toUri().toString()).toArray(String[]::new);
        return Optional.of(table.equals(Tables.EVENTS)
                ? spark.read().option("basePath", layout.table(table).toUri().toString()).parquet(paths)
                : spark.read().parquet(paths));
    }

    /** The table's live rows; a job cannot run without it. */
    public Dataset<Row> require(String table) throws IOException {
        return table(table).orElseThrow(() -> new JobException("The warehouse " + layout.warehouse() + " has no "
                + table + " table: load it with ./uptake ingest first"));
    }

    /**
     * The text of the live configuration file loaded from the input named {@code inputName} (e.g.
     * {@code roi_assumptions.json}, stored as {@code config/roi_assumptions-<commit>.json}), with the
     * path it was read from; empty when none was loaded.
     */
    public Optional<ConfigFile> config(String inputName) throws IOException {
        String stem = inputName.replaceFirst("\\.json$", "");
        for (Path file : liveFiles(Tables.CONFIG)) {
            String name = file.getFileName().toString();
            if (name.startsWith(stem + "-") && name.endsWith(".json")) {
                return Optional.of(new ConfigFile(file, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return Optional.empty();
    }

    /** A configuration file's path in the warehouse and its text. */
    public record ConfigFile(Path path, String text) {}

    private List<Path> liveFiles(String table) throws IOException {
        pin();
        String prefix = table + "/";
        return liveFiles.stream().filter(f -> f.startsWith(prefix)).sorted().map(layout.warehouse()::resolve).toList();
    }

    private void pin() throws IOException {
        if (liveFiles == null) {
            commits = commitLog.commits();
            commitNames = commits.stream().map(CommitLog.Commit::fileName).toList();
            liveFiles = CommitLog.liveFiles(commits);
        }
    }
}
