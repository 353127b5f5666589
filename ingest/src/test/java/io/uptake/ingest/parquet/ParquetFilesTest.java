package io.uptake.ingest.parquet;

import static io.uptake.ingest.parquet.TableSchema.optional;
import static io.uptake.ingest.parquet.TableSchema.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.ingest.WarehouseRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a table column by column gives the file that writing it row by row gives. */
class ParquetFilesTest {

    private static final TableSchema SCHEMA = new TableSchema("t", List.of(
            required("id", ColumnType.STRING),
            required("at", ColumnType.TIMESTAMP),
            optional("note", ColumnType.STRING),
            optional("ms", ColumnType.LONG)));

    @TempDir
    Path tmp;

    /** Rows as arrays, handed to the writer column by column. */
    private record Batch(List<Object[]> values) implements ColumnBatch {
        @Override
        public int rows() {
            return values.size();
        }

        @Override
        public void write(int column, int from, int to, ColumnValues out) {
            for (int i = from; i < to; i++) {
                Object value = values.get(i)[column];
                switch (column) {
                    case 0, 2 -> out.string((String) value);
                    case 1 -> out.timestamp((Instant) value);
                    default -> out.longValue((Long) value);
                }
            }
        }
    }

    @Test
    void writesTheValuesAndAbsencesOfEachColumn() throws Exception {
        Path file = tmp.resolve("t/part.parquet");
        ParquetFiles.write(file, SCHEMA, new Batch(List.of(
                new Object[] {"a", Instant.parse("2025-10-01T08:00:00.123456Z"), "ü", 7L},
                new Object[] {"b", Instant.parse("2025-10-01T09:00:00Z"), null, null})), Set.of("id"));

        assertThat(WarehouseRows.read(file)).containsExactly(
                row("a", Instant.parse("2025-10-01T08:00:00.123456Z"), "ü", 7L),
                row("b", Instant.parse("2025-10-01T09:00:00Z"), null, null));
        // No temporary file is left beside it.
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void givesTheSameRowsSchemaAndEncodingsAsWritingRowByRow() throws Exception {
        // 10,000 rows: nine chunks of 1,024 and a shorter tenth.
        Object[][] rows = new Object[10_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {"id-" + i, Instant.ofEpochSecond(1_759_305_600L + i), i % 3 == 0 ? null : "note-" + (i % 7),
                i % 5 == 0 ? null : (long) i};
        }
        Path byColumn = tmp.resolve("columns.parquet");
        Path byRow = tmp.resolve("rows.parquet");
        ParquetFiles.write(byColumn, SCHEMA, new Batch(Arrays.asList(rows)), Set.of("id"));
        ParquetFiles.write(byRow, SCHEMA, Arrays.asList(rows), Set.of("id"));

        assertThat(WarehouseRows.read(byColumn)).isEqualTo(WarehouseRows.read(byRow));
        ParquetMetadata columns = ParquetRows.footer(byColumn);
        ParquetMetadata expected = ParquetRows.footer(byRow);
        assertThat(columns.getFileMetaData().getSchema()).isEqualTo(expected.getFileMetaData().getSchema());
        assertThat(columns.getFileMetaData().getKeyValueMetaData()).isEqualTo(expected.getFileMetaData().getKeyValueMetaData());
        assertThat(columns.getBlocks()).hasSize(1);
        assertThat(encodings(columns)).isEqualTo(encodings(expected));
        // id without a dictionary, note (7 distinct values) with one.
        assertThat(encodings(columns).get("id")).doesNotContain(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
        assertThat(encodings(columns).get("note")).contains(Encoding.PLAIN_DICTIONARY);
        // Nulls: note every third row (3,334 of 10,000: 0, 3, ..., 9,999), ms every fifth (2,000).
        assertThat(columns.getBlocks().get(0).getColumns()).extracting(c -> c.getStatistics().getNumNulls())
                .containsExactly(0L, 0L, 3_334L, 2_000L);
    }

    @Test
    void refusesNoValueInARequiredColumnNamingIt() {
        Batch batch = new Batch(List.<Object[]>of(new Object[] {null, Instant.EPOCH, null, null}));

        assertThatThrownBy(() -> ParquetFiles.write(tmp.resolve("bad.parquet"), SCHEMA, batch, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("required column id of t is null");
    }

    private static Map<String, Object> row(String id, Instant at, String note, Long ms) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("at", at);
        row.put("note", note);
        row.put("ms", ms);
        return row;
    }

    private static Map<String, Set<Encoding>> encodings(ParquetMetadata footer) {
        Map<String, Set<Encoding>> encodings = new HashMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                encodings.put(column.getPath().toDotString(), column.getEncodings());
            }
        }
        return encodings;
    }
}
