package io.uptake.jobs;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.util.regex.Pattern;

/**
 * Where a job's data directory is, as a Hadoop file system URI: a local directory
 * ({@code file:/srv/uptake/data}), HDFS ({@code hdfs://namenode/uptake}), S3 ({@code s3a://bucket/uptake})
 * or any other file system Hadoop has a connector for. The layout inside is DATA.md's, as
 * {@link DataLayout} gives it for local paths.
 */
public record WarehouseLocation(String dataUri) {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    public WarehouseLocation {
        requireNonNull(dataUri, "dataUri is null");
        dataUri = dataUri.endsWith("/") && dataUri.length() > 1 ? dataUri.substring(0, dataUri.length() - 1) : dataUri;
    }

    /** A URI as given, or a local path made absolute. */
    public static WarehouseLocation of(String data) {
        return SCHEME.matcher(data).matches() && !isWindowsDrive(data)
                ? new WarehouseLocation(data) : of(DataLayout.of(data));
    }

    public static WarehouseLocation of(DataLayout layout) {
        return new WarehouseLocation(layout.dataDir().toUri().toString());
    }

    private static boolean isWindowsDrive(String data) {
        return data.length() > 1 && data.charAt(1) == ':';
    }

    public String warehouse() {
        return dataUri + "/" + DataLayout.WAREHOUSE_DIR;
    }

    public String table(String table) {
        return warehouse() + "/" + table;
    }

    public String commits() {
        return table(Tables.COMMITS);
    }

    public String marts() {
        return table(Tables.MARTS);
    }

    public String mart(String mart) {
        return marts() + "/" + mart;
    }

    public String snapshot() {
        return table(Tables.SERVING) + "/" + DataLayout.SNAPSHOT_FILE;
    }

    /** A file of the warehouse, given relative to it as the commit log names files. */
    public String file(String relative) {
        return warehouse() + "/" + relative;
    }

    @Override
    public String toString() {
        return dataUri;
    }
}
