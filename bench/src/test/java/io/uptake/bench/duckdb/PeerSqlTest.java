package io.uptake.bench.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's SQL on inputs small enough to check on paper. */
class PeerSqlTest {

    @TempDir
    Path dir;

    private DuckDbPeer peer;

    @BeforeEach
    void openPeer() {
        peer = DuckDbPeer.open(1);
    }

    @AfterEach
    void closePeer() {
        peer.close();
    }

    @Test
    void adoptionDailyCountsLicensedPeopleActiveInTheirWindowsFromLiveFilesOnly() throws Exception {
        DataLayout layout = new DataLayout(dir.resolve("data"));
        List<String> live = new ArrayList<>();
        live.add(write(layout, "users/part-1.parquet", """
                SELECT * FROM (VALUES
                    ('u1', 'A', 'full', DATE '2025-01-01', CAST(NULL AS DATE)),
                    ('u2', 'A', 'full', DATE '2025-01-03', DATE '2025-01-05'),
                    ('u3', 'B', 'integration', DATE '2025-01-01', CAST(NULL AS DATE)))
                  t(user_key, team, license_type, activated_at, deactivated_at)"""));
        live.add(events(layout, "2025-01-01", "('u1', 'web', 'success')"));
        // API traffic is no activity
        live.add(events(layout, "2025-01-02", "('u1', 'api', 'success')"));
        // a failed save is no activity
        live.add(events(layout, "2025-01-03", "('u2', 'web', 'failure')"));
        live.add(events(layout, "2025-01-04", "('u1', 'mobile', 'success'), ('u2', 'web', 'success')"));
        // integration users and users unknown to users count in no adoption figure
        live.add(events(layout, "2025-01-05", "('u3', 'web', 'success'), ('u9', 'web', 'success')"));
        // an orphan left by a crashed ingest: on disk, named by no commit
        events(layout, "2025-01-03", "('u1', 'web', 'success')", "part-orphan.parquet");
        new CommitLog(layout).append(new CommitLog.Commit(1, "2025-01-06T00:00:00Z", List.of(), live, List.of()));

        Map<String, Long> rows = peer.computeMarts(layout.warehouse(), LocalDate.of(2025, 1, 5));

        // no training, records or costs loaded: only the marts of events and users
        assertThat(rows).containsExactly(Map.entry(Marts.ADOPTION_DAILY, 10L), Map.entry(Marts.MODULE_ADOPTION, 12L),
                Map.entry(Marts.SOURCE_FRESHNESS, 1L));
        // u1 licensed throughout, active on 01-01 and 01-04; u2 licensed on 01-03 and 01-04, active on 01-04
        assertThat(query("SELECT date, licensed_users, dau, wau, mau, adoption_rate, stickiness * 56"
                + " FROM peer_adoption_daily WHERE team = 'A' ORDER BY date")).containsExactly(
                "2025-01-01 1 1 1 1 1.0 2.0",
                "2025-01-02 1 0 1 1 1.0 2.0",
                "2025-01-03 2 0 1 1 0.5 2.0",
                "2025-01-04 2 2 2 2 1.0 3.0",
                "2025-01-05 1 0 1 1 1.0 6.0");
        assertThat(query("SELECT count(*) FROM peer_adoption_daily a JOIN peer_adoption_daily b"
                + " ON a.date = b.date AND a.team = 'A' AND b.team = '__all__'"
                + " AND (a.licensed_users, a.dau, a.wau, a.mau) = (b.licensed_users, b.dau, b.wau, b.mau)"))
                .containsExactly("5");
        // every event of the live files counts for its source, whoever sent it
        assertThat(query("SELECT source, events, round(failure_rate_7d * 7, 9) FROM peer_source_freshness"))
                .containsExactly("jsonl 7 1.0");
    }

    @Test
    void copiesElfFilesOfDifferentColumnsByHeaderNameAndJsonLinesWithTheirDefaults() throws Exception {
        Path login1 = Files.writeString(dir.resolve("Login-1.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS"
                "Login","20251001110003.509","0055g00003CpwHF","LOGIN_NO_ERROR"
                """);
        Path login2 = Files.writeString(dir.resolve("Login-2.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","LOGIN_STATUS"
                "Login","20251002120000.000","0055g00003CpwHF","LOGIN_ERROR_INVALID_PASSWORD"
                """);
        // other columns in another order; TIMESTAMP_DERIVED wins over TIMESTAMP; REPORT_ID is no column ingest reads
        Path report = Files.writeString(dir.resolve("Report.csv"), """
                "USER_ID","EVENT_TYPE","REPORT_ID","TIMESTAMP_DERIVED","TIMESTAMP"
                "0055g00003CpwHF","Report","00O5g000001","2025-10-03T13:00:00.250Z","20251003000000.000"
                """);
        Path empty = Files.writeString(dir.resolve("Search.csv"), "");
        Path jsonl = Files.writeString(dir.resolve("feed.jsonl"), """
                {"event_id":"e1","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1","event_type":"record_update"}
                {"event_id":"e2","occurred_at":"2025-10-01T01:00:04+02:00","user_id":"u-2","event_type":"search","client":"mobile","status":"failure","source":"collector"}
                """);
        Path out = dir.resolve("out");

        long copied = peer.copyToParquet(List.of(login1, report, empty, login2), List.of(jsonl), out);

        assertThat(copied).isEqualTo(5);
        String elf = "read_parquet('" + out.resolve(DuckDbPeer.ELF_PARQUET) + "')";
        assertThat(query("SELECT EVENT_TYPE, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%g'), event_date, USER_ID,"
                + " LOGIN_STATUS FROM " + elf + " ORDER BY occurred_at")).containsExactly(
                "Login 2025-10-01T11:00:03.509 2025-10-01 0055g00003CpwHF LOGIN_NO_ERROR",
                "Login 2025-10-02T12:00:00.000 2025-10-02 0055g00003CpwHF LOGIN_ERROR_INVALID_PASSWORD",
                "Report 2025-10-03T13:00:00.250 2025-10-03 0055g00003CpwHF null");
        assertThat(query("SELECT count(*) FROM (DESCRIBE SELECT * FROM " + elf + ") WHERE column_name = 'REPORT_ID'"))
                .containsExactly("0");
        assertThat(query("SELECT event_id, strftime(occurred_at, '%Y-%m-%dT%H:%M:%S'), event_date, client, status,"
                + " source FROM read_parquet('" + out.resolve(DuckDbPeer.JSONL_PARQUET) + "') ORDER BY event_id"))
                .containsExactly(
                        "e1 2025-10-01T09:00:03 2025-10-01 web success jsonl",
                        "e2 2025-09-30T23:00:04 2025-09-30 mobile failure collector");
    }

    /** One day's events, each {@code (user_key, client, status)}, as ingest lays them out; returns the path. */
    private String events(DataLayout layout, String day, String rows) throws SQLException {
        return events(layout, day, rows, "part-1.parquet");
    }

    private String events(DataLayout layout, String day, String rows, String file) throws SQLException {
        return write(layout, "events/event_date=" + day + "/" + file, """
                SELECT user_key, 'page_view' AS event_type, 'sales' AS module, client, status, 'jsonl' AS source,
                       TIMESTAMPTZ '%1$s 10:00:00+00' AS occurred_at, TIMESTAMPTZ '%1$s 10:00:05+00' AS ingested_at
                FROM (VALUES %2$s) t(user_key, client, status)""".formatted(day, rows));
    }

    /** Writes the result of {@code select} to a Parquet file of the warehouse; returns its relative path. */
    private String write(DataLayout layout, String relative, String select) throws SQLException {
        Path file = layout.warehouse().resolve(relative);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement statement = peer.connection().createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        return relative;
    }

    /** The rows of a query, each its values separated by a space. */
    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = peer.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
