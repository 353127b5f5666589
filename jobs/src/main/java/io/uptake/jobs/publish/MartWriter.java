package io.uptake.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Writes a run's marts beside the live ones, then swaps them in. Nothing live is overwritten in
 * place: a run that fails before {@link #swapIn()} leaves every live mart as it was.
 */
public final class MartWriter {

    private final Configuration hadoop;
    private final FileSystem fs;
    private final Path marts;
    private final Path staging;
    private final Path retired;
    /** Staged marts and their row counts; {@link #stage} may be called from several threads at once. */
    private final Map<String, Long> rows = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> withdrawn = new LinkedHashSet<>();

    public MartWriter(Configuration hadoop, String martsUri, String runId) throws IOException {
        this.hadoop = hadoop;
        this.marts = new Path(martsUri);
        this.fs = marts.getFileSystem(hadoop);
        this.staging = new Path(marts, ".staging-" + runId);
        this.retired = new Path(marts, ".retired-" + runId);
    }

    /**
     * Writes one mart to the staging area as a single file, its rows sorted by {@code sortColumns}, and
     * returns its row count, read from the file's footer rather than by counting again.
     */
    public long stage(String mart, Dataset<Row> data, String... sortColumns) {
        Path target = new Path(staging, mart);
        Column[] sort = Arrays.stream(sortColumns).map(functions::col).toArray(Column[]::new);
        data.repartition(1).sortWithinPartitions(sort).write().mode(SaveMode.ErrorIfExists).parquet(target.toString());
        long count = 0;
        try {
            for (FileStatus file : fs.listStatus(target, p -> p.getName().endsWith(".parquet"))) {
                try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, hadoop))) {
                    count += reader.getRecordCount();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged mart " + target, e);
        }
        rows.put(mart, count);
        return count;
    }

    /** Where a staged mart is, for the marts computed from it in the same run. */
    public String stagedPath(String mart) {
        if (!rows.containsKey(mart)) {
            throw new IllegalStateException("mart " + mart + " is not staged");
        }
        return new Path(staging, mart).toString();
    }

    /**
     * Marks a mart this run cannot compute (its input is missing or wrong): {@link #swapIn()} removes the
     * live one, so no reader takes a previous run's figures for this run's.
     */
    public void withdraw(String mart) {
        withdrawn.add(mart);
    }

    public Map<String, Long> rowsWritten() {
        synchronized (rows) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /**
     * Moves each staged mart into place: the live directory is renamed away, the new one renamed in,
     * the old one deleted. A reader sees the old mart or the new one, or for an instant none.
     */
    public void swapIn() throws IOException {
        fs.mkdirs(retired);
        for (String mart : withdrawn) {
            Path live = new Path(marts, mart);
            if (fs.exists(live) && !fs.rename(live, new Path(retired, mart))) {
                throw new IOException("cannot move the withdrawn mart " + live + " aside");
            }
        }
        for (String mart : rowsWritten().keySet()) {
            Path live = new Path(marts, mart);
            if (fs.exists(live) && !fs.rename(live, new Path(retired, mart))) {
                throw new IOException("cannot move the live mart " + live + " aside");
            }
            if (!fs.rename(new Path(staging, mart), live)) {
                throw new IOException("cannot move the new mart " + mart + " into " + live);
            }
        }
        fs.delete(retired, true);
        fs.delete(staging, true);
    }

    /** Removes what a failed run staged. */
    public void abandon() throws IOException {
        fs.delete(staging, true);
    }
}
