package io.uptake.ingest.parquet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Where a {@link ColumnBatch} writes the values of one column, one call per row in row order; null is
 * absent, refused in a required column as {@link RowWriteSupport} refuses it.
 */
public final class ColumnValues {

    private final TableSchema schema;
    private final TableSchema.Column column;
    private final ColumnWriter writer;
    /** The definition level of a present value: 1 in an optional column, 0 in a required one. */
    private final int present;

    ColumnValues(TableSchema schema, TableSchema.Column column, ColumnWriter writer) {
        this.schema = schema;
        this.column = column;
        this.writer = writer;
        this.present = column.required() ? 0 : 1;
    }

    public void string(String value) {
        if (value == null) {
            absent();
        } else {
            // String.getBytes encodes far faster than Binary.fromString's CharsetEncoder, to the same bytes.
            writer.write(Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8)), 0, present);
        }
    }

    public void longValue(Long value) {
        if (value == null) {
            absent();
        } else {
            writer.write(value.longValue(), 0, present);
        }
    }

    public void timestamp(Instant value) {
        if (value == null) {
            absent();
        } else {
            writer.write(RowWriteSupport.micros(value), 0, present);
        }
    }

    private void absent() {
        if (column.required()) {
            throw new IllegalArgumentException("required column " + column.name() + " of " + schema.table() + " is null");
        }
        writer.writeNull(0, 0);
    }
}
