package io.uptake.ingest.source.salesforce.exports;

import static io.uptake.ingest.source.salesforce.exports.ExportTimes.DateOrder.DAY_FIRST;
import static io.uptake.ingest.source.salesforce.exports.ExportTimes.DateOrder.MONTH_FIRST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportTimesTest {

    @Test
    void objectExportsWriteIsoInGmtWithZOrACompactOffset() {
        assertThat(ExportTimes.parse("2025-10-01T08:00:03.000Z", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
        assertThat(ExportTimes.parse("2025-10-01T08:00:03.000+0000", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
        assertThat(ExportTimes.parse("2025-10-01T10:00:03.250+02:00", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03.250Z"));
        assertThatThrownBy(() -> ExportTimes.parse("2025-10-01T08:00:03.000", MONTH_FIRST, null))
                .isInstanceOf(DateTimeException.class).hasMessage("not ISO-8601 with an offset or Z");
    }

    @Test
    void downloadsWriteTheUsLocaleWithOrWithoutSecondsAndZone() {
        assertThat(ExportTimes.parse("10/1/2025 8:00:03 AM", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
        assertThat(ExportTimes.parse("10/01/2025 08:00 PM", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T20:00:00Z"));
        assertThat(ExportTimes.parse("10/1/2025, 9:15:00 AM PDT", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T16:15:00Z"));
        assertThat(ExportTimes.parse("1/15/2025, 9:15:00 AM PST", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-01-15T17:15:00Z"));
        // 12 AM is midnight, 12 PM noon.
        assertThat(ExportTimes.parse("10/1/2025 12:05:00 AM", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T00:05:00Z"));
        assertThat(ExportTimes.parse("10/1/2025 12:05:00 PM", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T12:05:00Z"));
    }

    @Test
    void aZoneComesFromTheValueElseFromTheColumnsNoteElseIsGmt() {
        assertThat(ExportTimes.parse("10/1/2025 8:00:03 AM", MONTH_FIRST, "GMT-07:00")).isEqualTo(Instant.parse("2025-10-01T15:00:03Z"));
        assertThat(ExportTimes.parse("10/1/2025 8:00:03 AM UTC", MONTH_FIRST, "PDT")).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
        assertThat(ExportTimes.parse("10/1/2025 8:00:03 AM GMT+05:30", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T02:30:03Z"));
        assertThat(ExportTimes.parse("10/1/2025 8:00:03 AM +0100", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T07:00:03Z"));
        assertThatThrownBy(() -> ExportTimes.parse("10/1/2025 8:00:03 AM IST", MONTH_FIRST, null))
                .isInstanceOf(DateTimeException.class).hasMessage("unknown time zone 'IST'");
    }

    @Test
    void otherLocalesDatesAreReadInTheFilesOrder() {
        assertThat(ExportTimes.parse("01/10/2025 08:00:03", DAY_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
        assertThat(ExportTimes.parse("01.10.2025, 08:00:03 CEST", DAY_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T06:00:03Z"));
        assertThat(ExportTimes.parse("2025/10/01 8:00:03", MONTH_FIRST, null)).isEqualTo(Instant.parse("2025-10-01T08:00:03Z"));
    }

    @Test
    void anUnknownZoneThatCouldNameAPersonIsNotQuoted() {
        // A damaged download's columns run together: what stands where the zone would is part of a username.
        assertThatThrownBy(() -> ExportTimes.parse("10/1/2025 8:00 AM ada@example.com", MONTH_FIRST, null))
                .isInstanceOf(DateTimeException.class).hasMessage("unknown time zone (a value not shown here)");
    }

    @Test
    void impossibleTimesAreErrorsNotGuesses() {
        assertThatThrownBy(() -> ExportTimes.parse("13/1/2025 8:00 AM", MONTH_FIRST, null)).isInstanceOf(DateTimeException.class)
                .hasMessage("Invalid value for MonthOfYear (valid values 1 - 12): 13");
        assertThatThrownBy(() -> ExportTimes.parse("10/1/2025 13:00 PM", MONTH_FIRST, null)).isInstanceOf(DateTimeException.class)
                .hasMessage("hour 13 with AM/PM");
        assertThatThrownBy(() -> ExportTimes.parse("10/1/25 8:00 AM", MONTH_FIRST, null)).isInstanceOf(DateTimeException.class)
                .hasMessage("no four-digit year");
        assertThatThrownBy(() -> ExportTimes.parse("yesterday", MONTH_FIRST, null)).isInstanceOf(DateTimeException.class)
                .hasMessage("no date and time");
    }

    @Test
    void theDateOrderIsDayFirstOnlyWhenTheFilesOwnDatesSaySo() {
        assertThat(ExportTimes.dateOrder(List.of("01/10/2025 08:00:03", "13/10/2025 08:00:03"))).isEqualTo(DAY_FIRST);
        assertThat(ExportTimes.dateOrder(List.of("10/1/2025 8:00:03 AM", "10/13/2025 8:00:03 AM"))).isEqualTo(MONTH_FIRST);
        // Nothing tells them apart: Salesforce's default, the US order.
        assertThat(ExportTimes.dateOrder(List.of("01/10/2025 08:00:03"))).isEqualTo(MONTH_FIRST);
        // Both orders in one file: the US order, and the other dates fail to parse and are quarantined.
        assertThat(ExportTimes.dateOrder(List.of("13/10/2025 08:00", "10/13/2025 08:00"))).isEqualTo(MONTH_FIRST);
    }
}
