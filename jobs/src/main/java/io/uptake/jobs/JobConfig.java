package io.uptake.jobs;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.DataLayout;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One job run's settings. {@code asOf} empty means the latest event date; the clock is only read for
 * the run's own timestamps, never inside a KPI. {@code full} rebuilds the daily activity tables from
 * every event instead of only the days that changed since the last run.
 */
public record JobConfig(WarehouseLocation location, Optional<LocalDate> asOf, String master, Clock clock,
                        boolean full) {

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
    }
}
