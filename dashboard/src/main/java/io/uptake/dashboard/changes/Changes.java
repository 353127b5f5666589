package io.uptake.dashboard.changes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed (PRODUCT.md "What changed, and alerts"): the conditions the Overview opens with and the
 * alerts are sent for, read from one snapshot for one scope. Nothing here knows about HTTP or pages, so
 * the alerts evaluate exactly what the Overview shows. Every figure is a mart value (docs/kpis.md).
 *
 * <ul>
 *   <li>{@code adoption_down} / {@code adoption_up}: a team's {@code adoption_rate} at the as-of date A
 *   against A-28 ({@code adoption_daily}) moved by at least {@link ChangeRules#adoptionChange()}. A team
 *   without a rate on either day (too new, or no one licensed) has no change.</li>
 *   <li>{@code wave_behind}: a goal scoped {@code wave:<name>} with status amber or red, i.e. short of
 *   its expected value. A red wave goal is told once, as the wave falling behind, not again as
 *   {@code goal_red}.</li>
 *   <li>{@code goal_red}: any other goal whose status is red.</li>
 *   <li>{@code source_stale}: {@code hours_since_last_event} greater than {@link ChangeRules#staleHours()};
 *   {@code source_failing}: {@code failure_rate_7d} greater than {@link ChangeRules#failureRate()}.</li>
 * </ul>
 *
 * <p>Scope, as on the pages: adoption and {@code team:<X>} goals only for the teams asked for that the
 * scope may see and whose figures are not withheld (fewer than {@link Scope#MIN_GROUP_SIZE} people
 * licensed on A, for a scope without their user list); organisation and wave goals and sources only for
 * scopes that see every team.
 *
 * <p>Ranking, largest {@link Change#size()} first, every kind in points of its own figure on one 0..1
 * scale: adoption, the change of the rate over the four weeks (0.76 for 100% to 24%); goals and waves,
 * how far the figure is from where the goal expected it, {@code |expected - current|} (every goal KPI
 * is a share, or ROI, whose points read the same way), at most 1; stale sources, the share of the same
 * four weeks the source has been silent, hours / 672, at most 1; failing sources, the failure rate.
 * A team that lost two thirds of its users therefore ranks above a goal a third behind plan or a
 * source silent for two weeks. Sizes equal to 9 decimals keep a stable order: by kind, then subject.
 */
public final class Changes {

    public static final String ADOPTION_DOWN = "adoption_down";
    public static final String ADOPTION_UP = "adoption_up";
    public static final String WAVE_BEHIND = "wave_behind";
    public static final String GOAL_RED = "goal_red";
    public static final String SOURCE_STALE = "source_stale";
    public static final String SOURCE_FAILING = "source_failing";

    /** Adoption is compared with the rate four weeks before the as-of date. */
    public static final int ADOPTION_WINDOW_DAYS = 28;
    /** From this many hours of silence on, a stale source is told in whole days. */
    static final double DAYS_FROM_HOURS = 72;
    /** A source silent for the whole four weeks of the adoption window has the largest size. */
    static final double STALE_FULL_HOURS = ADOPTION_WINDOW_DAYS * 24;

    private static final String TEAM_SCOPE = "team:";
    private static final String WAVE_SCOPE = "wave:";
    private static final String ALL_SCOPE = "all";
    /** 0.5 - 0.4 is 0.0999... in binary: a change of exactly the threshold must count. */
    private static final double ROUNDING = 1e-9;
    private static final Comparator<Change> RANKING = Comparator.comparingLong((Change c) -> Math.round(c.size() * 1e9)).reversed()
            .thenComparing(Change::kind).thenComparing(Change::subject);

    private Changes() {}

    /**
     * The changes for one reader, largest first.
     *
     * @param teams the teams the reader looks at (their scope's, narrowed by the page's filters); teams
     *     outside the scope are ignored
     */
    public static List<Change> of(ServingSnapshot snapshot, Scope scope, List<String> teams, Language language,
                                  ChangeRules rules) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(teams, "teams is null");
        requireNonNull(language, "language is null");
        requireNonNull(rules, "rules is null");
        Set<String> shown = new LinkedHashSet<>();
        for (String team : teams) {
            if (!team.equals(Vocabulary.ALL_TEAMS) && scope.canSee(team) && !withheld(snapshot, scope, team)) {
                shown.add(team);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (String team : shown) {
            adoption(snapshot, team, language, rules, changes);
        }
        for (JsonNode goal : snapshot.rows(Marts.GOALS_STATUS)) {
            goal(snapshot, goal, scope, shown, language, changes);
        }
        if (scope.allTeams()) {
            for (JsonNode source : snapshot.rows(Marts.SOURCE_FRESHNESS)) {
                source(source, language, rules, changes);
            }
        }
        changes.sort(RANKING);
        return List.copyOf(changes);
    }

    /** Fewer than 5 people licensed on A, and no right to the team's user list. */
    private static boolean withheld(ServingSnapshot snapshot, Scope scope, String team) {
        if (scope.seesUserListOf(team)) {
            return false;
        }
        JsonNode today = day(snapshot, team, snapshot.asOf());
        return today == null || today.path(Marts.LICENSED_USERS).asLong() < Scope.MIN_GROUP_SIZE;
    }

    private static void adoption(ServingSnapshot snapshot, String team, Language language, ChangeRules rules,
                                 List<Change> changes) {
        LocalDate asOf = snapshot.asOf();
        Double now = rate(day(snapshot, team, asOf));
        Double before = rate(day(snapshot, team, asOf.minusDays(ADOPTION_WINDOW_DAYS)));
        if (now == null || before == null) {
            return;
        }
        double change = now - before;
        if (Math.abs(change) < rules.adoptionChange() - ROUNDING) {
            return;
        }
        boolean fell = change < 0;
        String text = (fell ? ChangeText.ADOPTION_DOWN : ChangeText.ADOPTION_UP).format(language, team,
                ChangeText.percent(before), ChangeText.percent(now), ChangeText.date(asOf, language));
        changes.add(new Change(fell ? ADOPTION_DOWN : ADOPTION_UP, team, text, "/adoption?team=" + encode(team),
                now, before, Math.min(1, Math.abs(change))));
    }

    private static void goal(ServingSnapshot snapshot, JsonNode goal, Scope scope, Set<String> shown,
                             Language language, List<Change> changes) {
        String status = goal.path(Marts.GOAL_STATUS).asText();
        JsonNode current = goal.path(Marts.CURRENT);
        JsonNode expected = goal.path(Marts.EXPECTED);
        if (!(status.equals(Marts.GOAL_RED) || status.equals(Marts.GOAL_AMBER))
                || !current.isNumber() || !expected.isNumber()) {
            return;
        }
        String id = goal.path(Columns.GOAL_ID).asText();
        String goalScope = goal.path(Columns.SCOPE).asText();
        String kpi = ChangeText.kpi(goal.path(Columns.KPI).asText(), language);
        String date = ChangeText.date(snapshot.asOf(), language);
        String now = ChangeText.percent(current.asDouble());
        String due = ChangeText.percent(expected.asDouble());
        double size = shortfall(goal);
        if (goalScope.startsWith(WAVE_SCOPE)) {
            if (scope.allTeams()) {
                String wave = goalScope.substring(WAVE_SCOPE.length());
                changes.add(new Change(WAVE_BEHIND, wave, ChangeText.WAVE_BEHIND.format(language, wave, id, kpi, now, due, date),
                        "/rollout?wave=" + encode(wave), current.asDouble(), expected.asDouble(), size));
            }
        } else if (status.equals(Marts.GOAL_RED)) {
            String link;
            String subject;
            if (goalScope.startsWith(TEAM_SCOPE)) {
                String team = goalScope.substring(TEAM_SCOPE.length());
                if (!shown.contains(team)) {
                    return;
                }
                link = "/rollout?team=" + encode(team);
                subject = ChangeText.TEAM.format(language, team);
            } else if (scope.allTeams()) {
                link = "/rollout";
                subject = goalScope.equals(ALL_SCOPE) ? ChangeText.ORGANISATION.in(language) : goalScope;
            } else {
                return;
            }
            changes.add(new Change(GOAL_RED, id, ChangeText.GOAL_RED.format(language, id, kpi, subject, now, due, date),
                    link, current.asDouble(), expected.asDouble(), size));
        }
    }

    /** How far a goal's figure is from where the goal expected it, in points of the figure, at most 1. */
    private static double shortfall(JsonNode goal) {
        return Math.min(1, Math.abs(goal.path(Marts.EXPECTED).asDouble() - goal.path(Marts.CURRENT).asDouble()));
    }

    private static void source(JsonNode source, Language language, ChangeRules rules, List<Change> changes) {
        String name = source.path(Columns.SOURCE).asText();
        JsonNode hours = source.path(Marts.HOURS_SINCE_LAST_EVENT);
        if (hours.isNumber() && hours.asDouble() > rules.staleHours()) {
            changes.add(new Change(SOURCE_STALE, name,
                    hours.asDouble() < DAYS_FROM_HOURS ? ChangeText.SOURCE_STALE.format(language, name, ChangeText.hours(hours.asDouble(), language))
                            : ChangeText.SOURCE_STALE_DAYS.format(language, name, ChangeText.hours(Math.floor(hours.asDouble() / 24), language)),
                    "/quality", hours.asDouble(), null, Math.min(1, hours.asDouble() / STALE_FULL_HOURS)));
        }
        JsonNode failures = source.path(Marts.FAILURE_RATE_7D);
        if (failures.isNumber() && failures.asDouble() > rules.failureRate()) {
            changes.add(new Change(SOURCE_FAILING, name,
                    ChangeText.SOURCE_FAILING.format(language, name, ChangeText.percent(failures.asDouble())),
                    "/quality", failures.asDouble(), null, Math.min(1, failures.asDouble())));
        }
    }

    /** The team's adoption_daily row of the day, or null. */
    private static JsonNode day(ServingSnapshot snapshot, String team, LocalDate date) {
        String wanted = date.toString();
        for (JsonNode row : snapshot.rows(Marts.ADOPTION_DAILY, team)) {
            if (row.path(Marts.DATE).asText().equals(wanted)) {
                return row;
            }
        }
        return null;
    }

    /** The day's adoption rate; null without a row, or when no one was licensed (an empty ratio). */
    private static Double rate(JsonNode day) {
        return day != null && day.path(Marts.ADOPTION_RATE).isNumber() ? day.path(Marts.ADOPTION_RATE).asDouble() : null;
    }

    /** A query parameter value: spaces as {@code %20}, which every browser and Javalin read back. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
