package io.uptake.jobs.mart;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One mart of docs/kpis.md, described once: the job plans, orders, withholds and writes it from this
 * alone, and a mart that reads it gets its rows, or rows of its schema and none when it could not be
 * computed.
 *
 * @param name     the mart's directory under {@code marts/} and its key in the snapshot
 * @param schema   its columns, in order; what it holds when it has no rows
 * @param keys     the columns that name one row: no two rows share them
 * @param order    the columns its file is sorted by (empty: as computed)
 * @param requires the optional inputs it cannot be computed without ({@link RunInputs} names them);
 *                 events, users and waves are always there
 * @param reads       the marts it is computed from, which are staged before it
 * @param incremental how a time series is brought up to date, or empty: every row is recomputed
 * @param compute     the function of the run's inputs that gives its rows
 */
public record Mart(String name, StructType schema, List<String> keys, List<String> order, List<String> requires,
                   List<String> reads, Optional<Incremental> incremental, Compute compute) {

    /**
     * A time series whose row for a day (or week) counts only that day and the days before it: when only
     * events changed since the last run, its rows from the first changed day on are recomputed and the
     * earlier rows are kept as that run wrote them, which gives the same mart as recomputing it all.
     *
     * @param column           the row's date column
     * @param weekly           rows are weeks starting on Mondays, so the changed day's week is recomputed
     * @param startsAtFirstDate the series starts at the first event date (its rows before it are dropped)
     */
    public record Incremental(String column, boolean weekly, boolean startsAtFirstDate) {
        /** The row a day is counted in: the day, or the Monday of its week. */
        public LocalDate rowOf(LocalDate day) {
            return weekly ? day.minusDays(day.getDayOfWeek().getValue() - 1L) : day;
        }
    }

    /** A mart's rows from the run's inputs; the result has the mart's columns, in its order. */
    @FunctionalInterface
    public interface Compute {
        Dataset<Row> rows(RunInputs in);
    }

    public Mart {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        keys = List.copyOf(keys);
        order = List.copyOf(order);
        requires = List.copyOf(requires);
        reads = List.copyOf(reads);
        requireNonNull(incremental, "incremental is null");
        requireNonNull(compute, "compute is null");
    }

    /**
     * The rows a {@link #compute} gave, with exactly this mart's columns in its order. A column missing,
     * extra or of another type (nullability aside) is a defect of the mart's function, not of the data:
     * it fails the run.
     */
    public Dataset<Row> conform(Dataset<Row> rows) {
        StructType actual = rows.schema();
        List<String> extra = Arrays.stream(actual.fieldNames())
                .filter(c -> Arrays.stream(schema.fieldNames()).noneMatch(c::equals)).toList();
        if (!extra.isEmpty()) {
            throw new IllegalStateException(name + " has columns its descriptor does not list: " + extra);
        }
        for (StructField field : schema.fields()) {
            Optional<StructField> found = Arrays.stream(actual.fields()).filter(f -> f.name().equals(field.name())).findFirst();
            if (found.isEmpty() || !DataType.equalsStructurally(found.get().dataType(), field.dataType(), true)) {
                throw new IllegalStateException(name + "." + field.name() + " is "
                        + found.map(f -> f.dataType().simpleString()).orElse("missing") + " but its descriptor says "
                        + field.dataType().simpleString());
            }
        }
        return rows.select(Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    /** Starts the description of a mart whose columns are given as Spark DDL ({@code "date DATE, team STRING"}). */
    static Builder named(String name, String ddl) {
        return new Builder(name, StructType.fromDDL(ddl));
    }

    /** Spells a descriptor out field by field; {@link #computedBy} ends it. */
    static final class Builder {
        private final String name;
        private final StructType schema;
        private List<String> keys = List.of();
        private List<String> order;
        private List<String> requires = List.of();
        private List<String> reads = List.of();
        private Incremental incremental;

        private Builder(String name, StructType schema) {
            this.name = name;
            this.schema = schema;
        }

        /** The key columns; the file is sorted by them too unless {@link #sortedBy} says otherwise. */
        Builder keyedBy(String... columns) {
            this.keys = List.of(columns);
            return this;
        }

        Builder sortedBy(String... columns) {
            this.order = List.of(columns);
            return this;
        }

        Builder requires(String... inputs) {
            this.requires = List.of(inputs);
            return this;
        }

        Builder reads(String... marts) {
            this.reads = List.of(marts);
            return this;
        }

        /** A daily time series, by its date column: see {@link Incremental}. */
        Builder daily(String column, boolean startsAtFirstDate) {
            this.incremental = new Incremental(column, false, startsAtFirstDate);
            return this;
        }

        /** A weekly time series starting at the first event date's week, by its Monday column. */
        Builder weekly(String column) {
            this.incremental = new Incremental(column, true, true);
            return this;
        }

        Mart computedBy(Compute compute) {
            return new Mart(name, schema, keys, order == null ? keys : order, requires, reads,
                    Optional.ofNullable(incremental), compute);
        }
    }
}
