package io.uptake.warehouse;

import java.util.List;

/** The closed value sets of the warehouse (DATA.md 2.1, KPIS.md conventions). */
public final class Vocabulary {

    public static final List<String> EVENT_TYPES = List.of(
            "login", "logout", "page_view", "record_view", "record_create", "record_update",
            "record_delete", "search", "report_run", "report_export", "dashboard_view", "api_call",
            "ui_interaction", "error", "help_view", "knowledge_view", "other");

    public static final List<String> MODULES = List.of(
            "sales", "service", "marketing", "analytics", "admin", "other");

    /**
     * Who acted (DATA.md 1.1, "Who acted"): a person in a browser or a mobile app, a program calling the
     * API, or the CRM working on its own.
     */
    public static final List<String> CLIENTS = List.of("web", "mobile", "api", "automation");
    /** Clients of a person at work (KPIS.md "active event"); {@code api} and {@code automation} are not. */
    public static final List<String> HUMAN_CLIENTS = List.of("web", "mobile");
    /** Event types that create or change a record: the first one is a user's first value. */
    public static final List<String> VALUE_EVENT_TYPES = List.of("record_create", "record_update");

    public static final String STATUS_SUCCESS = "success";
    public static final String STATUS_FAILURE = "failure";

    public static final String LICENSE_INTEGRATION = "integration";
    public static final List<String> LICENSE_TYPES = List.of("full", "platform", "read_only", LICENSE_INTEGRATION);

    /** The team value of the organisation-wide row in every per-team mart. */
    public static final String ALL_TEAMS = "__all__";
    /** Team of owners missing from {@code users}. */
    public static final String UNKNOWN_TEAM = "unknown";

    private Vocabulary() {}
}
