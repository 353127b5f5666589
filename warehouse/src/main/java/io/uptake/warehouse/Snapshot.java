package io.uptake.warehouse;

/**
 * Field names of the serving snapshot, {@code serving/snapshot.json}: one JSON object
 *
 * <pre>
 * { "run_id": "...", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z",
 *   "teams": ["Sales East", ...],
 *   "marts": { "adoption_daily": [ {column: value, ...}, ... ], "module_adoption": [...], ... } }
 * </pre>
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

    private Snapshot() {}
}
