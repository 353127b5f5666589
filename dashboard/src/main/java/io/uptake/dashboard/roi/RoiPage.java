package io.uptake.dashboard.roi;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.time.YearMonth;
import java.util.List;

/**
 * ROI: the months in the date range, the three scenarios and the assumptions they rest on. Costs and
 * benefits are the organisation's: a team, department or wave filter does not narrow them, and the
 * page says so.
 */
public final class RoiPage {

    static final List<String> ORGANISATION_WIDE = List.of("monthly", "summary");

    /**
     * {@code verdict} and {@code verdict_text} cover the months up to the as-of date, whatever the date range;
     * {@code sensitivity} is the ROI to date for other hourly rates and revenue attributions.
     */
    public record View(@JsonUnwrapped Header header, String unavailable, List<JsonNode> monthly, List<JsonNode> summary,
                       List<String> categories, JsonNode assumptions, RoiVerdict verdict, String verdictText,
                       RoiSensitivityGrid sensitivity) {}

    private RoiPage() {}

    public static View view(Visibility visibility) {
        ServingSnapshot snapshot = visibility.snapshot();
        Header header = visibility.header(ORGANISATION_WIDE);
        YearMonth from = YearMonth.from(visibility.filters().from());
        YearMonth to = YearMonth.from(visibility.filters().to());
        List<JsonNode> monthly = snapshot.rows(Marts.ROI_MONTHLY).stream().filter(m -> {
            YearMonth month = YearMonth.parse(m.path(Columns.MONTH).asText());
            return !month.isBefore(from) && !month.isAfter(to);
        }).toList();
        List<JsonNode> all = snapshot.rows(Marts.ROI_MONTHLY);
        RoiVerdict verdict = all.isEmpty() ? null : RoiVerdict.of(all, snapshot.asOf());
        return new View(header, snapshot.unavailable(Marts.ROI_MONTHLY), monthly, snapshot.rows(Marts.ROI_SUMMARY),
                Marts.COST_CATEGORIES, snapshot.roiAssumptions(), verdict,
                verdict == null ? null : verdict.sentence(visibility.language()), RoiSensitivityGrid.of(snapshot).orElse(null));
    }
}
