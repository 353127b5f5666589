package io.uptake.bench.duckdb;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Whether the peer's marts and the jobs' marts hold the same numbers: per mart, the rows on each side,
 * the rows that differ (a key on one side only, or a value that differs) and a few of them spelled out.
 *
 * @param marts one comparison per mart the peer computed
 */
public record OracleReport(List<MartComparison> marts) {

    public OracleReport {
        marts = List.copyOf(requireNonNull(marts, "marts is null"));
    }

    /**
     * One mart compared.
     *
     * @param mart             the mart's name
     * @param peerRows         rows of {@code peer_<mart>}
     * @param martRows         rows of the jobs' mart ({@code marts/<mart>/})
     * @param mismatchingRows  keys present on one side only, plus keys whose values differ
     * @param examples         up to {@link Oracle#EXAMPLES} mismatching rows, readable, e.g.
     *                         {@code "team=Sales East, module=sales: active_users peer 12, mart 13"}
     * @param notCompared      the mart's columns left out, each with the reason (e.g. depends on the run's
     *                         wall-clock time, or not computed by the peer)
     */
    public record MartComparison(String mart, long peerRows, long martRows, long mismatchingRows,
                                 List<String> examples, List<String> notCompared) {
        public MartComparison {
            requireNonNull(mart, "mart is null");
            examples = List.copyOf(requireNonNull(examples, "examples is null"));
            notCompared = List.copyOf(requireNonNull(notCompared, "notCompared is null"));
        }

        public boolean agrees() {
            return mismatchingRows == 0 && peerRows == martRows;
        }
    }

    /** True when at least one mart was compared and every mart agrees. */
    public boolean agrees() {
        return !marts.isEmpty() && marts.stream().allMatch(MartComparison::agrees);
    }

    /** The comparison of one mart, or null when the peer did not compute it. */
    public MartComparison mart(String mart) {
        return marts.stream().filter(m -> m.mart().equals(mart)).findFirst().orElse(null);
    }

    /** A few lines for a person: one per mart, its mismatches indented under it, what was left out. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        if (marts.isEmpty()) {
            return "Oracle check: no marts compared (compute the peer's marts first)\n";
        }
        long agreeing = marts.stream().filter(MartComparison::agrees).count();
        out.append(String.format(Locale.ROOT, "Oracle check: %d of %d marts agree between DuckDB and the jobs%n",
                agreeing, marts.size()));
        for (MartComparison m : marts) {
            out.append(String.format(Locale.ROOT, "  %-17s %s  peer %d rows, mart %d rows, %d mismatching%n",
                    m.mart(), m.agrees() ? "agrees  " : "DIFFERS ", m.peerRows(), m.martRows(), m.mismatchingRows()));
            m.examples().forEach(e -> out.append("      ").append(e).append('\n'));
            m.notCompared().forEach(c -> out.append("      not compared: ").append(c).append('\n'));
        }
        return out.toString();
    }
}
