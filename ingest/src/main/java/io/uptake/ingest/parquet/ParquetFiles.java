package io.uptake.ingest.parquet;

import io.uptake.warehouse.CommitLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/** Writes and reads the warehouse's Parquet files on the local file system. */
public final class ParquetFiles {

    private ParquetFiles() {}

    /**
     * Writes the rows to {@code target} through a hidden temporary file that is forced to disk and
     * renamed into place, so no reader ever sees a partial file.
     */
    public static void write(Path target, TableSchema schema, Iterable<Object[]> rows) throws IOException {
        write(target, schema, rows, Set.of());
    }

    /**
     * As {@link #write(Path, TableSchema, Iterable)}, with the named columns stored without a
     * dictionary: for columns whose values are (nearly) all distinct, such as ids.
     */
    public static void write(Path target, TableSchema schema, Iterable<Object[]> rows, Set<String> plainColumns)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
        Files.deleteIfExists(temp);
        RowWriterBuilder builder = new RowWriterBuilder(new LocalOutputFile(temp), schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withConf(new Configuration(false));
        for (String column : plainColumns) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        try (ParquetWriter<Object[]> writer = builder.build()) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        CommitLog.AtomicFiles.forceAndMove(temp, target);
    }

    /**
     * Rows of a batch written per column before the next column: few enough that the chunk's row objects
     * stay in the processor's cache while every column reads them.
     */
    private static final int COLUMN_CHUNK_ROWS = 1_024;

    /**
     * Writes the batch column by column to {@code target}, as {@link #write(Path, TableSchema, Iterable, Set)}
     * writes rows: one row group, the same encodings and page sizes, through a hidden temporary file. The
     * rows go in chunks of {@value #COLUMN_CHUNK_ROWS}, every column of a chunk in turn, so that pages are
     * cut at their usual size.
     */
    public static void write(Path target, TableSchema schema, ColumnBatch batch, Set<String> plainColumns)
            throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
        Files.deleteIfExists(temp);
        MessageType messageType = schema.messageType();
        ParquetProperties.Builder properties = ParquetProperties.builder();
        for (String column : plainColumns) {
            properties.withDictionaryEncoding(column, false);
        }
        ParquetProperties props = properties.build();
        CodecFactory codecs = new CodecFactory(new Configuration(false), props.getPageSizeThreshold());
        try {
            ParquetFileWriter file = new ParquetFileWriter(new LocalOutputFile(temp), messageType,
                    ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
                    null, props);
            file.start();
            ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(codecs.getCompressor(CompressionCodecName.SNAPPY),
                    messageType, props.getAllocator(), props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
            ColumnWriteStore columns = props.newColumnWriteStore(messageType, pages, pages);
            List<ColumnValues> values = new ArrayList<>();
            for (TableSchema.Column column : schema.columns()) {
                values.add(new ColumnValues(schema, column,
                        columns.getColumnWriter(messageType.getColumnDescription(new String[] {column.name()}))));
            }
            int rows = batch.rows();
            for (int from = 0; from < rows; from += COLUMN_CHUNK_ROWS) {
                int to = Math.min(rows, from + COLUMN_CHUNK_ROWS);
                for (int column = 0; column < values.size(); column++) {
                    batch.write(column, from, to, values.get(column));
                }
                for (int row = from; row < to; row++) {
                    columns.endRecord();
                }
            }
            if (rows > 0) {
                file.startBlock(rows);
                columns.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
            columns.close();
            pages.close();
            file.end(new HashMap<>());
        } finally {
            codecs.release();
        }
        CommitLog.AtomicFiles.forceAndMove(temp, target);
    }

    /**
     * The values of one required string column, in row order. Read column by column, not record by
     * record: only that column's pages are read and decoded, with no row objects built.
     */
    public static List<String> readStrings(Path file, String column) throws IOException {
        List<String> values = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = new MessageType(schema.getName(), schema.getType(column));
            ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {column});
            if (descriptor.getMaxDefinitionLevel() != 0 || descriptor.getMaxRepetitionLevel() != 0) {
                throw new IOException("Column " + column + " of " + file + " is not a required string column");
            }
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                ColumnReader strings = new ColumnReadStoreImpl(rowGroup,
                        new GroupRecordConverter(projection).getRootConverter(), projection, createdBy)
                        .getColumnReader(descriptor);
                for (long i = strings.getTotalValueCount(); i > 0; i--) {
                    values.add(strings.getBinary().toStringUsingUTF8());
                    strings.consume();
                }
            }
        }
        return values;
    }

    private static final class RowWriterBuilder extends ParquetWriter.Builder<Object[], RowWriterBuilder> {
        private final TableSchema schema;

        RowWriterBuilder(OutputFile file, TableSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected RowWriterBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }
}
