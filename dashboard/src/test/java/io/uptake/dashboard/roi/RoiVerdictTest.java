package io.uptake.dashboard.roi;

import static io.uptake.dashboard.roi.RoiFixture.AS_OF;
import static io.uptake.dashboard.roi.RoiFixture.month;
import static io.uptake.dashboard.roi.RoiFixture.months;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.dashboard.i18n.Language;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoiVerdictTest {

    @Test
    void paysBackInTheFirstMonthWhoseCumulativeBenefitReachesTheCost() {
        // see RoiFixture: Oct 1000 < 5000; Nov 22500 >= 6250
        RoiVerdict verdict = RoiVerdict.of(months(), AS_OF);

        assertThat(verdict.paybackMonth()).isEqualTo(YearMonth.of(2025, 11));
    }

    @Test
    void addsCostAndBenefitToDateAndSplitsTheBenefitIntoRevenueAndTime() {
        // cost 5000 + 1250 + 1250 = 7500; benefit 1000 + 21500 + 7500 = 30000
        // revenue share (0 + 20000 + 7000) / 30000 = 0.9
        // ROI from time alone: benefit_time 1000 + 1500 + 500 = 3000, (3000 - 7500) / 7500 = -0.6
        // ROI to date (30000 - 7500) / 7500 = 3.0
        assertThat(RoiVerdict.of(months(), AS_OF))
                .isEqualTo(new RoiVerdict(YearMonth.of(2025, 11), 7500.0, 30000.0, 0.9, -0.6, 3.0));
    }

    @Test
    void saysThePaybackTheRevenueShareAndTheTimeOnlyRoiInEnglishAndChinese() {
        RoiVerdict verdict = RoiVerdict.of(months(), AS_OF);

        assertThat(verdict.sentence(Language.EN))
                .isEqualTo("Paid back in Nov 2025; 90% of the benefit is credited revenue; from time saved alone ROI is \u221260%.");
        assertThat(verdict.sentence(Language.ZH_CN))
                .isEqualTo("已于 2025年11月 回本；收益的 90% 来自归因收入；仅按节省的时间计算，ROI 为 \u221260%。");
    }

    @Test
    void countsOnlyTheMonthsUpToTheAsOfMonth() {
        // A = 2025-11-15: Oct and Nov. cost 5000 + 1250 = 6250; benefit 1000 + 21500 = 22500, paid back in Nov;
        // revenue share 20000 / 22500 = 8/9 -> 89%; time alone (1000 + 1500 - 6250) / 6250 = -0.6;
        // to date (22500 - 6250) / 6250 = 2.6
        RoiVerdict verdict = RoiVerdict.of(months(), LocalDate.parse("2025-11-15"));

        assertThat(verdict).isEqualTo(new RoiVerdict(YearMonth.of(2025, 11), 6250.0, 22500.0, 20000.0 / 22500.0,
                -0.6, 2.6));
        assertThat(verdict.sentence(Language.EN))
                .isEqualTo("Paid back in Nov 2025; 89% of the benefit is credited revenue; from time saved alone ROI is \u221260%.");
    }

    @Test
    void isNotPaidBackWhileTheCumulativeBenefitStaysBelowTheCost() {
        // Oct: cost 5000, benefit 1000 (time); Nov: cost 1250, 30 h * 50 = 1500, nothing won.
        // cum: Oct 1000 < 5000, Nov 2500 < 6250 -> never. cost 6250, benefit 2500, all of it time:
        // share 0 / 2500 = 0; time alone = to date = (2500 - 6250) / 6250 = -0.6
        List<JsonNode> rows = List.of(
                month("2025-10", 5000, 20, 1000, 0, 0, 1000, 5000, 1000),
                month("2025-11", 1250, 30, 1500, 0, 0, 1500, 6250, 2500));

        RoiVerdict verdict = RoiVerdict.of(rows, AS_OF);

        assertThat(verdict).isEqualTo(new RoiVerdict(null, 6250.0, 2500.0, 0.0, -0.6, -0.6));
        assertThat(verdict.sentence(Language.EN))
                .isEqualTo("Not paid back yet; 0% of the benefit is credited revenue; from time saved alone ROI is \u221260%.");
        assertThat(verdict.sentence(Language.ZH_CN))
                .isEqualTo("尚未回本；收益的 0% 来自归因收入；仅按节省的时间计算，ROI 为 \u221260%。");
    }

    @Test
    void hasNoRevenueShareWithoutAnyBenefit() {
        // one month, cost 5000, no hours saved, nothing won: share 0 / 0 is none; ROI (0 - 5000) / 5000 = -1
        RoiVerdict verdict = RoiVerdict.of(List.of(month("2025-10", 5000, 0, 0, 0, 0, 0, 5000, 0)), AS_OF);

        assertThat(verdict).isEqualTo(new RoiVerdict(null, 5000.0, 0.0, null, -1.0, -1.0));
        assertThat(verdict.sentence(Language.EN))
                .isEqualTo("Not paid back yet; no benefit is recorded yet; from time saved alone ROI is \u2212100%.");
        assertThat(verdict.sentence(Language.ZH_CN))
                .isEqualTo("尚未回本；尚无收益记录；仅按节省的时间计算，ROI 为 \u2212100%。");
    }

    @Test
    void hasNoRoiWithoutCostsAndNothingAtAllWithoutMonths() {
        RoiVerdict verdict = RoiVerdict.of(List.of(), AS_OF);

        assertThat(verdict).isEqualTo(new RoiVerdict(null, 0.0, 0.0, null, null, null));
        assertThat(verdict.sentence(Language.EN))
                .isEqualTo("Not paid back yet; no benefit is recorded yet; without costs there is no ROI to compute.");
        assertThat(verdict.sentence(Language.ZH_CN)).isEqualTo("尚未回本；尚无收益记录；尚无成本，无法计算 ROI。");
    }

    @Test
    void roundsPercentagesHalfAwayFromZeroAndWritesNoNegativeZero() {
        // 0.125 -> 12.5 -> 13; -0.125 -> -13; 3.0 -> 300; -0.004 -> -0.4 -> 0, without a sign
        assertThat(RoiVerdict.percent(0.125)).isEqualTo("13%");
        assertThat(RoiVerdict.percent(-0.125)).isEqualTo("\u221213%");
        assertThat(RoiVerdict.percent(3.0)).isEqualTo("300%");
        assertThat(RoiVerdict.percent(-0.004)).isEqualTo("0%");
    }

    @Test
    void refusesARowWithoutANumberTheMartAlwaysHas() {
        ObjectNode row = (ObjectNode) month("2025-10", 5000, 0, 0, 0, 0, 0, 5000, 0);
        row.putNull("benefit_total");

        assertThatThrownBy(() -> RoiVerdict.of(List.of(row), AS_OF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("roi_monthly row 2025-10 has null in benefit_total: expected a number");
    }
}
