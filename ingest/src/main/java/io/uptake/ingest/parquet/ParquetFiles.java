package io.uptake.ingest.parquet;

import io.uptake.warehouse.CommitLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.hadoop.api.ReadSupport;

/** Writes and reads the warehouse's Parquet files on the local file system. */
public final class ParquetFiles {

    private ParquetFiles() {}

    /**
     * Writes the rows to {@code target} through a hidden temporary file that is forced to disk and
     * renamed into place, so no reader ever sees a partial file.
     */
    public static void write(Path target, TableSchema schema, Iterable<Object[]> rows) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = CommitLog.AtomicFiles.hiddenTemp(target);
        Files.deleteIfExists(temp);
        try (ParquetWriter<Object[]> writer = new RowWriterBuilder(new LocalOutputFile(temp), schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withConf(new Configuration(false))
                .build()) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        CommitLog.AtomicFiles.forceAndMove(temp, target);
    }

    /** The values of one string column, read with a projection so no other column is decoded. */
    public static List<String> readStrings(Path file, String column) throws IOException {
        Configuration conf = new Configuration();
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, "message projection { required binary " + column + " (STRING); }");
        List<String> values = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(conf).build()) {
            Group group;
            while ((group = reader.read()) != null) {
                values.add(group.getString(column, 0));
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
