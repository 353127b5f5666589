package io.uptake.bench.duckdb;

import io.uptake.bench.duckdb.DuckDbPeer.Sql;
import io.uptake.bench.duckdb.OracleReport.MartComparison;
import io.uptake.warehouse.Marts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The oracle check: each {@code peer_<mart>} table against the jobs' mart of the same name, by a full outer
 * join on the mart's key. Doubles agree within 1e-9 relative to the larger magnitude (absolute below 1);
 * every other value must be equal; null equals only null.
 */
final class Oracle {

    /** Mismatching rows spelled out per mart. */
    static final int EXAMPLES = 5;
    /** Relative tolerance for doubles: sums in another order differ in the last bits, never more. */
    static final double TOLERANCE = 1e-9;

    /** Mart columns the peer cannot reproduce, with the reason the report gives. */
    private static final Map<String, String> WALL_CLOCK = Map.of(
            Marts.HOURS_SINCE_LAST_EVENT, "depends on the run's wall-clock time");

    private final Connection connection;

    Oracle(Connection connection) {
        this.connection = connection;
    }

    static String peerTable(String mart) {
        return "peer_" + mart;
    }

    OracleReport compare(Path martsDir) throws SQLException {
        List<MartComparison> marts = new ArrayList<>();
        for (PeerSql.Mart mart : PeerSql.MARTS) {
            if (tableExists(peerTable(mart.name()))) {
                marts.add(compare(mart, martsDir.resolve(mart.name())));
            }
        }
        return new OracleReport(marts);
    }

    private MartComparison compare(PeerSql.Mart mart, Path martDir) throws SQLException {
        String peer = peerTable(mart.name());
        long peerRows = count(peer);
        List<Path> files = parquetFiles(martDir);
        if (files.isEmpty()) {
            return new MartComparison(mart.name(), peerRows, 0, peerRows,
                    List.of("no Parquet files in " + martDir + ": the jobs did not write " + mart.name()), List.of());
        }
        String view = "spark_" + mart.name();
        execute("CREATE OR REPLACE TEMP VIEW " + view + " AS SELECT * FROM read_parquet(" + Sql.list(files) + ")");
        long martRows = count(view);
        Map<String, String> peerColumns = columns(peer);
        Map<String, String> martColumns = columns(view);

        List<String> notCompared = new ArrayList<>();
        for (String column : martColumns.keySet()) {
            if (!peerColumns.containsKey(column)) {
                notCompared.add(column + " (" + WALL_CLOCK.getOrDefault(column, "not computed by the peer") + ")");
            }
        }
        List<String> missing = peerColumns.keySet().stream().filter(c -> !martColumns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            return new MartComparison(mart.name(), peerRows, martRows, Math.max(peerRows, martRows),
                    List.of("the mart has no column " + String.join(", ", missing)), notCompared);
        }

        List<String> values = peerColumns.keySet().stream().filter(c -> !mart.key().contains(c)).toList();
        List<String> select = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (String key : mart.key()) {
            String m = "CAST(m." + quote(key) + " AS " + peerColumns.get(key) + ")";
            select.add("coalesce(p." + quote(key) + ", " + m + ") AS " + quote("k_" + key));
            on.add("p." + quote(key) + " IS NOT DISTINCT FROM " + m);
        }
        List<String> differs = new ArrayList<>();
        for (String column : values) {
            select.add("p." + quote(column) + " AS " + quote("p_" + column));
            select.add("m." + quote(column) + " AS " + quote("m_" + column));
            String d = differs(column, peerColumns.get(column));
            select.add(d + " AS " + quote("d_" + column));
            differs.add(d);
        }
        differs.add(0, "p.__peer IS NULL OR m.__mart IS NULL");
        String sql = "SELECT p.__peer IS NOT NULL AS in_peer, m.__mart IS NOT NULL AS in_mart, "
                + String.join(", ", select)
                + " FROM (SELECT *, true AS __peer FROM " + peer + ") p"
                + " FULL OUTER JOIN (SELECT *, true AS __mart FROM " + view + ") m ON " + String.join(" AND ", on)
                + " WHERE " + String.join(" OR ", differs.stream().map(d -> "(" + d + ")").toList());
        long mismatching = count("(" + sql + ")");
        List<String> examples = new ArrayList<>();
        String ordered = sql + " ORDER BY " + String.join(", ", mart.key().stream().map(k -> quote("k_" + k)).toList())
                + " LIMIT " + EXAMPLES;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(ordered)) {
            while (rows.next()) {
                examples.add(example(rows, mart.key(), values));
            }
        }
        return new MartComparison(mart.name(), peerRows, martRows, mismatching, examples, notCompared);
    }

    /** "team=Sales East, module=sales: active_users peer 12, mart 13" or "...: only in the mart". */
    private static String example(ResultSet row, List<String> key, List<String> values) throws SQLException {
        List<String> keys = new ArrayList<>();
        for (String k : key) {
            keys.add(k + "=" + row.getString("k_" + k));
        }
        String where = String.join(", ", keys) + ": ";
        if (!row.getBoolean("in_peer")) {
            return where + "only in the mart";
        }
        if (!row.getBoolean("in_mart")) {
            return where + "only in the peer";
        }
        List<String> diffs = new ArrayList<>();
        for (String column : values) {
            if (row.getBoolean("d_" + column)) {
                diffs.add(column + " peer " + row.getString("p_" + column) + ", mart " + row.getString("m_" + column));
            }
        }
        return where + String.join("; ", diffs);
    }

    /** A SQL condition that is true when the peer's and the mart's value of the column differ. */
    private static String differs(String column, String peerType) {
        String p = "p." + quote(column);
        String m = "m." + quote(column);
        if (peerType.equals("DOUBLE") || peerType.equals("FLOAT") || peerType.startsWith("DECIMAL")) {
            String pd = "CAST(" + p + " AS DOUBLE)";
            String md = "CAST(" + m + " AS DOUBLE)";
            return "coalesce(NOT (" + pd + " IS NULL AND " + md + " IS NULL) AND (" + pd + " IS NULL OR " + md
                    + " IS NULL OR abs(" + pd + " - " + md + ") > " + TOLERANCE + " * greatest(1.0, abs(" + pd
                    + "), abs(" + md + "))), true)";
        }
        return p + " IS DISTINCT FROM CAST(" + m + " AS " + peerType + ")";
    }

    private static List<Path> parquetFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private Map<String, String> columns(String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + table)) {
            while (rows.next()) {
                columns.put(rows.getString("column_name"), rows.getString("column_type"));
            }
        }
        return columns;
    }

    private boolean tableExists(String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = "
                     + Sql.string(table))) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private long count(String relation) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + relation)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + Objects.requireNonNull(identifier).replace("\"", "\"\"") + "\"";
    }
}
