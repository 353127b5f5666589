package io.uptake.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The assumptions behind the ROI benefits (DATA.md 1.2, the {@code roi_assumptions.json} file). Every field
 * is required in the file; {@link #defaults()} holds the values the sample ships with. The sample writes it,
 * the jobs read it for roi_monthly and roi_summary, and the serving snapshot carries it so the dashboard
 * shows what the ROI rests on. Reading a bad file throws an {@link IllegalArgumentException} whose message
 * names the file and the field.
 *
 * @param currency ISO 4217 code of {@code hourlyRate} and of every amount in costs.csv and records.csv;
 *                 three capital letters; default {@code USD}
 * @param hourlyRate loaded cost of one hour of a user's time, in {@code currency} per hour; at least 0;
 *                   default 55.0
 * @param revenueAttribution share of won opportunity amounts credited to the CRM, a fraction in [0, 1];
 *                           default 0.05
 * @param minutesSaved minutes of work saved by one active event of a type, per {@code event_type} of the
 *                     events table; each at least 0; types left out save 0 minutes; default record_create 3,
 *                     record_update 2, record_view 0.5, page_view 0.1, search 1, report_run 5,
 *                     dashboard_view 3, knowledge_view 2, help_view 1
 * @param scenarios factor applied to every benefit, exactly the keys {@code low}, {@code base} and
 *                  {@code high} with low &lt;= base &lt;= high; {@code base} must be 1.0 because roi_monthly
 *                  shows the base case with KPIS.md's formulas as they are; default 0.6 / 1.0 / 1.4
 */
public record RoiAssumptions(String currency, double hourlyRate, double revenueAttribution,
                             Map<String, Double> minutesSaved, Map<String, Double> scenarios) {

    static final String CURRENCY = "currency";
    static final String HOURLY_RATE = "hourly_rate";
    static final String REVENUE_ATTRIBUTION = "revenue_attribution";
    static final String MINUTES_SAVED = "minutes_saved";
    static final String SCENARIOS = "scenarios";
    private static final List<String> FIELDS = List.of(CURRENCY, HOURLY_RATE, REVENUE_ATTRIBUTION, MINUTES_SAVED,
            SCENARIOS);
    private static final Pattern ISO_CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Checks every field; messages use the JSON field names because that is what a user edits. */
    public RoiAssumptions {
        requireNonNull(currency, "currency is null");
        requireNonNull(minutesSaved, "minutes_saved is null");
        requireNonNull(scenarios, "scenarios is null");
        if (!ISO_CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException(
                    "currency is '" + currency + "': expected an ISO 4217 code of three capital letters, e.g. USD");
        }
        requireAtLeastZero(HOURLY_RATE, hourlyRate);
        requireAtLeastZero(REVENUE_ATTRIBUTION, revenueAttribution);
        if (revenueAttribution > 1) {
            throw new IllegalArgumentException(REVENUE_ATTRIBUTION + " is " + revenueAttribution
                    + ": expected a share between 0 and 1 (0.05 credits 5% of won amounts to the CRM)");
        }
        for (Map.Entry<String, Double> e : minutesSaved.entrySet()) {
            requireNonNull(e.getKey(), "minutes_saved has a null event type");
            // A misspelt type would silently save nothing, so only the events table's types are accepted.
            if (!Vocabulary.EVENT_TYPES.contains(e.getKey())) {
                throw new IllegalArgumentException(MINUTES_SAVED + " has the unknown event type '" + e.getKey()
                        + "': expected one of " + String.join(", ", Vocabulary.EVENT_TYPES));
            }
            requireNonNull(e.getValue(), MINUTES_SAVED + "." + e.getKey() + " is null");
            requireAtLeastZero(MINUTES_SAVED + "." + e.getKey(), e.getValue());
        }
        if (!scenarios.keySet().equals(Set.copyOf(Marts.SCENARIOS))) {
            throw new IllegalArgumentException(SCENARIOS + " has " + new TreeSet<>(scenarios.keySet())
                    + ": expected exactly " + String.join(", ", Marts.SCENARIOS));
        }
        for (String scenario : Marts.SCENARIOS) {
            requireNonNull(scenarios.get(scenario), SCENARIOS + "." + scenario + " is null");
            requireAtLeastZero(SCENARIOS + "." + scenario, scenarios.get(scenario));
        }
        double low = scenarios.get("low");
        double base = scenarios.get("base");
        double high = scenarios.get("high");
        if (base != 1.0) {
            throw new IllegalArgumentException(SCENARIOS + ".base is " + base + ": it must be 1.0 (roi_monthly is the"
                    + " base case); change minutes_saved, hourly_rate or revenue_attribution instead");
        }
        if (low > base || base > high) {
            throw new IllegalArgumentException(SCENARIOS + " are low " + low + ", base " + base + ", high " + high
                    + ": expected low <= base <= high");
        }
        minutesSaved = Collections.unmodifiableMap(new LinkedHashMap<>(minutesSaved));
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }

    /** The assumptions the sample writes to roi_assumptions.json. */
    public static RoiAssumptions defaults() {
        Map<String, Double> minutes = new LinkedHashMap<>();
        minutes.put("record_create", 3.0);
        minutes.put("record_update", 2.0);
        minutes.put("record_view", 0.5);
        minutes.put("page_view", 0.1);
        minutes.put("search", 1.0);
        minutes.put("report_run", 5.0);
        minutes.put("dashboard_view", 3.0);
        minutes.put("knowledge_view", 2.0);
        minutes.put("help_view", 1.0);
        Map<String, Double> scenarios = new LinkedHashMap<>();
        scenarios.put("low", 0.6);
        scenarios.put("base", 1.0);
        scenarios.put("high", 1.4);
        return new RoiAssumptions("USD", 55.0, 0.05, minutes, scenarios);
    }

    /** The JSON of the assumptions file, fields in the documented order, indented for a person to edit. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(CURRENCY, currency);
        json.put(HOURLY_RATE, hourlyRate);
        json.put(REVENUE_ATTRIBUTION, revenueAttribution);
        json.put(MINUTES_SAVED, minutesSaved);
        json.put(SCENARIOS, scenarios);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write ROI assumptions as JSON", e);
        }
    }

    /** Minutes saved by one active event of {@code eventType}; 0 for a type without an assumption. */
    public double minutesSavedBy(String eventType) {
        return minutesSaved.getOrDefault(eventType, 0.0);
    }

    /** The factor of a scenario of {@link Marts#SCENARIOS}. */
    public double factor(String scenario) {
        Double factor = scenarios.get(scenario);
        if (factor == null) {
            throw new IllegalArgumentException("No scenario '" + scenario + "': expected one of " + Marts.SCENARIOS);
        }
        return factor;
    }

    /**
     * Reads the JSON of an assumptions file. {@code source} names the file in messages, which name the field
     * and say what is expected.
     */
    public static RoiAssumptions parse(String json, String source) {
        requireNonNull(json, "json is null");
        requireNonNull(source, "source is null");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot parse the ROI assumptions in " + source + " as JSON: "
                    + e.getOriginalMessage() + locationOf(e));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The ROI assumptions in " + source + " must be a JSON object with the fields "
                    + String.join(", ", FIELDS));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown field '" + name + "' in " + source + ": expected "
                        + String.join(", ", FIELDS));
            }
        }
        JsonNode currency = required(root, CURRENCY, source);
        if (!currency.isTextual()) {
            throw new IllegalArgumentException(CURRENCY + " in " + source + " is " + currency + ": expected a string such as \"USD\"");
        }
        double hourlyRate = number(required(root, HOURLY_RATE, source), HOURLY_RATE, source);
        double revenueAttribution = number(required(root, REVENUE_ATTRIBUTION, source), REVENUE_ATTRIBUTION, source);
        Map<String, Double> minutesSaved = numbers(required(root, MINUTES_SAVED, source), MINUTES_SAVED, source);
        Map<String, Double> scenarios = numbers(required(root, SCENARIOS, source), SCENARIOS, source);
        try {
            return new RoiAssumptions(currency.asText(), hourlyRate, revenueAttribution, minutesSaved, scenarios);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid ROI assumptions in " + source + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("Field " + field + " is missing in " + source);
        }
        return node;
    }

    private static double number(JsonNode node, String field, String source) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " in " + source + " is " + node + ": expected a number");
        }
        return node.doubleValue();
    }

    private static Map<String, Double> numbers(JsonNode node, String field, String source) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " in " + source + " is " + node + ": expected an object of numbers");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            values.put(e.getKey(), number(e.getValue(), field + "." + e.getKey(), source));
        }
        return values;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void requireAtLeastZero(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " is " + value + ": expected a finite number of at least 0");
        }
    }
}
