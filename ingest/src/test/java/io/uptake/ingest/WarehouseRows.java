package io.uptake.ingest;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads the warehouse back as a reader would: live files from the commit log, rows with parquet-java. */
public final class WarehouseRows {

    private WarehouseRows() {}

    /** Every row of every live file of the table, file by file (files sorted by path). */
    public static List<Map<String, Object>> rows(DataLayout layout, String table) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : new CommitLog(layout).liveFiles(table)) {
            rows.addAll(read(file));
        }
        return rows;
    }

    /** The live files of a table, relative to the warehouse. */
    public static List<String> liveFiles(DataLayout layout, String table) throws IOException {
        return new CommitLog(layout).liveFiles(table).stream()
                .map(p -> layout.warehouse().relativize(p).toString().replace('\\', '/'))
                .toList();
    }

    /** The rows of one Parquet file: strings, Longs, Integers, Doubles, Booleans, Instants, LocalDates; absent is null. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            Group group;
            while ((group = reader.read()) != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < group.getType().getFieldCount(); i++) {
                    Type field = group.getType().getType(i);
                    row.put(field.getName(), group.getFieldRepetitionCount(i) == 0 ? null : value(group, i, field));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(Group group, int i, Type field) {
        PrimitiveType primitive = field.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return switch (primitive.getPrimitiveTypeName()) {
            case BINARY -> group.getString(i, 0);
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    ? Instant.EPOCH.plus(group.getLong(i, 0), ChronoUnit.MICROS) : (Object) group.getLong(i, 0);
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? LocalDate.ofEpochDay(group.getInteger(i, 0)) : (Object) group.getInteger(i, 0);
            case DOUBLE -> group.getDouble(i, 0);
            case BOOLEAN -> group.getBoolean(i, 0);
            default -> throw new IllegalStateException("unexpected column type " + field);
        };
    }
}
