package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hover definitions of the dashboard (assets/definitions.json) and the glossary of the KPI
 * reference (docs/kpis.md) are one text: the English sentence of every figure must be the same in
 * both, so the page never says something the documentation does not.
 */
class DefinitionsTest {

    static final String DEFINITIONS = "/io/uptake/dashboard/assets/definitions.json";
    /** Surefire runs in the module directory; the docs sit beside it. */
    static final Path KPIS = Path.of("../docs/kpis.md");
    static final List<String> LANGUAGES = List.of("en", "zh-CN");
    static final Pattern ROW = Pattern.compile("^\\|\\s*`?([A-Za-z0-9_]+)`?\\s*\\|\\s*(.+?)\\s*\\|\\s*$");

    static JsonNode definitions;
    static Map<String, String> glossary;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = Objects.requireNonNull(DefinitionsTest.class.getResourceAsStream(DEFINITIONS),
                DEFINITIONS + " is not on the classpath")) {
            definitions = new ObjectMapper().readTree(in);
        }
        glossary = glossary(Files.readString(KPIS, StandardCharsets.UTF_8));
    }

    /** The rows of the table under "## Glossary", up to the next heading: figure to definition. */
    static Map<String, String> glossary(String markdown) {
        List<String> lines = markdown.lines().toList();
        int start = lines.indexOf("## Glossary");
        assertThat(start).as("a '## Glossary' section in %s", KPIS).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && !row.group(1).equals("figure")) {
                assertThat(rows.put(row.group(1), row.group(2))).as("glossary row %s appears once", row.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void everyDefinitionHasEnglishAndSimplifiedChinese() {
        List<String> missing = new ArrayList<>();
        definitions.fields().forEachRemaining(entry -> LANGUAGES.forEach(language -> {
            if (entry.getValue().path(language).asText("").isBlank()) {
                missing.add(entry.getKey() + " (" + language + ")");
            }
        }));
        assertThat(missing).as("definitions without a text in one language").isEmpty();
        assertThat(definitions.size()).isEqualTo(glossary.size());
    }

    @Test
    void everyEnglishDefinitionIsWordForWordInTheGlossary() {
        Map<String, String> english = new LinkedHashMap<>();
        definitions.fields().forEachRemaining(entry -> english.put(entry.getKey(), entry.getValue().path("en").asText()));
        assertThat(glossary).containsExactlyInAnyOrderEntriesOf(english);
    }

    @Test
    void theGlossaryHasNoFigureMissingFromTheDefinitions() {
        List<String> keys = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(keys::add);
        assertThat(glossary.keySet()).containsExactlyElementsOf(keys);
    }

    @Test
    void theFiguresOfEveryMartColumnThePagesShowAreDefined() {
        assertThat(glossary).containsKeys("licensed_users", "dau", "wau", "mau", "adoption_rate", "stickiness",
                "module_adoption_rate", "status_active", "status_dormant", "status_never_active", "days_to_first_value",
                "lifecycle_new", "lifecycle_returning", "lifecycle_resurrecting", "lifecycle_dormant",
                "stale_30d", "stale_90d", "stale_share_30d", "median_days_since_update", "overdue", "completeness_avg",
                "complete_share", "duplicate_records", "duplicate_rate", "lag_p50_seconds", "lag_p95_seconds",
                "failure_rate_7d", "hours_since_last_event", "backfilled_7d", "trained_share", "using_share", "trained_not_using",
                "using_untrained", "error_rate", "help_per_active_user", "score", "avg_active_days_before",
                "avg_active_days_after", "lift", "cost_license", "cost_implementation", "cost_training", "cost_support",
                "cost_customization", "cost_infrastructure", "cost_total", "idle_seat_cost", "roi_mau",
                "cost_per_active_user", "hours_saved", "benefit_time", "won_amount", "benefit_revenue", "benefit_total",
                "cum_cost", "cum_benefit", "roi_cum", "cost_to_date", "benefit_to_date", "roi_to_date", "payback_month",
                "wave_adoption_rate", "days_to_50pct", "days_to_80pct", "adoption_rate_now", "goal_current",
                "goal_expected", "goal_status", "own_analytics_views_28d", "team_adoption_rate");
    }
}
