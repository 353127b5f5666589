package io.uptake.warehouse;

/**
 * Field names of the serving snapshot, {@code serving/snapshot.json}: one JSON object
 *
 * <pre>
 * { "run_id": "...", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z",
 *   "teams": ["Sales East", ...],
 *   "marts": { "adoption_daily": [ {column: value, ...}, ... ], "module_adoption": [...], ... },
 *   "unavailable": { "roi_monthly": "costs.csv has not been loaded", ... },
 *   "directory": [ {"team": "Sales East", "department": "Sales", "waves": ["wave-1"]}, ... ],
 *   "roi_assumptions": { "source": "config/roi_assumptions-...json", "currency": "USD", "hourly_rate": 55.0, ... } }
 * </pre>
 *
 * {@code unavailable} names each mart the run could not compute and why (absent from {@code marts});
 * {@code roi_assumptions} is the assumptions file the ROI marts rest on, with where it came from
 * ({@code source}: the warehouse file, or {@code defaults}); absent when there are no ROI marts.
 *
 * Rows of each mart use the mart's column names ({@link Marts}); dates are ISO strings, nulls are
 * JSON null. The jobs write it, the dashboard reads it, and neither spells these names by hand.
 */
public final class Snapshot {

    public static final String RUN_ID = Marts.RUN_ID;
    public static final String AS_OF = Marts.AS_OF;
    public static final String CREATED_AT = "created_at";
    public static final String TEAMS = "teams";
    public static final String MARTS = "marts";
    public static final String UNAVAILABLE = "unavailable";
    /** Teams with their department and waves, for the dashboard's filters: {@code [{team, department, waves}]}. */
    public static final String DIRECTORY = "directory";

    public static final String ROI_ASSUMPTIONS = "roi_assumptions";
    public static final String ROI_ASSUMPTIONS_SOURCE = "source";
    /** {@link #ROI_ASSUMPTIONS_SOURCE} when no assumptions file was loaded and the documented defaults apply. */
    public static final String DEFAULT_ASSUMPTIONS = "defaults";

    private Snapshot() {}
}
