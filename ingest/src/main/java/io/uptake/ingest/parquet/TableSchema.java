package io.uptake.ingest.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;
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

    public TableSchema {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
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
