package io.uptake.jobs.mart;

import static java.util.Objects.requireNonNull;

import io.uptake.jobs.publish.SnapshotPublisher.RoiBasis;
import io.uptake.warehouse.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a mart is computed from in one run: the as-of date, the people, the shared activity
 * tables, the optional inputs that were loaded, and the marts staged before it. Built once by the job;
 * a {@link Mart}'s function reads what it needs and nothing else.
 *
 * <p>Optional inputs are named ({@link #TRAINING}, {@link #RECORDS}, {@link #COSTS}, {@link #GOALS},
 * {@link #ROI_BASIS}); one that is missing has a reason, which is what a mart requiring it reports.
 */
public final class RunInputs {

    /** The optional warehouse tables, by the name a {@link Mart} requires them with. */
    public static final String TRAINING = Tables.TRAINING;
    public static final String RECORDS = Tables.RECORDS;
    public static final String COSTS = Tables.COSTS;
    public static final String GOALS = Tables.GOALS;
    /** The ROI assumptions, usable only with costs and records loaded and costs in their currency. */
    public static final String ROI_BASIS = "roi_basis";
    /** Every optional input, in the order their problems are reported. */
    public static final List<String> OPTIONAL = List.of(TRAINING, RECORDS, COSTS, GOALS, ROI_BASIS);

    /**
     * The shared activity of a run: the user-day table and what every adoption KPI derives from it;
     * {@code people} are the humans with their {@link io.uptake.jobs.activity.ActivityBits active days},
     * day 0 being {@link #firstDate()}.
     */
    public record Activity(Dataset<Row> userDays, Dataset<Row> sourceDays, Dataset<Row> recentEvents,
                           Dataset<Row> activeModules, Dataset<Row> activeDays, Dataset<Row> people) {}

    private final SparkSession spark;
    private final LocalDate firstDate;
    private final LocalDate asOf;
    private final Instant started;
    private final Dataset<Row> users;
    private final Dataset<Row> humans;
    private final Dataset<Row> waves;
    private final Activity activity;
    private final Map<String, Dataset<Row>> tables;
    private final Optional<RoiBasis> roiBasis;
    private final Map<String, String> missing;
    private final Map<String, String> unavailableMarts;
    private final Function<String, Dataset<Row>> staged;
    private final Optional<LocalDate> recomputeFrom;

    /**
     * @param tables           the optional tables that were loaded, by input name
     * @param missing          each optional input that cannot be used, with why
     * @param unavailableMarts each mart this run does not compute, with why
     * @param staged           a staged mart of this run, by name
     * @param recomputeFrom    the first day a time series must recompute, when only events changed
     *                         since the last run; empty when every row must be
     */
    public RunInputs(SparkSession spark, LocalDate firstDate, LocalDate asOf, Instant started, Dataset<Row> users,
                     Dataset<Row> humans, Dataset<Row> waves, Activity activity, Map<String, Dataset<Row>> tables,
                     Optional<RoiBasis> roiBasis, Map<String, String> missing, Map<String, String> unavailableMarts,
                     Function<String, Dataset<Row>> staged, Optional<LocalDate> recomputeFrom) {
        this.spark = requireNonNull(spark, "spark is null");
        this.firstDate = requireNonNull(firstDate, "firstDate is null");
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.started = requireNonNull(started, "started is null");
        this.users = users;
        this.humans = humans;
        this.waves = waves;
        this.activity = activity;
        this.tables = Map.copyOf(tables);
        this.roiBasis = roiBasis;
        this.missing = Map.copyOf(missing);
        this.unavailableMarts = Map.copyOf(unavailableMarts);
        this.staged = staged;
        this.recomputeFrom = recomputeFrom;
    }

    public SparkSession spark() {
        return spark;
    }

    /** The first event date of the warehouse: where the time series start, and day 0 of the day sets. */
    public LocalDate firstDate() {
        return firstDate;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** When the run started, by the job's clock. */
    public Instant started() {
        return started;
    }

    /**
     * The first day whose rows an {@link Mart#incremental incremental} mart computes: from it on, its
     * rows may differ from the last run's; before it, they are that run's. The first event date when
     * the run recomputes everything.
     */
    public LocalDate recomputeFrom() {
        return recomputeFrom.filter(d -> d.isAfter(firstDate)).orElse(firstDate);
    }

    /** Whether this run keeps the rows of incremental marts before {@link #recomputeFrom()}. */
    public boolean incremental() {
        return recomputeFrom.isPresent();
    }

    /** Every row of users, integration users included. */
    public Dataset<Row> users() {
        return users;
    }

    /** The people: users without integration users. */
    public Dataset<Row> humans() {
        return humans;
    }

    public Dataset<Row> waves() {
        return waves;
    }

    public Activity activity() {
        return activity;
    }

    /** An optional table the mart {@link Mart#requires requires}. */
    public Dataset<Row> table(String input) {
        Dataset<Row> table = tables.get(input);
        if (table == null) {
            throw new IllegalStateException(input + " is read by a mart that does not require it, or is missing: "
                    + missing.get(input));
        }
        return table;
    }

    /** An optional table, when it was loaded. */
    public Optional<Dataset<Row>> optionalTable(String input) {
        return Optional.ofNullable(tables.get(input));
    }

    /** The ROI assumptions, for a mart requiring {@link #ROI_BASIS}. */
    public RoiBasis roiBasis() {
        return roiBasis.orElseThrow(() -> new IllegalStateException("the ROI basis is missing: " + missing.get(ROI_BASIS)));
    }

    /** Why an optional input cannot be used, or empty when it can. */
    public Optional<String> missing(String input) {
        return Optional.ofNullable(missing.get(input));
    }

    /** Why a mart is not computed in this run, or empty when it is. */
    public Optional<String> unavailable(String mart) {
        return Optional.ofNullable(unavailableMarts.get(mart));
    }

    /**
     * A mart this one {@link Mart#reads reads}, as staged in this run; with no rows, in its schema, when
     * this run does not compute it.
     */
    public Dataset<Row> mart(String name) {
        if (unavailableMarts.containsKey(name)) {
            return spark.createDataFrame(List.of(), KpiMarts.named(name).schema());
        }
        return staged.apply(name);
    }
}
