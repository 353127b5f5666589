package io.uptake.warehouse;

import java.util.List;

/** Names of the warehouse's directories (DATA.md section 2). */
public final class Tables {

    public static final String EVENTS = "events";
    public static final String USERS = "users";
    public static final String WAVES = "waves";
    public static final String TRAINING = "training";
    public static final String RECORDS = "records";
    public static final String COSTS = "costs";
    public static final String GOALS = "goals";
    public static final String QUARANTINE = "quarantine";
    /** Configuration loaded with the data, such as the ROI assumptions; replaced whole on load. */
    public static final String CONFIG = "config";
    public static final String COMMITS = "_commits";
    public static final String MARTS = "marts";
    public static final String SERVING = "serving";

    /** Reference tables: loaded from CSV, replaced whole on every load. */
    public static final List<String> REFERENCE = List.of(USERS, WAVES, TRAINING, RECORDS, COSTS, GOALS);

    /** Partition column of {@link #EVENTS}; its directories are named {@code event_date=YYYY-MM-DD}. */
    public static final String EVENTS_PARTITION = Columns.EVENT_DATE;

    private Tables() {}
}
