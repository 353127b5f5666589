package io.uptake.bench.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.bench.duckdb.OracleReport.MartComparison;
import java.util.List;
import org.junit.jupiter.api.Test;

class OracleReportTest {

    private static final MartComparison ADOPTION = new MartComparison("adoption_daily", 810, 810, 0, List.of(), List.of());
    private static final MartComparison FRESHNESS = new MartComparison("source_freshness", 2, 2, 0, List.of(),
            List.of("hours_since_last_event (depends on the run's wall-clock time)"));

    @Test
    void agreesWhenEveryMartHasTheSameRowsAndNoMismatch() {
        assertThat(new OracleReport(List.of(ADOPTION, FRESHNESS)).agrees()).isTrue();
    }

    @Test
    void differentRowCountsDisagreeEvenWithoutAMismatchingKey() {
        MartComparison duplicated = new MartComparison("roi_monthly", 3, 4, 0, List.of(), List.of());

        assertThat(duplicated.agrees()).isFalse();
        assertThat(new OracleReport(List.of(ADOPTION, duplicated)).agrees()).isFalse();
    }

    @Test
    void nothingComparedIsNoAgreement() {
        OracleReport empty = new OracleReport(List.of());

        assertThat(empty.agrees()).isFalse();
        assertThat(empty.summary()).isEqualTo("Oracle check: no marts compared (compute the peer's marts first)\n");
    }

    @Test
    void summaryGivesOneLinePerMartWithItsMismatchesAndWhatWasLeftOut() {
        MartComparison gap = new MartComparison("training_gap", 54, 54, 1,
                List.of("team=Sales East, module=sales: active_users peer 12, mart 13"), List.of());

        assertThat(new OracleReport(List.of(ADOPTION, gap, FRESHNESS)).summary()).isEqualTo("""
                Oracle check: 2 of 3 marts agree between DuckDB and the jobs
                  adoption_daily    agrees    peer 810 rows, mart 810 rows, 0 mismatching
                  training_gap      DIFFERS   peer 54 rows, mart 54 rows, 1 mismatching
                      team=Sales East, module=sales: active_users peer 12, mart 13
                  source_freshness  agrees    peer 2 rows, mart 2 rows, 0 mismatching
                      not compared: hours_since_last_event (depends on the run's wall-clock time)
                """);
    }
}
