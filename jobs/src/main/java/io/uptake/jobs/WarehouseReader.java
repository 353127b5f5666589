package io.uptake.jobs;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads warehouse tables as the commit log says they are: only the live files, never a directory
 * listing, so a reader sees each batch whole or not at all and never a file a commit replaced.
 */
public final class WarehouseReader {

    private final SparkSession spark;
    private final DataLayout layout;
    private final CommitLog commitLog;

    public WarehouseReader(SparkSession spark, DataLayout layout) {
        this.spark = spark;
        this.layout = layout;
        this.commitLog = new CommitLog(layout);
    }

    /** The commit files read so far: what a run records as its input. */
    public List<String> commitNames() throws IOException {
        return commitLog.commitNames();
    }

    /** The table's live rows, or empty when the warehouse has none; events keep their {@code event_date}. */
    public Optional<Dataset<Row>> table(String table) throws IOException {
        List<Path> files = commitLog.liveFiles(table);
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
}
