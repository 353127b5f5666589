package io.uptake.ingest.parquet;

/**
 * Rows handed to the writer column by column, in the order of a {@link TableSchema}: each value goes
 * straight into its column's encoder, with no row array and no boxing per value. The events table is
 * written this way; it is most of what ingest writes.
 */
public interface ColumnBatch {

    /** How many rows the batch holds. */
    int rows();

    /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of the schema's column {@code column}. */
    void write(int column, int from, int to, ColumnValues out);
}
