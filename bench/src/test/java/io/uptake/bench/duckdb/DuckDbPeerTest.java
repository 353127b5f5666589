package io.uptake.bench.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.bench.duckdb.OracleReport.MartComparison;
import io.uptake.warehouse.Marts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer against the real product on the {@code small} sample: the sample is generated, ingested and
 * computed by the KPI job once for the class, the peer computes its marts once, and each test reads them.
 */
class DuckDbPeerTest {

    /** The sample's activity runs from 2025-10-03 to 2025-12-31 (its README); A is the last day. */
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 10, 3);
    private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
    /** The sample's eight teams of people; the two integration users' team is no team of people. */
    private static final int TEAMS = 8;
    private static final int MODULES = 6;

    @TempDir
    static Path dir;

    private static SampleWarehouse sample;
    private static DuckDbPeer peer;
    private static Map<String, Long> peerRows;

    @BeforeAll
    static void buildSampleAndPeer() throws Exception {
        sample = SampleWarehouse.build(dir.resolve("sample"));
        peer = DuckDbPeer.open(2);
        peerRows = peer.computeMarts(sample.warehouse(), AS_OF);
    }

    @AfterAll
    static void closePeer() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void computesEveryMartWithTheRowsTheSampleImplies() {
        long days = ChronoUnit.DAYS.between(FIRST_DAY, AS_OF) + 1;
        assertThat(days).isEqualTo(90);
        assertThat(peerRows).containsExactly(
                Map.entry(Marts.ADOPTION_DAILY, days * (TEAMS + 1)),
                Map.entry(Marts.MODULE_ADOPTION, (long) (TEAMS + 1) * MODULES),
                Map.entry(Marts.TRAINING_GAP, (long) (TEAMS + 1) * MODULES),
                Map.entry(Marts.RECORD_FRESHNESS, sample.run().rowsWritten().get(Marts.RECORD_FRESHNESS)),
                // the ELF export and the service console feed
                Map.entry(Marts.SOURCE_FRESHNESS, 2L),
                // October, November and December 2025
                Map.entry(Marts.ROI_MONTHLY, 3L));
    }

    @Test
    void agreesWithTheJobsOnEverySampleMart() {
        OracleReport report = peer.compare(sample.warehouse());

        assertThat(report.marts()).extracting(MartComparison::mart).containsExactly(Marts.ADOPTION_DAILY,
                Marts.MODULE_ADOPTION, Marts.TRAINING_GAP, Marts.RECORD_FRESHNESS, Marts.SOURCE_FRESHNESS,
                Marts.ROI_MONTHLY);
        for (MartComparison mart : report.marts()) {
            assertThat(mart.examples()).as(mart.mart()).isEmpty();
            assertThat(mart.mismatchingRows()).as(mart.mart()).isZero();
            assertThat(mart.martRows()).as(mart.mart()).isEqualTo(peerRows.get(mart.mart()))
                    .isEqualTo(sample.run().rowsWritten().get(mart.mart()));
        }
        assertThat(report.agrees()).isTrue();
        assertThat(report.mart(Marts.SOURCE_FRESHNESS).notCompared())
                .containsExactly("hours_since_last_event (depends on the run's wall-clock time)");
        assertThat(report.summary()).startsWith("Oracle check: 6 of 6 marts agree between DuckDB and the jobs\n")
                .contains("not compared: hours_since_last_event");
    }

    @Test
    void aChangedValueInOneMartIsReportedWithTheMartAndTheKey() throws Exception {
        Path changed = copyOfMarts("changed");
        long activeUsers = queryLong("SELECT active_users FROM peer_training_gap WHERE team = 'Sales East' AND module = 'sales'");
        rewriteMart(changed, Marts.TRAINING_GAP, "SELECT * REPLACE (CASE WHEN team = 'Sales East' AND module = 'sales'"
                + " THEN active_users + 1 ELSE active_users END AS active_users) FROM read_parquet(${mart})");

        OracleReport report = peer.compare(changed);

        assertThat(report.agrees()).isFalse();
        MartComparison trainingGap = report.mart(Marts.TRAINING_GAP);
        assertThat(trainingGap.mismatchingRows()).isEqualTo(1);
        assertThat(trainingGap.examples()).containsExactly("team=Sales East, module=sales: active_users peer "
                + activeUsers + ", mart " + (activeUsers + 1));
        assertThat(report.marts()).filteredOn(m -> !m.mart().equals(Marts.TRAINING_GAP))
                .allMatch(MartComparison::agrees);
        assertThat(report.summary()).contains("training_gap      DIFFERS", "team=Sales East, module=sales");
    }

    @Test
    void aChangeSmallerThanTheToleranceIsNoMismatchButALargerOneIs() throws Exception {
        Path changed = copyOfMarts("tolerance");
        // 1e-12 relative is rounding between two sums; 1e-6 relative is a real difference
        rewriteMart(changed, Marts.ROI_MONTHLY, "SELECT * REPLACE ("
                + "CASE WHEN month = '2025-11' THEN roi_cum * (1 + 1e-12) ELSE roi_cum END AS roi_cum,"
                + " CASE WHEN month = '2025-12' THEN cum_benefit * (1 + 1e-6) ELSE cum_benefit END AS cum_benefit)"
                + " FROM read_parquet(${mart})");

        MartComparison roi = peer.compare(changed).mart(Marts.ROI_MONTHLY);

        assertThat(roi.mismatchingRows()).isEqualTo(1);
        assertThat(roi.examples()).singleElement().asString().startsWith("month=2025-12: cum_benefit peer ");
    }

    @Test
    void aMissingRowIsReportedOnlyInThePeer() throws Exception {
        Path changed = copyOfMarts("missing");
        rewriteMart(changed, Marts.ADOPTION_DAILY,
                "SELECT * FROM read_parquet(${mart}) WHERE NOT (date = DATE '2025-11-01' AND team = '__all__')");

        MartComparison adoption = peer.compare(changed).mart(Marts.ADOPTION_DAILY);

        assertThat(adoption.peerRows()).isEqualTo(810);
        assertThat(adoption.martRows()).isEqualTo(809);
        assertThat(adoption.examples()).containsExactly("date=2025-11-01, team=__all__: only in the peer");
    }

    @Test
    void copiesEveryDataLineOfTheInputsToParquet() throws Exception {
        List<Path> elf = files(sample.input().resolve("elf"), ".csv");
        List<Path> jsonl = files(sample.input().resolve("jsonl"), ".jsonl");
        // every CSV starts with its header line; no field of the sample spans lines
        long dataLines = elf.stream().mapToLong(f -> nonEmptyLines(f) - 1).sum()
                + jsonl.stream().mapToLong(DuckDbPeerTest::nonEmptyLines).sum();
        Path out = dir.resolve("copy");

        long copied = peer.copyToParquet(elf, jsonl, out);

        assertThat(copied).isEqualTo(dataLines).isEqualTo(sample.generated().events());
        assertThat(queryLong("SELECT count(*) FROM read_parquet(" + DuckDbPeer.Sql.list(List.of(
                out.resolve(DuckDbPeer.ELF_PARQUET), out.resolve(DuckDbPeer.JSONL_PARQUET))) + ")"))
                .isEqualTo(copied);
        assertThat(queryLong("SELECT count(*) FROM read_parquet('" + out.resolve(DuckDbPeer.ELF_PARQUET)
                + "') WHERE occurred_at IS NULL")).isZero();
    }

    @Test
    void refusesADirectoryThatIsNoWarehouse() {
        assertThatThrownBy(() -> peer.computeMarts(sample.input(), AS_OF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a warehouse: " + sample.input());
    }

    /** A warehouse directory holding a copy of the jobs' marts the peer compares, to change one of them. */
    private static Path copyOfMarts(String name) throws IOException {
        Path marts = dir.resolve(name).resolve("warehouse").resolve("marts");
        for (String mart : peerRows.keySet()) {
            Path source = sample.layout().mart(mart);
            Files.createDirectories(marts.resolve(mart));
            for (Path file : files(source, ".parquet")) {
                Files.copy(file, marts.resolve(mart).resolve(file.getFileName()));
            }
        }
        return marts.getParent();
    }

    /** Replaces a copied mart by the result of {@code select} over it ({@code ${mart}}: its files). */
    private static void rewriteMart(Path warehouse, String mart, String select) throws Exception {
        Path martDir = warehouse.resolve("marts").resolve(mart);
        List<Path> original = files(martDir, ".parquet");
        Path rewritten = dir.resolve("rewritten-" + mart + "-" + System.nanoTime() + ".parquet");
        execute("COPY (" + select.replace("${mart}", DuckDbPeer.Sql.list(original)) + ") TO '" + rewritten
                + "' (FORMAT parquet)");
        for (Path file : original) {
            Files.delete(file);
        }
        Files.move(rewritten, martDir.resolve("part-00000.parquet"));
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static long nonEmptyLines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long queryLong(String sql) throws SQLException {
        try (Statement statement = peer.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = peer.connection().createStatement()) {
            statement.execute(sql);
        }
    }
}
