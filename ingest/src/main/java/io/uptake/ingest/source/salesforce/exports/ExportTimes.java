package io.uptake.ingest.source.salesforce.exports;

import io.uptake.ingest.Timestamps;
import io.uptake.ingest.source.InvalidRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times of Salesforce's object exports and Setup downloads. An object export (Data Loader,
 * {@code sf data query}) writes ISO-8601 in GMT: {@code 2025-10-01T08:00:03.000Z} or
 * {@code 2025-10-01T08:00:03.000+0000}. A Setup page download writes the time as the downloading user's
 * locale shows it, such as {@code 10/1/2025, 8:00:03 AM PDT}: the zone is read from the value, else from
 * the column's note ({@code Login Time (GMT)}), else it is GMT, the zone Salesforce keeps times in.
 */
public final class ExportTimes {

    /** What a reason says was expected. */
    static final String EXPECTED = "expected ISO-8601 such as 2025-10-01T08:00:03.000Z"
            + " or a Setup download time such as 10/1/2025, 8:00:03 AM PDT";

    /** Which of a download's first two numbers is the month: the US order, or the day first (en_GB, de, fr...). */
    public enum DateOrder { MONTH_FIRST, DAY_FIRST }

    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern LOCALE_TIME = Pattern.compile(
            "(\\d{1,4})([/.-])(\\d{1,2})\\2(\\d{1,4})\\.?,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?"
                    + "(?:\\s*([AaPp])\\.?\\s?[Mm]\\.?)?(?:\\s+(\\S.*))?");
    private static final Pattern OFFSET = Pattern.compile("(?:GMT|UTC)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?");

    /**
     * Zone abbreviations Salesforce's English locales print, with their fixed offsets (a "D" zone is
     * daylight time whatever the date). CST is US Central; IST, which names three zones, is not here.
     */
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(
            Map.entry("GMT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC), Map.entry("WET", ZoneOffset.UTC),
            Map.entry("BST", ZoneOffset.ofHours(1)), Map.entry("WEST", ZoneOffset.ofHours(1)),
            Map.entry("CET", ZoneOffset.ofHours(1)), Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)), Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("MSK", ZoneOffset.ofHours(3)),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("AKST", ZoneOffset.ofHours(-9)), Map.entry("AKDT", ZoneOffset.ofHours(-8)),
            Map.entry("HST", ZoneOffset.ofHours(-10)),
            Map.entry("JST", ZoneOffset.ofHours(9)), Map.entry("KST", ZoneOffset.ofHours(9)),
            Map.entry("SGT", ZoneOffset.ofHours(8)), Map.entry("HKT", ZoneOffset.ofHours(8)),
            Map.entry("AWST", ZoneOffset.ofHours(8)), Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
            Map.entry("ACDT", ZoneOffset.ofHoursMinutes(10, 30)), Map.entry("AEST", ZoneOffset.ofHours(10)),
            Map.entry("AEDT", ZoneOffset.ofHours(11)), Map.entry("NZST", ZoneOffset.ofHours(12)),
            Map.entry("NZDT", ZoneOffset.ofHours(13)));

    /**
     * A file's time column: its name as reasons give it ({@code LoginTime}, {@code Login Time}), the zone its
     * note names (null for none), and the order of its dates.
     */
    public record Column(String name, String zone, DateOrder order) {

        /** The instant of a row's time, or why the row has none, under the key of the person the row names. */
        public Instant instant(String value, String userKey) throws InvalidRecord {
            if (value.isEmpty()) {
                throw new InvalidRecord("Missing " + name, userKey);
            }
            Instant at;
            try {
                at = parse(value, order, zone);
            } catch (DateTimeException e) {
                throw new InvalidRecord("Cannot parse " + name + " " + Usernames.quotable(value) + " (" + e.getMessage() + "): "
                        + EXPECTED, userKey);
            }
            if (at.isBefore(Timestamps.EARLIEST)) {
                throw new InvalidRecord(name + " " + at + " is before 2000-01-01", userKey);
            }
            return at;
        }
    }

    private ExportTimes() {}

    /**
     * The instant of a time as an export or download writes it.
     *
     * @param columnZone the zone the column's note names, or null
     * @throws DateTimeException when the text is no such time, or names a zone not known here
     */
    public static Instant parse(String text, DateOrder order, String columnZone) {
        String value = text.strip();
        if (ISO.matcher(value).matches()) {
            try {
                return Timestamps.parseOffsetDateTime(COMPACT_OFFSET.matcher(value).replaceFirst("$1:$2"));
            } catch (DateTimeParseException e) {
                throw new DateTimeException("not ISO-8601 with an offset or Z");
            }
        }
        Matcher m = LOCALE_TIME.matcher(value);
        if (!m.matches()) {
            throw new DateTimeException("no date and time");
        }
        int year;
        int month;
        int day;
        if (m.group(1).length() == 4) {
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(3));
            day = Integer.parseInt(m.group(4));
        } else if (m.group(4).length() == 4) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(3));
            year = Integer.parseInt(m.group(4));
            month = order == DateOrder.MONTH_FIRST ? first : second;
            day = order == DateOrder.MONTH_FIRST ? second : first;
        } else {
            throw new DateTimeException("no four-digit year");
        }
        int hour = Integer.parseInt(m.group(5));
        if (m.group(9) != null) {
            if (hour < 1 || hour > 12) {
                throw new DateTimeException("hour " + hour + " with AM/PM");
            }
            boolean pm = m.group(9).equalsIgnoreCase("p");
            hour = hour % 12 + (pm ? 12 : 0);
        }
        int second = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
        int nanos = m.group(8) == null ? 0 : Integer.parseInt((m.group(8) + "00").substring(0, 3)) * 1_000_000;
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, Integer.parseInt(m.group(6)), second, nanos);
        String zone = m.group(10) != null ? m.group(10) : columnZone;
        return local.toInstant(zone == null ? ZoneOffset.UTC : offset(zone));
    }

    /** A zone abbreviation or an offset ({@code GMT+02:00}, {@code UTC-7}, {@code +0530}). */
    static ZoneOffset offset(String zone) {
        String name = zone.strip().toUpperCase(Locale.ROOT);
        ZoneOffset known = ZONES.get(name);
        if (known != null) {
            return known;
        }
        Matcher m = OFFSET.matcher(name);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            int sign = m.group(1).equals("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        // A damaged row's zone can be a piece of a username: it is withheld as the time itself is.
        throw new DateTimeException("unknown time zone " + Usernames.quotable(zone.strip()));
    }

    /**
     * The date order of a download, from its own times: day first when some time's first number is over
     * 12 and none's second is; otherwise the US order, Salesforce's default English locale.
     */
    public static DateOrder dateOrder(List<String> times) {
        boolean dayFirst = false;
        boolean monthFirst = false;
        for (String time : times) {
            Matcher m = LOCALE_TIME.matcher(time.strip());
            if (m.matches() && m.group(1).length() < 4) {
                dayFirst |= Integer.parseInt(m.group(1)) > 12;
                monthFirst |= Integer.parseInt(m.group(3)) > 12;
            }
        }
        return dayFirst && !monthFirst ? DateOrder.DAY_FIRST : DateOrder.MONTH_FIRST;
    }
}
