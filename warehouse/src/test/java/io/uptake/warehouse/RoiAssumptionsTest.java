package io.uptake.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading roi_assumptions.json: the sample's file, and a message naming the file and field for each mistake. */
class RoiAssumptionsTest {

    private static final String FILE = "reference/roi_assumptions.json";

    private static final String VALID = """
            {
              "currency" : "EUR",
              "hourly_rate" : 60,
              "revenue_attribution" : 0.1,
              "minutes_saved" : { "record_create" : 4, "search" : 0.5 },
              "scenarios" : { "low" : 0.5, "base" : 1.0, "high" : 2 }
            }
            """;

    @Test
    void readsBackTheFileItWritesIntoTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("roi_assumptions.json");
        Files.writeString(file, RoiAssumptions.defaults().toJson());

        RoiAssumptions parsed = RoiAssumptions.parse(Files.readString(file), file.toString());

        assertThat(parsed).isEqualTo(RoiAssumptions.defaults());
        assertThat(parsed.hourlyRate()).isEqualTo(55.0);
        assertThat(parsed.minutesSavedBy("report_run")).isEqualTo(5.0);
    }

    @Test
    void parsesIntegersAsNumbersAndKeepsEveryField() {
        RoiAssumptions parsed = RoiAssumptions.parse(VALID, FILE);

        assertThat(parsed).isEqualTo(new RoiAssumptions("EUR", 60.0, 0.1,
                Map.of("record_create", 4.0, "search", 0.5), Map.of("low", 0.5, "base", 1.0, "high", 2.0)));
        assertThat(parsed.factor("high")).isEqualTo(2.0);
    }

    @Test
    void anEventTypeWithoutAnAssumptionSavesNothing() {
        assertThat(RoiAssumptions.parse(VALID, FILE).minutesSavedBy("login")).isEqualTo(0.0);
    }

    @Test
    void aMissingFieldIsNamedWithTheFile() {
        String json = VALID.replace("\"hourly_rate\" : 60,", "");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field hourly_rate is missing in reference/roi_assumptions.json");
    }

    @Test
    void aTextWhereANumberBelongsIsNamedWithItsPath() {
        String json = VALID.replace("\"search\" : 0.5", "\"search\" : \"half\"");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minutes_saved.search in reference/roi_assumptions.json is \"half\": expected a number");
    }

    @Test
    void aNegativeHourlyRateIsRejected() {
        String json = VALID.replace("\"hourly_rate\" : 60", "\"hourly_rate\" : -60");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json:"
                        + " hourly_rate is -60.0: expected a finite number of at least 0");
    }

    @Test
    void aRevenueAttributionAboveOneIsRejected() {
        String json = VALID.replace("\"revenue_attribution\" : 0.1", "\"revenue_attribution\" : 5");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json: revenue_attribution is 5.0:"
                        + " expected a share between 0 and 1 (0.05 credits 5% of won amounts to the CRM)");
    }

    @Test
    void aMisspeltEventTypeIsRejectedRatherThanSavingNothing() {
        String json = VALID.replace("record_create", "record_creat");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid ROI assumptions in reference/roi_assumptions.json:"
                        + " minutes_saved has the unknown event type 'record_creat': expected one of login, logout,");
    }

    @Test
    void scenariosMustBeExactlyLowBaseAndHigh() {
        String json = VALID.replace("\"high\" : 2", "\"best\" : 2");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json:"
                        + " scenarios has [base, best, low]: expected exactly low, base, high");
    }

    @Test
    void theBaseScenarioFactorMustBeOne() {
        String json = VALID.replace("\"base\" : 1.0", "\"base\" : 0.9");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json: scenarios.base is 0.9:"
                        + " it must be 1.0 (roi_monthly is the base case); change minutes_saved, hourly_rate or"
                        + " revenue_attribution instead");
    }

    @Test
    void scenariosMustRiseFromLowToHigh() {
        String json = VALID.replace("\"low\" : 0.5", "\"low\" : 1.5");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json:"
                        + " scenarios are low 1.5, base 1.0, high 2.0: expected low <= base <= high");
    }

    @Test
    void aLowerCaseCurrencyIsRejected() {
        String json = VALID.replace("\"EUR\"", "\"eur\"");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid ROI assumptions in reference/roi_assumptions.json:"
                        + " currency is 'eur': expected an ISO 4217 code of three capital letters, e.g. USD");
    }

    @Test
    void anUnknownFieldIsNamed() {
        String json = VALID.replace("\"hourly_rate\"", "\"hourly_rat\"");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown field 'hourly_rat' in reference/roi_assumptions.json: expected currency,"
                        + " hourly_rate, revenue_attribution, minutes_saved, scenarios");
    }

    @Test
    void brokenJsonNamesTheFileAndTheLine() {
        String json = VALID.replace("\"hourly_rate\" : 60,", "\"hourly_rate\" : 60");

        assertThatThrownBy(() -> RoiAssumptions.parse(json, FILE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot parse the ROI assumptions in reference/roi_assumptions.json as JSON:")
                .hasMessageContaining("(line 4, column");
    }

    @Test
    void theRecordCannotBeChangedThroughItsMaps() {
        RoiAssumptions defaults = RoiAssumptions.defaults();

        assertThatThrownBy(() -> defaults.minutesSaved().put("login", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> defaults.scenarios().put("low", 0.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
