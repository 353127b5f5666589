package io.uptake.ingest.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of warehouse files, one file after another, as {@code Object[]} in the order of a
 * {@link TableSchema} with the Java types {@code ParquetFiles.write} takes back (String, Long, Integer,
 * Double, Boolean, LocalDate, Instant; absent is null). Rows are streamed: a file is never held whole.
 */
public final class ParquetRows implements Iterator<Object[]>, Closeable {

    private final TableSchema schema;
    private final Iterator<Path> files;
    /** Columns to decode, or null for all; the others read as null. */
    private final Collection<String> projection;
    /** Applied to every row; a row it maps to null is skipped. */
    private final UnaryOperator<Object[]> edit;
    private ParquetReader<Group> reader;
    private Path file;
    private Object[] next;

    private ParquetRows(TableSchema schema, List<Path> files, Collection<String> projection, UnaryOperator<Object[]> edit) {
        this.schema = schema;
        this.files = List.copyOf(files).iterator();
        this.projection = projection;
        this.edit = edit;
    }

    /** Every row of the files, in file order, passed through {@code edit}. */
    public static ParquetRows edited(List<Path> files, TableSchema schema, UnaryOperator<Object[]> edit) {
        return new ParquetRows(schema, files, null, edit);
    }

    /** The rows of one file with only {@code columns} decoded; each must be a column of the file. */
    public static ParquetRows projected(Path file, TableSchema schema, Collection<String> columns) {
        return new ParquetRows(schema, List.of(file), List.copyOf(columns), UnaryOperator.identity());
    }

    /** The schema in a file's footer. */
    public static MessageType fileSchema(Path file) throws IOException {
        return footer(file).getFileMetaData().getSchema();
    }

    public static ParquetMetadata footer(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter();
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                if (reader == null) {
                    if (!files.hasNext()) {
                        return false;
                    }
                    open(files.next());
                }
                Group group = reader.read();
                if (group == null) {
                    reader.close();
                    reader = null;
                } else {
                    next = edit.apply(toRow(group));
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = next;
        next = null;
        return row;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private void open(Path path) throws IOException {
        file = path;
        MessageType fileSchema = fileSchema(path);
        MessageType tableSchema = schema.messageType();
        // A column the table does not define would be lost by a rewrite: refuse rather than drop it.
        for (Type column : fileSchema.getFields()) {
            if (!tableSchema.containsField(column.getName())
                    || !column.isPrimitive()
                    || column.asPrimitiveType().getPrimitiveTypeName()
                            != tableSchema.getType(column.getName()).asPrimitiveType().getPrimitiveTypeName()) {
                throw new IOException("Cannot rewrite " + path + ": its column " + column + " is not a column of table "
                        + schema.table() + " as this version defines it (" + tableSchema.getFields() + ")");
            }
        }
        Configuration conf = new Configuration(false);
        if (projection != null) {
            conf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType(fileSchema.getName(),
                    projection.stream().map(fileSchema::getType).toList()).toString());
        }
        reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(path.toUri()))
                .withConf(conf).build();
    }

    private Object[] toRow(Group group) {
        List<TableSchema.Column> columns = schema.columns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            TableSchema.Column column = columns.get(i);
            String name = column.name();
            if (!group.getType().containsField(name) || group.getFieldRepetitionCount(name) == 0) {
                continue;
            }
            row[i] = switch (column.type()) {
                case STRING -> group.getString(name, 0);
                case LONG -> group.getLong(name, 0);
                case INT -> group.getInteger(name, 0);
                case DOUBLE -> group.getDouble(name, 0);
                case BOOLEAN -> group.getBoolean(name, 0);
                case DATE -> LocalDate.ofEpochDay(group.getInteger(name, 0));
                case TIMESTAMP -> Instant.EPOCH.plus(group.getLong(name, 0), ChronoUnit.MICROS);
            };
        }
        return row;
    }
}
