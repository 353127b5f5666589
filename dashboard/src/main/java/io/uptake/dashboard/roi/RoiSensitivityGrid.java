package io.uptake.dashboard.roi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.RoiAssumptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * ROI to date for a few hourly rates and revenue attributions around the run's assumptions, computed once
 * on the server so the ROI page can show how much the figure moves without recomputing anything in the
 * browser. Rates are 50%, 75%, 100%, 125% and 150% of the assumed rate; attributions are none, half the
 * assumed share, the assumed share and twice it (at most 1, the whole amount).
 *
 * @param currency                  the currency of the rates and amounts
 * @param assumedHourlyRate         the run's hourly rate, the middle of {@code hourlyRates}
 * @param assumedRevenueAttribution the run's revenue attribution, the third of {@code revenueAttributions}
 * @param hourlyRates               the rows of the table, ascending
 * @param revenueAttributions       the columns of the table, ascending
 * @param roiToDate                 {@code roiToDate.get(r).get(a)}: the ROI to date at {@code hourlyRates[r]}
 *                                  and {@code revenueAttributions[a]}; null without cost
 */
public record RoiSensitivityGrid(String currency, double assumedHourlyRate, double assumedRevenueAttribution,
                                 List<Double> hourlyRates, List<Double> revenueAttributions,
                                 List<List<Double>> roiToDate) {

    static final List<Double> RATE_SHARES = List.of(0.5, 0.75, 1.0, 1.25, 1.5);
    static final List<Double> ATTRIBUTION_SHARES = List.of(0.0, 0.5, 1.0, 2.0);

    public RoiSensitivityGrid {
        requireNonNull(currency, "currency is null");
        hourlyRates = List.copyOf(hourlyRates);
        revenueAttributions = List.copyOf(revenueAttributions);
        List<List<Double>> rows = new ArrayList<>();
        // ROI is null without cost, and List.copyOf refuses nulls
        roiToDate.forEach(row -> rows.add(Collections.unmodifiableList(new ArrayList<>(row))));
        roiToDate = Collections.unmodifiableList(rows);
    }

    /** The grid of a snapshot's {@code roi_monthly} at its own assumptions; empty when it has no ROI. */
    public static Optional<RoiSensitivityGrid> of(ServingSnapshot snapshot) {
        return RoiSensitivity.assumptions(snapshot)
                .map(assumptions -> of(snapshot.rows(Marts.ROI_MONTHLY), snapshot.asOf(), assumptions));
    }

    /** The grid of {@code roi_monthly} rows up to {@code asOf}'s month around {@code assumptions}. */
    public static RoiSensitivityGrid of(List<JsonNode> monthlyRows, LocalDate asOf, RoiAssumptions assumptions) {
        List<RoiMonth> months = RoiMonth.upTo(monthlyRows, asOf);
        List<Double> rates = RATE_SHARES.stream().map(share -> assumptions.hourlyRate() * share).toList();
        List<Double> attributions = ATTRIBUTION_SHARES.stream()
                .map(share -> Math.min(1.0, assumptions.revenueAttribution() * share)).toList();
        List<List<Double>> values = new ArrayList<>();
        for (double rate : rates) {
            List<Double> row = new ArrayList<>();
            for (double attribution : attributions) {
                row.add(RoiSensitivity.at(months, assumptions, rate, attribution).roiToDate());
            }
            values.add(row);
        }
        return new RoiSensitivityGrid(assumptions.currency(), assumptions.hourlyRate(),
                assumptions.revenueAttribution(), rates, attributions, values);
    }
}
