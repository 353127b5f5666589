package io.uptake.ingest.erasure;

import io.uptake.ingest.parquet.ParquetRows;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Removes a user's rows from the marts the jobs wrote ({@code marts/<mart>/part-*.parquet}, KPIS.md).
 * A mart with a {@code user_key} or {@code manager_key} column loses the rows that carry the user's
 * key; it is rewritten with its own schema and footer metadata into a staging directory and swapped
 * in by directory renames, as the jobs swap marts in. A mart without such a column is an aggregate:
 * it is left as it is, and the next jobs run recomputes it from the erased warehouse. {@code _runs}
 * holds no user data and is not touched.
 */
final class MartErasure {

    static final String STAGING = ".staging-erasure";
    static final String RETIRED = ".retired-erasure";
    private static final List<String> USER_COLUMNS = List.of(Columns.USER_KEY, Columns.MANAGER_KEY);
    /** Set by each writer for itself; copying another writer's value would clash. */
    private static final String WRITER_MODEL = "writer.model.name";

    private MartErasure() {}

    /** One outcome per mart, in name order; none when there are no marts. */
    static List<Erasure.Outcome> erase(Path marts, String userKey) throws IOException {
        if (!Files.isDirectory(marts)) {
            return List.of();
        }
        finishInterruptedSwap(marts);
        List<Erasure.Outcome> outcomes = new ArrayList<>();
        for (Path dir : list(marts)) {
            String name = dir.getFileName().toString();
            // Hidden directories are other runs' staging areas.
            if (!Files.isDirectory(dir) || name.equals(Marts.RUNS) || name.startsWith(".")) {
                continue;
            }
            List<Path> files = list(dir).stream().filter(MartErasure::isDataFile).toList();
            if (files.isEmpty()) {
                continue;
            }
            String table = Tables.MARTS + "/" + name;
            if (userColumns(ParquetRows.fileSchema(files.get(0))).isEmpty()) {
                outcomes.add(Erasure.Outcome.aggregate(table));
                continue;
            }
            long removed = 0;
            for (Path file : files) {
                removed += copy(file, null, userKey);
            }
            if (removed > 0) {
                rewrite(marts, dir, files, userKey);
            }
            outcomes.add(Erasure.Outcome.of(table, removed, 0));
        }
        return List.copyOf(outcomes);
    }

    /** Writes each file without the user's rows into the staging directory, then swaps the mart. */
    private static void rewrite(Path marts, Path dir, List<Path> files, String userKey) throws IOException {
        Path staging = marts.resolve(STAGING).resolve(dir.getFileName());
        Files.createDirectories(staging);
        for (Path file : files) {
            copy(file, staging.resolve(file.getFileName()), userKey);
        }
        if (Files.exists(dir.resolve("_SUCCESS"))) {
            Files.createFile(staging.resolve("_SUCCESS"));
        }
        // As MartWriter.swapIn: the live mart is renamed away, the new one renamed in, the old one deleted.
        Path retired = marts.resolve(RETIRED).resolve(dir.getFileName());
        Files.createDirectories(retired.getParent());
        Files.move(dir, retired, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(marts.resolve(RETIRED));
        deleteRecursively(marts.resolve(STAGING));
    }

    /**
     * Counts the rows of {@code file} that carry the user's key in a user column and, when
     * {@code target} is given, writes the other rows there with the file's schema and metadata.
     */
    private static long copy(Path file, Path target, String userKey) throws IOException {
        FileMetaData meta = ParquetRows.footer(file).getFileMetaData();
        MessageType schema = meta.getSchema();
        List<String> columns = userColumns(schema);
        Map<String, String> extra = new HashMap<>(meta.getKeyValueMetaData());
        extra.remove(WRITER_MODEL);
        long removed = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration(false)).build();
             ParquetWriter<Group> writer = target == null ? null : ExampleParquetWriter.builder(new LocalOutputFile(target))
                     .withType(schema)
                     .withExtraMetaData(extra)
                     .withConf(new Configuration(false))
                     .withCompressionCodec(CompressionCodecName.SNAPPY)
                     .build()) {
            Group row;
            while ((row = reader.read()) != null) {
                if (carries(row, columns, userKey)) {
                    removed++;
                } else if (writer != null) {
                    writer.write(row);
                }
            }
        }
        if (target != null) {
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
        return removed;
    }

    private static boolean carries(Group row, List<String> columns, String userKey) {
        for (String column : columns) {
            if (row.getFieldRepetitionCount(column) > 0 && userKey.equals(row.getString(column, 0))) {
                return true;
            }
        }
        return false;
    }

    /** The user columns a mart has as top-level strings. */
    private static List<String> userColumns(MessageType schema) {
        return USER_COLUMNS.stream().filter(schema::containsField).filter(c -> {
            Type type = schema.getType(c);
            return type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY;
        }).toList();
    }

    /**
     * Puts back what an erasure interrupted between its two renames left: a mart that is only in the
     * retired directory is moved back (and erased again by this run); staged copies are dropped.
     */
    private static void finishInterruptedSwap(Path marts) throws IOException {
        Path retired = marts.resolve(RETIRED);
        if (Files.isDirectory(retired)) {
            for (Path old : list(retired)) {
                Path live = marts.resolve(old.getFileName());
                if (!Files.exists(live)) {
                    Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        deleteRecursively(retired);
        deleteRecursively(marts.resolve(STAGING));
    }

    /** Spark's part files; not its hidden checksums ({@code .part-*.crc}) nor markers ({@code _SUCCESS}). */
    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
