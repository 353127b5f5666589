package io.uptake.ingest.parquet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** A warehouse table's columns, in file order, and the Parquet schema they make. */
public record TableSchema(String table, List<Column> columns) {

    public record Column(String name, ColumnType type, boolean required) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * The first and last day a DATE or TIMESTAMP value may fall on: the range Spark's date and timestamp
     * types support, which the jobs read the warehouse with, well within what Parquet can hold.
     */
    public static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    public TableSchema {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
    }

    /**
     * Why a row cannot be stored in this table, if it cannot: a required value is missing, or a date or
     * timestamp lies outside {@link #FIRST_DAY} to {@link #LAST_DAY}. The reason names the column and the
     * value; a row without a problem never fails to be written.
     */
    public Optional<String> problem(Object[] row) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value = row[i];
            if (value == null) {
                if (column.required()) {
                    return Optional.of("Missing " + column.name());
                }
                continue;
            }
            boolean outside = switch (column.type()) {
                case DATE -> ((LocalDate) value).isBefore(FIRST_DAY) || ((LocalDate) value).isAfter(LAST_DAY);
                case TIMESTAMP -> ((Instant) value).isBefore(FIRST_INSTANT) || !((Instant) value).isBefore(AFTER_LAST_INSTANT);
                default -> false;
            };
            if (outside) {
                return Optional.of(outsideStorable(column.name(), value));
            }
        }
        return Optional.empty();
    }

    /** Why a timestamp in {@code column} cannot be stored, if it cannot: without building a row. */
    public static Optional<String> unstorable(String column, Instant value) {
        return value.isBefore(FIRST_INSTANT) || !value.isBefore(AFTER_LAST_INSTANT)
                ? Optional.of(outsideStorable(column, value)) : Optional.empty();
    }

    private static String outsideStorable(String column, Object value) {
        return column + " " + value + " is outside the dates the warehouse can store (" + FIRST_DAY + " to " + LAST_DAY + ")";
    }

    public static Column required(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    public static Column optional(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public MessageType messageType() {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (Column column : columns) {
            Type.Repetition repetition = column.required() ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            builder.addField(switch (column.type()) {
                case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType()).named(column.name());
                case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
                case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
                case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
                case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
                case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType()).named(column.name());
                case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(column.name());
            });
        }
        return builder.named(table);
    }
}
