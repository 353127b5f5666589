package io.uptake.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Year;

/**
 * ISO-8601 timestamps with an offset, as {@link OffsetDateTime#parse} reads them, with a fast path for
 * the shape nearly every input uses ({@code 2025-10-01T11:00:03.509Z}, {@code 2025-10-01T11:00:03Z}).
 * Anything else, including every invalid value, goes to {@link OffsetDateTime#parse}, so the result
 * and the error are always exactly its own.
 */
public final class Timestamps {

    /** Anything earlier is a clock error, not an event (DATA.md 1.1, plausible values). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private Timestamps() {}

    /** The instant of an ISO-8601 date-time with an offset or Z; throws as {@link OffsetDateTime#parse} does. */
    public static Instant parseOffsetDateTime(String text) {
        Instant fast = utcFastPath(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} with valid fields, or null for the general parser to decide. */
    private static Instant utcFastPath(String s) {
        int length = s.length();
        if ((length != 24 && length != 20) || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = 0;
        if (length == 24) {
            if (s.charAt(19) != '.') {
                return null;
            }
            millis = digits(s, 20, 3);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
