package io.uptake.sampledata;

import java.util.Locale;

/** The sizes of BENCHMARKS.md: users, days of history, and how busy an active user-day is. */
public enum Size {
    SMALL(200, 90, 1.5),
    MEDIUM(2_000, 365, 3.5),
    LARGE(20_000, 365, 3.5);

    final int users;
    final int days;
    /** Multiplies the events of an active user-day, so medium reaches ~10M events. */
    final double density;

    Size(int users, int days, double density) {
        this.users = users;
        this.days = days;
        this.density = density;
    }

    public static Size parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size must be small, medium or large, got '" + value + "'");
        }
    }

    public int users() {
        return users;
    }

    public int days() {
        return days;
    }
}
