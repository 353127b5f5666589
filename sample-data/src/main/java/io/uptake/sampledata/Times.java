package io.uptake.sampledata;

import java.time.LocalDate;

/**
 * The two forms EventLogFile writes an instant in, formatted by hand: every row carries both, and
 * DateTimeFormatter's fraction printing was a large share of the generator's time.
 */
final class Times {

    private static final long DAY_MILLIS = 86_400_000L;

    private Times() {}

    /** {@code TIMESTAMP}: {@code yyyyMMddHHmmss.SSS} in UTC, e.g. {@code 20251001110003.509}. */
    static String elf(long millis) {
        StringBuilder out = new StringBuilder(18);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
        digits(out, date.getYear(), 4);
        digits(out, date.getMonthValue(), 2);
        digits(out, date.getDayOfMonth(), 2);
        long ofDay = Math.floorMod(millis, DAY_MILLIS);
        digits(out, (int) (ofDay / 3_600_000), 2);
        digits(out, (int) (ofDay / 60_000 % 60), 2);
        digits(out, (int) (ofDay / 1000 % 60), 2);
        out.append('.');
        digits(out, (int) (ofDay % 1000), 3);
        return out.toString();
    }

    /** {@code TIMESTAMP_DERIVED}: ISO-8601 in UTC with milliseconds, e.g. {@code 2025-10-01T11:00:03.509Z}. */
    static String iso(long millis) {
        StringBuilder out = new StringBuilder(24);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS));
        digits(out, date.getYear(), 4);
        out.append('-');
        digits(out, date.getMonthValue(), 2);
        out.append('-');
        digits(out, date.getDayOfMonth(), 2);
        out.append('T');
        long ofDay = Math.floorMod(millis, DAY_MILLIS);
        digits(out, (int) (ofDay / 3_600_000), 2);
        out.append(':');
        digits(out, (int) (ofDay / 60_000 % 60), 2);
        out.append(':');
        digits(out, (int) (ofDay / 1000 % 60), 2);
        out.append('.');
        digits(out, (int) (ofDay % 1000), 3);
        return out.append('Z').toString();
    }

    private static void digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }
}
