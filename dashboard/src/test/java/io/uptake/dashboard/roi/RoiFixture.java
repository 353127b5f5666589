package io.uptake.dashboard.roi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.warehouse.RoiAssumptions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Three months of {@code roi_monthly} as the jobs write them, at an hourly rate of 50 and a revenue
 * attribution of 0.05, small enough to add up on paper:
 *
 * <pre>
 * month    cost_total hours_saved benefit_time won_amount benefit_revenue benefit_total cum_cost cum_benefit
 * 2025-10     5000        20      20*50 = 1000        0          0            1000         5000      1000
 * 2025-11     1250        30      30*50 = 1500   400000  *0.05 = 20000       21500         6250     22500  (paid back)
 * 2025-12     1250        10      10*50 =  500   140000  *0.05 =  7000        7500         7500     30000
 * sums        7500        60              3000   540000          27000       30000
 * </pre>
 *
 * Revenue share 27000 / 30000 = 0.9; ROI from time alone (3000 - 7500) / 7500 = -0.6; ROI to date
 * (30000 - 7500) / 7500 = 3.0.
 */
final class RoiFixture {

    static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
    static final double HOURLY_RATE = 50.0;
    static final double REVENUE_ATTRIBUTION = 0.05;
    static final ObjectMapper JSON = new ObjectMapper();

    private RoiFixture() {}

    static List<JsonNode> months() {
        return List.of(
                month("2025-10", 5000, 20, 1000, 0, 0, 1000, 5000, 1000),
                month("2025-11", 1250, 30, 1500, 400000, 20000, 21500, 6250, 22500),
                month("2025-12", 1250, 10, 500, 140000, 7000, 7500, 7500, 30000));
    }

    static RoiAssumptions assumptions(double hourlyRate, double revenueAttribution) {
        return new RoiAssumptions("EUR", hourlyRate, revenueAttribution, Map.of("record_create", 3.0),
                Map.of("low", 0.6, "base", 1.0, "high", 1.4));
    }

    static RoiAssumptions assumptions() {
        return assumptions(HOURLY_RATE, REVENUE_ATTRIBUTION);
    }

    /** A roi_monthly row with the columns the verdict reads, and the others as the mart has them. */
    static JsonNode month(String month, double costTotal, double hoursSaved, double benefitTime, double wonAmount,
                          double benefitRevenue, double benefitTotal, double cumCost, double cumBenefit) {
        ObjectNode row = JSON.createObjectNode();
        row.put("month", month);
        row.put("cost_license", costTotal);
        row.put("cost_total", costTotal);
        row.put("idle_seat_cost", 0.0);
        row.put("mau", 10);
        row.put("cost_per_active_user", costTotal / 10);
        row.put("hours_saved", hoursSaved);
        row.put("benefit_time", benefitTime);
        row.put("won_amount", wonAmount);
        row.put("benefit_revenue", benefitRevenue);
        row.put("benefit_total", benefitTotal);
        row.put("cum_cost", cumCost);
        row.put("cum_benefit", cumBenefit);
        row.putNull("roi_cum");
        return row;
    }
}
