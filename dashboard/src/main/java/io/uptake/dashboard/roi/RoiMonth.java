package io.uptake.dashboard.roi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * One month of {@code roi_monthly} with the columns the ROI verdict and its sensitivity add up. The mart
 * keeps the hours saved and the won amounts beside the benefits they give, which is what lets the
 * dashboard recompute the benefits for another hourly rate or attribution exactly, without Spark.
 *
 * @param month          the calendar month
 * @param costTotal      every cost category of the month
 * @param hoursSaved     hours saved by the month's active events (before any hourly rate)
 * @param benefitTime    {@code hoursSaved * hourly_rate} of the run's assumptions
 * @param wonAmount      won opportunity amounts closing in the month (before any attribution)
 * @param benefitRevenue {@code wonAmount * revenue_attribution} of the run's assumptions
 * @param benefitTotal   {@code benefitTime + benefitRevenue}
 * @param cumCost        running sum of {@code costTotal} from the first month
 * @param cumBenefit     running sum of {@code benefitTotal} from the first month
 */
public record RoiMonth(YearMonth month, double costTotal, double hoursSaved, double benefitTime, double wonAmount,
                       double benefitRevenue, double benefitTotal, double cumCost, double cumBenefit) {

    public RoiMonth {
        requireNonNull(month, "month is null");
    }

    /**
     * The months of {@code roi_monthly} rows up to {@code asOf}'s month, oldest first. The mart ends at
     * asOf's month anyway; a row after it is left out rather than counted into a figure "as of A".
     *
     * @throws IllegalArgumentException naming the month and column of a row that lacks a number the mart
     *                                  always has (a snapshot written by another version)
     */
    public static List<RoiMonth> upTo(List<JsonNode> monthlyRows, LocalDate asOf) {
        requireNonNull(monthlyRows, "monthlyRows is null");
        YearMonth last = YearMonth.from(requireNonNull(asOf, "asOf is null"));
        return monthlyRows.stream()
                .map(RoiMonth::of)
                .filter(m -> !m.month().isAfter(last))
                .sorted(Comparator.comparing(RoiMonth::month))
                .toList();
    }

    static RoiMonth of(JsonNode row) {
        String text = row.path(Columns.MONTH).asText();
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Marts.ROI_MONTHLY + " has a row whose month is '" + text
                    + "': expected yyyy-MM");
        }
        return new RoiMonth(month, number(row, month, Marts.COST_TOTAL), number(row, month, Marts.HOURS_SAVED),
                number(row, month, Marts.BENEFIT_TIME), number(row, month, Marts.WON_AMOUNT),
                number(row, month, Marts.BENEFIT_REVENUE), number(row, month, Marts.BENEFIT_TOTAL),
                number(row, month, Marts.CUM_COST), number(row, month, Marts.CUM_BENEFIT));
    }

    private static double number(JsonNode row, YearMonth month, String column) {
        JsonNode value = row.get(column);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(Marts.ROI_MONTHLY + " row " + month + " has " + value + " in " + column
                    + ": expected a number; publish the snapshot again with this version of the jobs");
        }
        return value.doubleValue();
    }
}
