package io.uptake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void readsTheShapesSalesforceAndSendersUse() {
        assertThat(Timestamps.parseOffsetDateTime("2025-10-01T11:00:03.509Z")).isEqualTo(Instant.ofEpochMilli(1_759_316_403_509L));
        assertThat(Timestamps.parseOffsetDateTime("2024-02-29T23:59:59Z")).isEqualTo(Instant.ofEpochSecond(1_709_251_199L));
        assertThat(Timestamps.parseOffsetDateTime("1969-12-31T23:59:59.999Z")).isEqualTo(Instant.ofEpochMilli(-1L));
        // Other shapes go to the general parser.
        assertThat(Timestamps.parseOffsetDateTime("2025-10-01T13:00:03.509+02:00")).isEqualTo(Instant.ofEpochMilli(1_759_316_403_509L));
        assertThat(Timestamps.parseOffsetDateTime("2025-10-01T11:00Z")).isEqualTo(Instant.ofEpochSecond(1_759_316_400L));
    }

    @Test
    void refusesWhatOffsetDateTimeRefusesWithItsOwnError() {
        for (String bad : new String[] {"2025-13-01T00:00:00.000Z", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00.000Z",
            "2025-10-01T24:00:00.000Z", "2025-10-01T10:60:00Z", "2025-10-01T10:00:60.000Z", "2025-10-01 10:00:00.000Z",
            "2025-1O-01T10:00:00.000Z", "2025-10-01T10:00:00.000"}) {
            assertThatThrownBy(() -> Timestamps.parseOffsetDateTime(bad)).as(bad)
                    .isInstanceOf(DateTimeParseException.class)
                    .hasMessage(messageOf(bad));
        }
    }

    @Property(tries = 2000)
    void givesWhatOffsetDateTimeGivesForAnyFieldValues(@ForAll @IntRange(min = 0, max = 9999) int year,
            @ForAll @IntRange(min = 0, max = 13) int month, @ForAll @IntRange(min = 0, max = 32) int day,
            @ForAll @IntRange(min = 0, max = 25) int hour, @ForAll @IntRange(min = 0, max = 61) int minute,
            @ForAll @IntRange(min = 0, max = 61) int second, @ForAll @IntRange(min = -1, max = 999) int millis) {
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", year, month, day, hour, minute, second,
                millis < 0 ? "" : String.format(".%03d", millis));
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> Timestamps.parseOffsetDateTime(text)).hasMessage(e.getMessage());
            return;
        }
        assertThat(Timestamps.parseOffsetDateTime(text)).isEqualTo(expected);
    }

    private static String messageOf(String text) {
        try {
            OffsetDateTime.parse(text);
            throw new AssertionError(text + " parses");
        } catch (DateTimeParseException e) {
            return e.getMessage();
        }
    }
}
