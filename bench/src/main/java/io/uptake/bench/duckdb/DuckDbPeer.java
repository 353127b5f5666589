package io.uptake.bench.duckdb;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Tables;
import io.uptake.warehouse.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's peer (BENCHMARKS.md): what an analyst would reach for instead of Uptake, an in-memory
 * DuckDB running plain SQL over the same files. It copies the raw inputs to Parquet (the peer of ingest),
 * computes the adoption, module, training-gap, freshness and ROI marts from the warehouse's live Parquet
 * files into tables {@code peer_<mart>} (the peer of the KPI job), and compares those tables with the marts
 * the jobs wrote (the oracle check: correctness before speed).
 *
 * <p>Not thread-safe: one DuckDB connection, used by one caller at a time.
 */
public final class DuckDbPeer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbPeer.class);

    /** The file {@link #copyToParquet} writes the ELF rows to, in its output directory. */
    public static final String ELF_PARQUET = "elf.parquet";
    /** The file {@link #copyToParquet} writes the JSON lines to, in its output directory. */
    public static final String JSONL_PARQUET = "jsonl.parquet";

    private final Connection connection;

    private DuckDbPeer(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB using {@code threads} threads, with UTC as its time zone (days are UTC days). */
    public static DuckDbPeer open(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + ": expected at least 1");
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            DuckDbPeer peer = new DuckDbPeer(connection);
            peer.execute("SET threads = " + threads);
            peer.execute("SET TimeZone = 'UTC'");
            // no result relies on the order rows were read in, and COPY writes in parallel when order is free
            peer.execute("SET preserve_insertion_order = false");
            return peer;
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new IllegalStateException("Cannot start an in-memory DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * The peer of ingest: every ELF CSV file into {@code outDir/elf.parquet} and every JSON lines file into
     * {@code outDir/jsonl.parquet}, each with one {@code COPY (SELECT ...) TO ... (FORMAT parquet)}. The
     * ELF files' columns differ per event type, so each group of files with one header line is read on its
     * own and projected by header name onto the columns ingest reads ({@link PeerSql#ELF_COLUMNS}, as text,
     * null where a file lacks one), with {@code occurred_at} from {@code TIMESTAMP_DERIVED} or else
     * {@code TIMESTAMP}, and {@code event_date}; the JSON lines are read with the fields of DATA.md 1.1 b
     * and their defaults. Nothing is deduplicated or quarantined. Returns the rows copied, both files
     * together. An empty list writes no file.
     */
    public long copyToParquet(List<Path> elfCsvFiles, List<Path> jsonLinesFiles, Path outDir) {
        requireNonNull(elfCsvFiles, "elfCsvFiles is null");
        requireNonNull(jsonLinesFiles, "jsonLinesFiles is null");
        requireNonNull(outDir, "outDir is null");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + outDir, e);
        }
        long rows = 0;
        if (!elfCsvFiles.isEmpty()) {
            rows += copy(PeerSql.ELF_SELECT.replace("${groups}", elfGroups(elfCsvFiles)), outDir.resolve(ELF_PARQUET));
        }
        if (!jsonLinesFiles.isEmpty()) {
            rows += copy(PeerSql.JSONL_SELECT.replace("${files}", Sql.list(jsonLinesFiles)),
                    outDir.resolve(JSONL_PARQUET));
        }
        LOG.info("Copied {} rows of {} ELF and {} JSON lines files to Parquet in {}", rows, elfCsvFiles.size(),
                jsonLinesFiles.size(), outDir);
        return rows;
    }

    /**
     * One SELECT per distinct header line of the ELF files, each projected onto {@link PeerSql#ELF_COLUMNS},
     * joined by UNION ALL. Files without a header line hold no rows and are left out.
     */
    private static String elfGroups(List<Path> elfCsvFiles) {
        Map<String, List<Path>> byHeader = new LinkedHashMap<>();
        for (Path file : elfCsvFiles) {
            String header = headerLine(file);
            if (!header.isBlank()) {
                byHeader.computeIfAbsent(header, h -> new ArrayList<>()).add(file);
            }
        }
        List<String> selects = new ArrayList<>();
        byHeader.forEach((header, files) -> {
            List<String> names = Arrays.stream(header.split(","))
                    .map(name -> name.strip().replace("\"", ""))
                    .toList();
            String columns = PeerSql.ELF_COLUMNS.stream()
                    .map(c -> (names.contains(c) ? "\"" + c + "\"" : "CAST(NULL AS VARCHAR)") + " AS \"" + c + "\"")
                    .collect(Collectors.joining(", "));
            selects.add(PeerSql.ELF_GROUP.replace("${columns}", columns).replace("${files}", Sql.list(files)));
        });
        if (selects.isEmpty()) {
            selects.add("SELECT " + PeerSql.ELF_COLUMNS.stream().map(c -> "CAST(NULL AS VARCHAR) AS \"" + c + "\"")
                    .collect(Collectors.joining(", ")) + " WHERE false");
        }
        return String.join("\nUNION ALL\n", selects);
    }

    private static String headerLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line.replace("\uFEFF", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the header line of " + file, e);
        }
    }

    /** {@link #computeMarts(Path, LocalDate)} as of the latest event date, the job's default. */
    public Map<String, Long> computeMarts(Path warehouse) {
        return computeMarts(warehouse, null);
    }

    /**
     * The peer of the KPI job: computes adoption_daily, module_adoption, training_gap, record_freshness,
     * source_freshness and roi_monthly as of {@code asOf} (null: the latest event date) with SQL over the
     * live Parquet files of {@code warehouse} (those the commit log names, never a directory listing), each
     * into the table {@code peer_<mart>}. A mart whose input is not loaded (training, records, costs), or
     * ROI with costs in another currency than the assumptions', is not computed, as in the job. Returns
     * the rows of each mart computed, in {@link PeerSql#MARTS} order.
     *
     * @param warehouse the warehouse directory (DATA.md 2: events/, _commits/, marts/ ...) or the data
     *                  directory holding it
     */
    public Map<String, Long> computeMarts(Path warehouse, LocalDate asOf) {
        DataLayout layout = layoutOf(warehouse);
        long started = System.nanoTime();
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            Map<String, List<Path>> live = liveFiles(layout);
            if (live.get(Tables.EVENTS).isEmpty() || live.get(Tables.USERS).isEmpty()) {
                throw new IllegalArgumentException("The warehouse " + layout.warehouse()
                        + " has no events or no users: load them with ./uptake ingest first");
            }
            // a mart left out this time must not be compared from an earlier call
            for (PeerSql.Mart mart : PeerSql.MARTS) {
                execute("DROP TABLE IF EXISTS " + Oracle.peerTable(mart.name()));
            }
            execute(PeerSql.EVENTS.replace("${files}", Sql.list(live.get(Tables.EVENTS))));
            for (String table : List.of(Tables.USERS, Tables.TRAINING, Tables.RECORDS, Tables.COSTS)) {
                if (!live.get(table).isEmpty()) {
                    execute("CREATE OR REPLACE TEMP TABLE " + table + " AS SELECT * FROM read_parquet("
                            + Sql.list(live.get(table)) + ")");
                }
            }
            LocalDate firstDate = queryDate("SELECT min(event_date) FROM events");
            LocalDate a = asOf != null ? asOf : queryDate("SELECT max(event_date) FROM events");
            if (a.isBefore(firstDate)) {
                throw new IllegalArgumentException("as-of " + a + " is before the first event date " + firstDate);
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("${asOf}", Sql.date(a));
            values.put("${asOfEnd}", Sql.instant(a.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            values.put("${first}", Sql.date(firstDate));
            values.put("${from7}", Sql.date(a.minusDays(6)));
            values.put("${from28}", Sql.date(a.minusDays(27)));
            values.put("${asOfMonth}", Sql.date(a.withDayOfMonth(1)));
            values.put("${modules}", Sql.list(Vocabulary.MODULES));
            for (String statement : bind(PeerSql.HUMANS_AND_ACTIVITY, values).split(";\n")) {
                execute(statement);
            }

            compute(rows, PeerSql.ADOPTION_DAILY, values);
            compute(rows, PeerSql.MODULE_ADOPTION, values);
            if (!live.get(Tables.TRAINING).isEmpty()) {
                compute(rows, PeerSql.TRAINING_GAP, values);
            }
            if (!live.get(Tables.RECORDS).isEmpty()) {
                compute(rows, PeerSql.RECORD_FRESHNESS, values);
            }
            compute(rows, PeerSql.SOURCE_FRESHNESS, values);
            if (!live.get(Tables.COSTS).isEmpty() && !live.get(Tables.RECORDS).isEmpty()) {
                RoiAssumptions assumptions = assumptions(live.get(Tables.CONFIG), layout);
                if (costsIn(assumptions.currency())) {
                    values.put("${hourlyRate}", Sql.number(assumptions.hourlyRate()));
                    values.put("${revenueAttribution}", Sql.number(assumptions.revenueAttribution()));
                    values.put("${minutesSaved}", minutesSaved(assumptions));
                    compute(rows, PeerSql.ROI_MONTHLY, values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the commit log of " + layout.warehouse(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed on the warehouse " + layout.warehouse() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Computed {} marts with DuckDB in {} ms: {}", rows.size(), (System.nanoTime() - started) / 1_000_000,
                rows);
        return Collections.unmodifiableMap(rows);
    }

    /**
     * Compares each {@code peer_<mart>} table computed by {@link #computeMarts} with the mart the jobs
     * wrote to {@code <warehouse>/marts/<mart>/}, row by row on the mart's key: doubles within 1e-9 relative
     * (absolute below 1), every other value equal, null only equal to null. A mart column the peer does not
     * compute is listed as not compared, with the reason: {@code source_freshness.hours_since_last_event}
     * depends on the run's wall-clock time.
     *
     * @param warehouse the warehouse directory or the data directory holding it, as for computeMarts
     */
    public OracleReport compare(Path warehouse) {
        DataLayout layout = layoutOf(warehouse);
        try {
            return new Oracle(connection).compare(layout.marts());
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed comparing with the marts of " + layout.warehouse() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The peer's JDBC connection, for a caller that reads the {@code peer_<mart>} tables. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close DuckDB: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection, SQLException cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private void compute(Map<String, Long> rows, PeerSql.Mart mart, Map<String, String> values) throws SQLException {
        execute("CREATE OR REPLACE TABLE " + Oracle.peerTable(mart.name()) + " AS " + bind(mart.sql(), values));
        rows.put(mart.name(), queryLong("SELECT count(*) FROM " + Oracle.peerTable(mart.name())));
    }

    private long copy(String select, Path target) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + ") TO " + Sql.string(target.toString()) + " (FORMAT parquet)");
            // COPY answers with the number of rows written
            try (ResultSet result = statement.getResultSet()) {
                if (result != null && result.next()) {
                    return result.getLong(1);
                }
            }
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not copy to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The live files of each table the peer reads, from the commit log, as absolute paths. */
    private static Map<String, List<Path>> liveFiles(DataLayout layout) throws IOException {
        CommitLog log = new CommitLog(layout);
        Map<String, List<Path>> live = new LinkedHashMap<>();
        for (String table : List.of(Tables.EVENTS, Tables.USERS, Tables.TRAINING, Tables.RECORDS, Tables.COSTS,
                Tables.CONFIG)) {
            live.put(table, log.liveFiles(table));
        }
        return live;
    }

    /**
     * The ROI assumptions the job uses: the live {@code config/roi_assumptions-<seq>.json}, or the documented
     * defaults when none was loaded.
     */
    private static RoiAssumptions assumptions(List<Path> configFiles, DataLayout layout) throws IOException {
        Optional<Path> file = configFiles.stream()
                .filter(f -> f.getFileName().toString().matches("roi_assumptions-.*\\.json"))
                .findFirst();
        if (file.isEmpty()) {
            return RoiAssumptions.defaults();
        }
        return RoiAssumptions.parse(Files.readString(file.get(), StandardCharsets.UTF_8),
                layout.warehouse().relativize(file.get()).toString());
    }

    /** True when every cost is in {@code currency}; otherwise the job produces no ROI marts, nor does the peer. */
    private boolean costsIn(String currency) throws SQLException {
        long others = queryLong("SELECT count(*) FROM costs WHERE currency IS DISTINCT FROM " + Sql.string(currency));
        if (others > 0) {
            LOG.warn("roi_monthly not computed: {} costs are not in {}", others, currency);
        }
        return others == 0;
    }

    /** The minutes saved per event type as SQL rows {@code (event_type, minutes)}, one row of nulls if none. */
    private static String minutesSaved(RoiAssumptions assumptions) {
        if (assumptions.minutesSaved().isEmpty()) {
            return "(NULL, NULL)";
        }
        return assumptions.minutesSaved().entrySet().stream()
                .map(e -> "(" + Sql.string(e.getKey()) + ", " + Sql.number(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** A data directory holds warehouse/; a warehouse directory holds _commits/. */
    static DataLayout layoutOf(Path warehouse) {
        requireNonNull(warehouse, "warehouse is null");
        Path dir = warehouse.toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve(DataLayout.WAREHOUSE_DIR).resolve(Tables.COMMITS))) {
            return new DataLayout(dir);
        }
        if (!dir.getFileName().toString().equals(DataLayout.WAREHOUSE_DIR) || dir.getParent() == null) {
            throw new IllegalArgumentException("Not a warehouse: " + warehouse + " (expected a directory named "
                    + DataLayout.WAREHOUSE_DIR + ", or a data directory holding one with a commit log)");
        }
        return new DataLayout(dir.getParent());
    }

    private static String bind(String sql, Map<String, String> values) {
        String bound = sql;
        for (Map.Entry<String, String> e : values.entrySet()) {
            bound = bound.replace(e.getKey(), e.getValue());
        }
        if (bound.contains("${")) {
            throw new IllegalStateException("Unbound parameter in " + bound);
        }
        return bound;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private LocalDate queryDate(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getObject(1, LocalDate.class);
        }
    }

    /** SQL literals. */
    static final class Sql {
        private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

        private Sql() {}

        static String string(String value) {
            return "'" + value.replace("'", "''") + "'";
        }

        static String date(LocalDate date) {
            return "DATE '" + date + "'";
        }

        static String instant(Instant instant) {
            return "TIMESTAMPTZ '" + TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC)) + "+00'";
        }

        static String number(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
            return "CAST(" + value + " AS DOUBLE)";
        }

        static String list(List<?> values) {
            List<String> items = new ArrayList<>(values.size());
            values.forEach(v -> items.add(string(v.toString())));
            return "[" + String.join(", ", items) + "]";
        }
    }
}
