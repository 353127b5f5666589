package io.uptake.dashboard.changes;

import io.uptake.dashboard.i18n.Language;
import io.uptake.warehouse.Marts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the changes in each language, side by side so that a sentence and its translation are
 * changed together. Sentences are {@link String#format} patterns with numbered arguments, because the
 * languages order them differently; names (teams, waves, goals, sources) are passed as they are.
 */
enum ChangeText {
    /** 1 team, 2 rate four weeks before, 3 rate now, 4 as-of date. */
    ADOPTION_DOWN("%1$s adoption fell from %2$s to %3$s over the four weeks to %4$s",
            "%1$s 的采用率在截至 %4$s 的四周内从 %2$s 降至 %3$s"),
    ADOPTION_UP("%1$s adoption rose from %2$s to %3$s over the four weeks to %4$s",
            "%1$s 的采用率在截至 %4$s 的四周内从 %2$s 升至 %3$s"),
    /** 1 wave, 2 goal id, 3 KPI, 4 current, 5 expected, 6 as-of date. */
    WAVE_BEHIND("Wave %1$s is behind goal %2$s: %3$s at %4$s where %5$s was expected by %6$s",
            "批次 %1$s 落后于目标 %2$s：截至 %6$s %3$s为 %4$s，应达到 %5$s"),
    /** 1 goal id, 2 KPI, 3 scope, 4 current, 5 expected, 6 as-of date. */
    GOAL_RED("Goal %1$s (%2$s, %3$s) is red: %4$s where %5$s was expected by %6$s",
            "目标 %1$s（%3$s的%2$s）为红色：截至 %6$s 为 %4$s，应达到 %5$s"),
    /** 1 source, 2 hours. */
    SOURCE_STALE("Source %1$s has sent no events for %2$s hours",
            "数据源 %1$s 已有 %2$s 小时没有新事件"),
    /** 1 source, 2 whole days: a silence of three days or more reads better in days than in hours. */
    SOURCE_STALE_DAYS("Source %1$s has sent no events for %2$s days",
            "数据源 %1$s 已有 %2$s 天没有新事件"),
    /** 1 source, 2 failure rate. */
    SOURCE_FAILING("%2$s of the events from source %1$s failed in the last 7 days",
            "数据源 %1$s 最近 7 天有 %2$s 的事件失败"),
    ORGANISATION("the whole organisation", "整个组织"),
    /** Scope {@code team:X} of a goal; 1 the team. */
    TEAM("team %1$s", "团队 %1$s "),
    /** A {@link DateTimeFormatter} pattern. */
    DATE("d MMM yyyy", "yyyy年M月d日"),
    KPI_ADOPTION_RATE("adoption rate", "采用率"),
    KPI_STICKINESS("stickiness", "黏性"),
    KPI_STALE_SHARE_30D("share of records stale for 30 days", "超过 30 天未更新记录占比"),
    KPI_COMPLETENESS_AVG("completeness", "完整度"),
    KPI_DUPLICATE_RATE("duplicate rate", "重复率"),
    KPI_TRAINED_SHARE("trained share", "已培训占比"),
    KPI_ROI_CUM("cumulative ROI", "累计投资回报率");

    private static final Map<String, ChangeText> KPIS = Map.of(
            Marts.ADOPTION_RATE, KPI_ADOPTION_RATE, Marts.STICKINESS, KPI_STICKINESS,
            Marts.STALE_SHARE_30D, KPI_STALE_SHARE_30D, Marts.COMPLETENESS_AVG, KPI_COMPLETENESS_AVG,
            Marts.DUPLICATE_RATE, KPI_DUPLICATE_RATE, Marts.TRAINED_SHARE, KPI_TRAINED_SHARE,
            Marts.ROI_CUM, KPI_ROI_CUM);
    private static final BigDecimal TEN = BigDecimal.TEN;

    private final String en;
    private final String zhCn;

    ChangeText(String en, String zhCn) {
        this.en = en;
        this.zhCn = zhCn;
    }

    String in(Language language) {
        return switch (language) {
            case EN -> en;
            case ZH_CN -> zhCn;
        };
    }

    /** The sentence in the language, with its arguments already formatted. */
    String format(Language language, String... arguments) {
        return String.format(Locale.ROOT, in(language), (Object[]) arguments);
    }

    /** The name of a goal KPI; a KPI without a translation keeps its mart name. */
    static String kpi(String kpi, Language language) {
        ChangeText name = KPIS.get(kpi);
        return name == null ? kpi : name.in(language);
    }

    static String date(LocalDate date, Language language) {
        return DateTimeFormatter.ofPattern(DATE.in(language), language.locale()).format(date);
    }

    /**
     * A share as a percentage: whole points from 10% up, one decimal below (where a point is a large
     * part of the figure), without a trailing {@code .0}: 0.24 is "24%", 0.055 "5.5%", 0.05 "5%".
     * Rounded half up from the figure as the mart writes it, so 0.245 is "25%".
     */
    static String percent(double share) {
        BigDecimal points = BigDecimal.valueOf(share).movePointRight(2);
        BigDecimal tenths = points.setScale(1, RoundingMode.HALF_UP);
        BigDecimal shown = tenths.abs().compareTo(TEN) < 0
                ? tenths.stripTrailingZeros()
                : points.setScale(0, RoundingMode.HALF_UP);
        return shown.toPlainString() + "%";
    }

    /** Whole hours, rounded half up, grouped as the language writes large numbers. */
    static String hours(double hours, Language language) {
        NumberFormat format = NumberFormat.getIntegerInstance(language.locale());
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(hours);
    }
}
