package io.uptake.ingest.parquet;

import static io.uptake.ingest.parquet.TableSchema.optional;
import static io.uptake.ingest.parquet.TableSchema.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.ingest.WarehouseRows;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowWriteSupportTest {

    @TempDir
    Path dir;

    private static final TableSchema SCHEMA = new TableSchema("times", List.of(
            required("at", ColumnType.TIMESTAMP), optional("day", ColumnType.DATE)));

    @Test
    void timestampsAreMicrosecondsSinceTheEpochRoundedDownWithoutOverflowingAfter2262() {
        // Days from 1970-01-01 to 2300-01-01: 120,530; to 0001-01-01: -719,162 (counted by hand with Python's datetime).
        assertThat(RowWriteSupport.micros(Instant.parse("2300-01-01T00:00:00.000001Z"))).isEqualTo(120_530L * 86_400_000_000L + 1);
        assertThat(RowWriteSupport.micros(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo(-719_162L * 86_400_000_000L);
        assertThat(RowWriteSupport.micros(Instant.parse("1969-12-31T23:59:59.9999995Z"))).isEqualTo(-1L);
    }

    @Test
    void theYears0001And9999AreWrittenAndReadBack() throws Exception {
        Path file = dir.resolve("times.parquet");

        ParquetFiles.write(file, SCHEMA, List.of(
                new Object[] {Instant.parse("0001-01-01T00:00:00Z"), LocalDate.of(1, 1, 1)},
                new Object[] {Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDate.of(9999, 12, 31)}));

        assertThat(WarehouseRows.read(file)).containsExactly(
                Map.of("at", Instant.parse("0001-01-01T00:00:00Z"), "day", LocalDate.of(1, 1, 1)),
                Map.of("at", Instant.parse("9999-12-31T23:59:59.999999Z"), "day", LocalDate.of(9999, 12, 31)));
    }

    @Test
    void aValueNoParquetColumnCanHoldFailsWithAMessageNamingItNotAnOverflow() {
        Path file = dir.resolve("times.parquet");

        assertThatThrownBy(() -> ParquetFiles.write(file, SCHEMA, List.<Object[]>of(
                new Object[] {Instant.parse("+300000-01-01T00:00:00Z"), null})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot store at +300000-01-01T00:00:00Z in times: outside the range of a Parquet TIMESTAMP column");
        assertThatThrownBy(() -> ParquetFiles.write(file, SCHEMA, List.<Object[]>of(
                new Object[] {Instant.parse("2025-10-01T00:00:00Z"), LocalDate.of(6_000_000, 1, 1)})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot store day +6000000-01-01 in times: outside the range of a Parquet DATE column");
    }

    @Test
    void aRowIsStorableOnlyWithItsRequiredValuesAndDatesFrom0001To9999() {
        assertThat(SCHEMA.problem(new Object[] {Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDate.of(1, 1, 1)})).isEmpty();
        assertThat(SCHEMA.problem(new Object[] {null, null})).contains("Missing at");
        assertThat(SCHEMA.problem(new Object[] {Instant.parse("+10000-01-01T00:00:00Z"), null}))
                .contains("at +10000-01-01T00:00:00Z is outside the dates the warehouse can store (0001-01-01 to 9999-12-31)");
        assertThat(SCHEMA.problem(new Object[] {Instant.parse("0000-12-31T23:59:59.999999Z"), null}))
                .contains("at 0000-12-31T23:59:59.999999Z is outside the dates the warehouse can store (0001-01-01 to 9999-12-31)");
        assertThat(SCHEMA.problem(new Object[] {Instant.parse("2025-10-01T00:00:00Z"), LocalDate.of(10_000, 1, 1)}))
                .contains("day +10000-01-01 is outside the dates the warehouse can store (0001-01-01 to 9999-12-31)");
    }
}
