package io.uptake.ingest.parquet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes rows given as {@code Object[]} in the order of a {@link TableSchema}; null means absent. */
final class RowWriteSupport extends WriteSupport<Object[]> {

    private final TableSchema schema;
    private RecordConsumer consumer;

    RowWriteSupport(TableSchema schema) {
        this.schema = schema;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema.messageType(), new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            TableSchema.Column column = schema.columns().get(i);
            if (value == null) {
                if (column.required()) {
                    throw new IllegalArgumentException("required column " + column.name() + " of " + schema.table() + " is null");
                }
                continue;
            }
            consumer.startField(column.name(), i);
            try {
                add(column, value);
            } catch (ArithmeticException e) {
                // Ingest checks every row with TableSchema.problem first; this is the last line of defence.
                throw new IllegalArgumentException("Cannot store " + column.name() + " " + value + " in " + schema.table()
                        + ": outside the range of a Parquet " + column.type() + " column");
            }
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }

    private void add(TableSchema.Column column, Object value) {
        switch (column.type()) {
            // String.getBytes encodes far faster than Binary.fromString's CharsetEncoder, to the same bytes.
            case STRING -> consumer.addBinary(Binary.fromConstantByteArray(((String) value).getBytes(StandardCharsets.UTF_8)));
            case LONG -> consumer.addLong(((Number) value).longValue());
            case INT -> consumer.addInteger(((Number) value).intValue());
            case DOUBLE -> consumer.addDouble(((Number) value).doubleValue());
            case BOOLEAN -> consumer.addBoolean((Boolean) value);
            case DATE -> consumer.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
            case TIMESTAMP -> consumer.addLong(micros((Instant) value));
        }
    }

    /**
     * Microseconds since the epoch, rounded down. Not {@code ChronoUnit.MICROS.between}, which counts in
     * nanoseconds and overflows for instants after 2262 or before 1677.
     */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
