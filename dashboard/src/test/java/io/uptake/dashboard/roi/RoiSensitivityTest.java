package io.uptake.dashboard.roi;

import static io.uptake.dashboard.roi.RoiFixture.AS_OF;
import static io.uptake.dashboard.roi.RoiFixture.HOURLY_RATE;
import static io.uptake.dashboard.roi.RoiFixture.REVENUE_ATTRIBUTION;
import static io.uptake.dashboard.roi.RoiFixture.assumptions;
import static io.uptake.dashboard.roi.RoiFixture.months;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand sums over {@link RoiFixture}: hours saved 20 / 30 / 10 (60), won 0 / 400000 / 140000 (540000), cost 7500. */
class RoiSensitivityTest {

    @Test
    void atTheRunsOwnAssumptionsEqualsTheVerdict() {
        // benefit 60 * 50 + 540000 * 0.05 = 3000 + 27000 = 30000; ROI (30000 - 7500) / 7500 = 3.0; paid back in Nov
        RoiSensitivity atAssumption = RoiSensitivity.at(months(), AS_OF, assumptions(), HOURLY_RATE, REVENUE_ATTRIBUTION);
        RoiVerdict verdict = RoiVerdict.of(months(), AS_OF);

        assertThat(atAssumption).isEqualTo(new RoiSensitivity(50.0, 0.05, 7500.0, 30000.0, 3.0, YearMonth.of(2025, 11)));
        assertThat(atAssumption.costToDate()).isEqualTo(verdict.costToDate());
        assertThat(atAssumption.benefitToDate()).isEqualTo(verdict.benefitToDate());
        assertThat(atAssumption.roiToDate()).isEqualTo(verdict.roiToDate());
        assertThat(atAssumption.paybackMonth()).isEqualTo(verdict.paybackMonth());
    }

    @Test
    void atHalfTheRateAndNoCreditedRevenueIsTheTimeSavedAtThatRate() {
        // rate 25, attribution 0: Oct 20 * 25 = 500, Nov 30 * 25 = 750, Dec 10 * 25 = 250 -> 1500
        // cum benefit 500 / 1250 / 1500 against cum cost 5000 / 6250 / 7500: never paid back
        // ROI (1500 - 7500) / 7500 = -0.8
        assertThat(RoiSensitivity.at(months(), AS_OF, assumptions(), HOURLY_RATE * 0.5, 0.0))
                .isEqualTo(new RoiSensitivity(25.0, 0.0, 7500.0, 1500.0, -0.8, null));
    }

    @Test
    void aHigherRateBringsThePaybackForward() {
        // rate 250, attribution 0: Oct 20 * 250 = 5000 >= 5000 -> paid back in Oct; 60 * 250 = 15000 to date,
        // ROI (15000 - 7500) / 7500 = 1.0
        assertThat(RoiSensitivity.at(months(), AS_OF, assumptions(), 250.0, 0.0))
                .isEqualTo(new RoiSensitivity(250.0, 0.0, 7500.0, 15000.0, 1.0, YearMonth.of(2025, 10)));
    }

    @Test
    void refusesARateOrAnAttributionTheAssumptionsFileWouldRefuse() {
        assertThatThrownBy(() -> RoiSensitivity.at(months(), AS_OF, assumptions(), -1.0, 0.05))
                .isInstanceOfSatisfying(DashboardException.class,
                        e -> assertThat(e.code()).isEqualTo(DashboardException.Code.BAD_REQUEST))
                .hasMessage("The hourly rate is -1.0: expected a finite amount of at least 0 per hour, e.g. 50.0");
        assertThatThrownBy(() -> RoiSensitivity.at(months(), AS_OF, assumptions(), 50.0, 1.5))
                .isInstanceOfSatisfying(DashboardException.class,
                        e -> assertThat(e.code()).isEqualTo(DashboardException.Code.BAD_REQUEST))
                .hasMessage("The revenue attribution is 1.5: expected a share between 0 and 1, e.g. 0.05");
    }

    @Test
    void gridSpansHalfToOneAndAHalfTimesTheRateAndNoneToTwiceTheAttribution() {
        RoiSensitivityGrid grid = RoiSensitivityGrid.of(months(), AS_OF, assumptions());

        // rates 50 * 0.5 / 0.75 / 1 / 1.25 / 1.5; attributions 0, 0.05 / 2, 0.05, 0.05 * 2
        assertThat(grid.currency()).isEqualTo("EUR");
        assertThat(grid.assumedHourlyRate()).isEqualTo(50.0);
        assertThat(grid.assumedRevenueAttribution()).isEqualTo(0.05);
        assertThat(grid.hourlyRates()).containsExactly(25.0, 37.5, 50.0, 62.5, 75.0);
        assertThat(grid.revenueAttributions()).containsExactly(0.0, 0.025, 0.05, 0.1);
        assertThat(grid.roiToDate()).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(4));
    }

    @Test
    void gridCornersAndCentreAreHandComputed() {
        List<List<Double>> roi = RoiSensitivityGrid.of(months(), AS_OF, assumptions()).roiToDate();

        // 25/h, none credited: 60 * 25 = 1500; (1500 - 7500) / 7500 = -0.8
        assertThat(roi.get(0).get(0)).isEqualTo(-0.8);
        // 25/h, 0.1: 1500 + 540000 * 0.1 = 1500 + 54000 = 55500; (55500 - 7500) / 7500 = 6.4
        assertThat(roi.get(0).get(3)).isEqualTo(6.4);
        // 75/h, none credited: 60 * 75 = 4500; (4500 - 7500) / 7500 = -0.4
        assertThat(roi.get(4).get(0)).isEqualTo(-0.4);
        // 75/h, 0.1: 4500 + 54000 = 58500; (58500 - 7500) / 7500 = 6.8
        assertThat(roi.get(4).get(3)).isEqualTo(6.8);
        // the assumptions themselves: 3.0, as the verdict
        assertThat(roi.get(2).get(2)).isEqualTo(3.0);
    }

    @Test
    void gridCapsTwiceTheAttributionAtTheWholeAmount() {
        // 0.6 * 2 = 1.2 is more than the whole amount: 1.0
        RoiSensitivityGrid grid = RoiSensitivityGrid.of(months(), AS_OF, assumptions(HOURLY_RATE, 0.6));

        assertThat(grid.revenueAttributions()).containsExactly(0.0, 0.3, 0.6, 1.0);
    }

    @Test
    void gridHasNoRoiWithoutCosts() {
        RoiSensitivityGrid grid = RoiSensitivityGrid.of(List.of(), AS_OF, assumptions());

        assertThat(grid.roiToDate()).hasSize(5)
                .allSatisfy(row -> assertThat(row).isEqualTo(Arrays.asList(null, null, null, null)));
    }

    @Test
    void gridOfASnapshotStartsFromTheAssumptionsItCarries() throws IOException {
        ObjectNode root = RoiFixture.JSON.createObjectNode();
        root.put("run_id", "run-1").put("as_of", "2025-12-31").put("created_at", "2026-01-01T06:00:00Z");
        root.putArray("teams").add("Sales");
        ArrayNode monthly = root.putObject("marts").putArray("roi_monthly");
        months().forEach(monthly::add);
        ObjectNode basis = root.putObject("roi_assumptions").put("source", "roi_assumptions.json");
        basis.setAll((ObjectNode) RoiFixture.JSON.readTree(assumptions().toJson()));
        ServingSnapshot snapshot = ServingSnapshot.parse(
                new ByteArrayInputStream(root.toString().getBytes(StandardCharsets.UTF_8)), DashboardApp.json());

        assertThat(RoiSensitivity.assumptions(snapshot)).contains(assumptions());
        assertThat(RoiSensitivityGrid.of(snapshot)).contains(RoiSensitivityGrid.of(months(), AS_OF, assumptions()));
        assertThat(RoiSensitivityGrid.of(snapshot).orElseThrow().roiToDate().get(2).get(2)).isEqualTo(3.0);
    }

    @Test
    void aSnapshotWithoutAssumptionsHasNoGrid() throws IOException {
        ServingSnapshot snapshot = ServingSnapshot.parse(new ByteArrayInputStream(
                "{\"run_id\":\"r\",\"as_of\":\"2025-12-31\",\"created_at\":\"2026-01-01T06:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8)), DashboardApp.json());

        assertThat(RoiSensitivity.assumptions(snapshot)).isEmpty();
        assertThat(RoiSensitivityGrid.of(snapshot)).isEmpty();
    }
}
