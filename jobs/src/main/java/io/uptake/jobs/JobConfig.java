package io.uptake.jobs;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.DataLayout;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One job run's settings. {@code asOf} empty means the latest event date on or before the clock's day
 * (UTC); the clock is only read for the run's own timestamps and that day, never inside a KPI.
 * {@code full} rebuilds the daily activity tables from every event instead of only the days that
 * changed since the last run; {@code limits} bound the run's size.
 */
public record JobConfig(WarehouseLocation location, Optional<LocalDate> asOf, String master, Clock clock,
                        boolean full, RunLimits limits) {

    /** A run within the default limits. */
    public JobConfig(WarehouseLocation location, Optional<LocalDate> asOf, String master, Clock clock, boolean full) {
        this(location, asOf, master, clock, full, RunLimits.DEFAULTS);
    }

    /** A run on a local data directory. */
    public JobConfig(DataLayout layout, Optional<LocalDate> asOf, String master, Clock clock, boolean full) {
        this(WarehouseLocation.of(layout), asOf, master, clock, full);
    }

    /** An incremental run on a local data directory. */
    public JobConfig(DataLayout layout, Optional<LocalDate> asOf, String master, Clock clock) {
        this(layout, asOf, master, clock, false);
    }

    public JobConfig {
        requireNonNull(location, "location is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(master, "master is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(limits, "limits is null");
    }
}
