package io.uptake.dashboard.roi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.i18n.Language;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The ROI in one sentence, with the weight it hides said out loud. On the sample organisation about 90% of
 * the benefit is credited revenue (a share of won deals, the {@code revenue_attribution} assumption), so an
 * ROI read alone overstates what the time saved pays for; the verdict puts the payback month, that share and
 * the ROI of the time saved alone side by side.
 *
 * <p>Computed from {@code roi_monthly} up to the as-of month, which is the base scenario: the assumptions
 * require the base factor to be 1.0 and {@code roi_summary} multiplies every benefit by the factor, so the
 * cost, benefit, ROI to date and payback month here are those of {@code roi_summary}'s {@code base} row
 * (sums taken in month order, as the mart's running sums are; the payback month compares the mart's own
 * {@code cum_benefit} and {@code cum_cost}).
 *
 * @param paybackMonth  the first month whose cumulative benefit reaches its cumulative cost; null if none yet
 * @param costToDate    sum of {@code cost_total}
 * @param benefitToDate sum of {@code benefit_total}
 * @param revenueShare  sum of {@code benefit_revenue} / sum of {@code benefit_total}; null without benefit
 * @param timeOnlyRoi   (sum of {@code benefit_time} - cost to date) / cost to date: the ROI with no credited
 *                      revenue; null without cost
 * @param roiToDate     (benefit to date - cost to date) / cost to date; null without cost
 */
public record RoiVerdict(YearMonth paybackMonth, double costToDate, double benefitToDate, Double revenueShare,
                         Double timeOnlyRoi, Double roiToDate) {

    /** U+2212, the minus sign: a hyphen-minus reads as a dash in running text. */
    static final String MINUS = "\u2212";
    private static final DateTimeFormatter ENGLISH_MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    /** The verdict of the {@code roi_monthly} rows up to {@code asOf}'s month. */
    public static RoiVerdict of(List<JsonNode> monthlyRows, LocalDate asOf) {
        return of(RoiMonth.upTo(monthlyRows, asOf));
    }

    static RoiVerdict of(List<RoiMonth> months) {
        YearMonth payback = null;
        double cost = 0;
        double benefit = 0;
        double benefitTime = 0;
        double benefitRevenue = 0;
        for (RoiMonth month : months) {
            cost += month.costTotal();
            benefit += month.benefitTotal();
            benefitTime += month.benefitTime();
            benefitRevenue += month.benefitRevenue();
            if (payback == null && month.cumBenefit() >= month.cumCost()) {
                payback = month.month();
            }
        }
        return new RoiVerdict(payback, cost, benefit, benefit == 0 ? null : benefitRevenue / benefit,
                roi(benefitTime, cost), roi(benefit, cost));
    }

    /**
     * "Paid back in Nov 2025; 90% of the benefit is credited revenue; from time saved alone ROI is −62%." or,
     * in Simplified Chinese, "已于 2025年11月 回本；收益的 90% 来自归因收入；仅按节省的时间计算，ROI 为 −62%。".
     * Percentages are whole, rounded half away from zero, negatives with the minus sign U+2212.
     */
    public String sentence(Language language) {
        requireNonNull(language, "language is null");
        return switch (language) {
            case EN -> String.join("; ",
                    paybackMonth == null ? "Not paid back yet" : "Paid back in " + ENGLISH_MONTH.format(paybackMonth),
                    revenueShare == null ? "no benefit is recorded yet"
                            : percent(revenueShare) + " of the benefit is credited revenue",
                    timeOnlyRoi == null ? "without costs there is no ROI to compute"
                            : "from time saved alone ROI is " + percent(timeOnlyRoi)) + ".";
            case ZH_CN -> String.join("；",
                    paybackMonth == null ? "尚未回本" : "已于 " + chineseMonth(paybackMonth) + " 回本",
                    revenueShare == null ? "尚无收益记录" : "收益的 " + percent(revenueShare) + " 来自归因收入",
                    timeOnlyRoi == null ? "尚无成本，无法计算 ROI" : "仅按节省的时间计算，ROI 为 " + percent(timeOnlyRoi)) + "。";
        };
    }

    /** (benefit - cost) / cost; null when cost is 0. */
    static Double roi(double benefit, double cost) {
        return cost == 0 ? null : (benefit - cost) / cost;
    }

    /** A fraction as a whole percentage: 0.9 is "90%", -0.6 is "−60%", -0.004 is "0%". */
    static String percent(double fraction) {
        long whole = Math.round(Math.abs(fraction) * 100);
        return (fraction < 0 && whole != 0 ? MINUS : "") + whole + "%";
    }

    private static String chineseMonth(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }
}
