package io.uptake.dashboard.view;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a per-team mart answers for a group of teams (a department, a wave): counts add up, because
 * every person belongs to one team; ratios are recomputed from the summed numerator and denominator,
 * never averaged; a mean is weighted by what it is a mean over; and a figure that cannot be rebuilt
 * from the teams' rows (a median, a mean over a population the mart does not count) is left null and
 * named in {@link #notSummed()}, so the page can say so beside it.
 *
 * @param keys the columns that identify a row within one team (a date, a module)
 */
public record Summing(String mart, List<String> keys, List<String> counts, List<Ratio> ratios,
                      List<Weighted> weighted, List<String> notSummed) {

    /** {@code column = numerator / denominator} over the summed counts; null when the denominator is 0. */
    public record Ratio(String column, String numerator, String denominator) {}

    /** {@code column} is a mean per unit of {@code weight}: the group's is Σ(column × weight) / Σ weight. */
    public record Weighted(String column, String weight) {}

    public static final Summing ADOPTION_DAILY = new Summing(Marts.ADOPTION_DAILY, List.of(Marts.DATE),
            List.of(Marts.LICENSED_USERS, Marts.DAU, Marts.WAU, Marts.MAU),
            List.of(new Ratio(Marts.ADOPTION_RATE, Marts.MAU, Marts.LICENSED_USERS)),
            // stickiness = average DAU / MAU: the average DAUs add up, so weight by MAU
            List.of(new Weighted(Marts.STICKINESS, Marts.MAU)), List.of());

    public static final Summing MODULE_ADOPTION = new Summing(Marts.MODULE_ADOPTION, List.of(Marts.DATE, Columns.MODULE),
            List.of(Marts.LICENSED_USERS, Marts.ACTIVE_USERS),
            List.of(new Ratio(Marts.ADOPTION_RATE, Marts.ACTIVE_USERS, Marts.LICENSED_USERS)), List.of(), List.of());

    public static final Summing LIFECYCLE_WEEKLY = new Summing(Marts.LIFECYCLE_WEEKLY, List.of(Marts.WEEK_START),
            List.of(Marts.NEW, Marts.RETURNING, Marts.RESURRECTING, Marts.DORMANT), List.of(), List.of(), List.of());

    public static final Summing TRAINING_GAP = new Summing(Marts.TRAINING_GAP, List.of(Columns.MODULE),
            List.of(Marts.LICENSED_USERS, Marts.TRAINED_USERS, Marts.ACTIVE_USERS, Marts.TRAINED_NOT_USING, Marts.USING_UNTRAINED),
            List.of(new Ratio(Marts.TRAINED_SHARE, Marts.TRAINED_USERS, Marts.LICENSED_USERS),
                    new Ratio(Marts.USING_SHARE, Marts.ACTIVE_USERS, Marts.LICENSED_USERS)),
            List.of(new Weighted(Marts.HELP_PER_ACTIVE_USER, Marts.ACTIVE_USERS)),
            // failures over all events: the mart does not count the events
            List.of(Marts.ERROR_RATE));

    public static final Summing RECORD_FRESHNESS = new Summing(Marts.RECORD_FRESHNESS, List.of(Columns.OBJECT_TYPE),
            List.of(Marts.RECORDS, Marts.OPEN_RECORDS, Marts.STALE_30D, Marts.STALE_90D, Marts.OVERDUE, Marts.DUPLICATE_RECORDS),
            List.of(new Ratio(Marts.STALE_SHARE_30D, Marts.STALE_30D, Marts.OPEN_RECORDS),
                    new Ratio(Marts.DUPLICATE_RATE, Marts.DUPLICATE_RECORDS, Marts.RECORDS)),
            List.of(),
            // a median does not add up; completeness is a mean over records with required fields, which the mart does not count
            List.of(Marts.MEDIAN_DAYS_SINCE_UPDATE, Marts.COMPLETENESS_AVG, Marts.COMPLETE_SHARE));

    public Summing {
        requireNonNull(mart, "mart is null");
        keys = List.copyOf(keys);
        counts = List.copyOf(counts);
        ratios = List.copyOf(ratios);
        weighted = List.copyOf(weighted);
        notSummed = List.copyOf(notSummed);
    }

    /**
     * One row per key over all the given rows (of several teams), team {@code __all__}: the group as
     * a whole. Rows come out in key order when the first key is a date or a week, else in the order
     * the keys first appear.
     */
    public List<JsonNode> sum(List<JsonNode> rows) {
        Map<List<String>, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            byKey.computeIfAbsent(keys.stream().map(k -> row.path(k).asText()).toList(), k -> new ArrayList<>()).add(row);
        }
        List<JsonNode> sums = new ArrayList<>(byKey.size());
        byKey.values().forEach(group -> sums.add(sumOf(group)));
        if (keys.get(0).equals(Marts.DATE) || keys.get(0).equals(Marts.WEEK_START)) {
            sums.sort(Comparator.comparing((JsonNode r) -> r.path(keys.get(0)).asText()));
        }
        return sums;
    }

    private ObjectNode sumOf(List<JsonNode> rows) {
        ObjectNode sum = JsonNodeFactory.instance.objectNode();
        JsonNode first = rows.get(0);
        for (String key : keys) {
            sum.set(key, first.get(key));
        }
        sum.put(Columns.TEAM, Vocabulary.ALL_TEAMS);
        for (String count : counts) {
            long total = 0;
            for (JsonNode row : rows) {
                total += row.path(count).asLong();
            }
            sum.put(count, total);
        }
        for (Ratio ratio : ratios) {
            long denominator = sum.path(ratio.denominator()).asLong();
            if (denominator == 0) {
                sum.putNull(ratio.column());
            } else {
                sum.put(ratio.column(), (double) sum.path(ratio.numerator()).asLong() / denominator);
            }
        }
        for (Weighted mean : weighted) {
            put(sum, mean.column(), weightedMean(rows, mean));
        }
        for (String column : notSummed) {
            sum.putNull(column);
        }
        return sum;
    }

    /** Σ(value × weight) / Σ weight over rows of positive weight; null when none, or when one of them has no value. */
    private static Double weightedMean(List<JsonNode> rows, Weighted mean) {
        double weighted = 0;
        long weights = 0;
        for (JsonNode row : rows) {
            long weight = row.path(mean.weight()).asLong();
            if (weight <= 0) {
                continue;
            }
            JsonNode value = row.get(mean.column());
            if (value == null || !value.isNumber()) {
                return null;
            }
            weighted += value.asDouble() * weight;
            weights += weight;
        }
        return weights == 0 ? null : weighted / weights;
    }

    private static void put(ObjectNode row, String column, Double value) {
        if (value == null) {
            row.putNull(column);
        } else {
            row.put(column, value);
        }
    }
}
