package io.uptake.sampledata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ROI assumptions the sample ships with (roi_assumptions.json): minutes of work saved per event
 * type, the loaded hourly rate, the share of won revenue credited to the CRM, and scenario factors.
 */
record RoiAssumptions(String currency, double hourlyRate, double revenueAttribution,
                      Map<String, Double> minutesSavedByEventType, Map<String, Double> scenarios) {

    static RoiAssumptions defaults() {
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

    double minutesSaved(String eventType) {
        return minutesSavedByEventType.getOrDefault(eventType, 0.0);
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("currency", currency);
        json.put("hourly_rate", hourlyRate);
        json.put("revenue_attribution", revenueAttribution);
        json.put("minutes_saved", minutesSavedByEventType);
        json.put("scenarios", scenarios);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
