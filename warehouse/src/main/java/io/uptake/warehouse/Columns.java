package io.uptake.warehouse;

import java.util.List;

/**
 * Column names of the warehouse tables (DATA.md 2.1 and 2.2). Ingest writes them, the jobs and the
 * notebooks read them; nothing else spells them.
 */
public final class Columns {

    // events (DATA.md 2.1)
    public static final String EVENT_ID = "event_id";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String INGESTED_AT = "ingested_at";
    public static final String EVENT_DATE = "event_date";
    public static final String USER_KEY = "user_key";
    public static final String SESSION_KEY = "session_key";
    public static final String SOURCE = "source";
    public static final String SOURCE_EVENT_TYPE = "source_event_type";
    public static final String EVENT_TYPE = "event_type";
    public static final String MODULE = "module";
    public static final String OBJECT_TYPE = "object_type";
    public static final String RECORD_ID = "record_id";
    public static final String CLIENT = "client";
    public static final String STATUS = "status";
    public static final String ERROR_CODE = "error_code";
    public static final String DURATION_MS = "duration_ms";

    /** Columns stored in each events Parquet file; {@link #EVENT_DATE} comes from the partition path. */
    public static final List<String> EVENT_FILE_COLUMNS = List.of(
            EVENT_ID, OCCURRED_AT, INGESTED_AT, USER_KEY, SESSION_KEY, SOURCE, SOURCE_EVENT_TYPE,
            EVENT_TYPE, MODULE, OBJECT_TYPE, RECORD_ID, CLIENT, STATUS, ERROR_CODE, DURATION_MS);

    // users
    public static final String DISPLAY_NAME = "display_name";
    public static final String TEAM = "team";
    public static final String DEPARTMENT = "department";
    public static final String ROLE = "role";
    public static final String REGION = "region";
    public static final String MANAGER_KEY = "manager_key";
    public static final String LICENSE_TYPE = "license_type";
    public static final String LICENSE_MONTHLY_COST = "license_monthly_cost";
    public static final String ACTIVATED_AT = "activated_at";
    public static final String DEACTIVATED_AT = "deactivated_at";
    public static final String WAVE = "wave";
    /** Keyed hash of the user's e-mail, lower-cased: how sources that name people by e-mail find them. */
    public static final String EMAIL_KEY = "email_key";
    /** Keyed hashes of the user's ids in other systems ({@code external_ids}), separated by {@code ;}. */
    public static final String EXTERNAL_KEYS = "external_keys";

    // waves
    public static final String GO_LIVE_DATE = "go_live_date";
    public static final String DESCRIPTION = "description";

    // training
    public static final String COURSE_ID = "course_id";
    public static final String COMPLETED_AT = "completed_at";
    public static final String FORMAT = "format";
    public static final String SCORE = "score";
    public static final String HOURS = "hours";

    // records
    public static final String OWNER_KEY = "owner_key";
    public static final String CREATED_AT = "created_at";
    public static final String LAST_MODIFIED_AT = "last_modified_at";
    public static final String REQUIRED_FIELDS_TOTAL = "required_fields_total";
    public static final String REQUIRED_FIELDS_FILLED = "required_fields_filled";
    public static final String DEDUPE_KEY = "dedupe_key";
    public static final String IS_CLOSED = "is_closed";
    public static final String IS_WON = "is_won";
    public static final String AMOUNT = "amount";
    public static final String CLOSE_DATE = "close_date";
    public static final String SOURCE_SYSTEM = "source_system";

    // costs
    public static final String MONTH = "month";
    public static final String CATEGORY = "category";
    public static final String CURRENCY = "currency";

    // goals
    public static final String GOAL_ID = "goal_id";
    public static final String KPI = "kpi";
    public static final String SCOPE = "scope";
    public static final String BASELINE = "baseline";
    public static final String TARGET = "target";
    public static final String START_DATE = "start_date";
    public static final String DUE_DATE = "due_date";

    // quarantine
    public static final String INPUT = "input";
    public static final String LINE = "line";
    public static final String REASON = "reason";
    public static final String CONTENT_HASH = "content_hash";
    public static final String QUARANTINED_AT = "quarantined_at";

    private Columns() {}
}
