package io.uptake.sampledata;

import java.time.LocalDate;

/**
 * The patterns planted in the sample organisation, named so tests in every module can point at them.
 * The generated README.md describes each one.
 */
public final class SamplePatterns {

    /** Last day of generated activity for every size: the default as-of date of the jobs. */
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);

    /** Adopts well: nearly everyone active on most working days, everyone trained. */
    public static final String STRONG_TEAM = "Sales East";
    /** Starts well, then most users stop more than 28 days before the last day: dormant at as-of. */
    public static final String DECAYING_TEAM = "Sales West";
    /** Over 40% untrained in the service module, and a high error rate there. */
    public static final String STRUGGLING_TEAM = "Service Desk";
    /** Owns many open records untouched for more than 90 days, fed by the duplicate-prone source. */
    public static final String STALE_TEAM = "Field Service";
    /** The source system whose imports create duplicate records (shared dedupe_key). */
    public static final String DUPLICATE_SOURCE = "legacy-import";
    /** The wave whose users adopt slowly after go-live and miss the 50% mark at day 30. */
    public static final String LAGGING_WAVE = "wave-3";
    /** Team of the integration users; they are never counted as people. */
    public static final String INTEGRATION_TEAM = "Integration";
    /** Display name of the integration user with the heaviest API traffic. */
    public static final String HEAVY_API_USER = "Integration MuleSoft";
    /** The JSON-lines source: service console and mobile telemetry. */
    public static final String JSONL_SOURCE = "service-console";
    /**
     * Display name of Salesforce's Automated Process user, which is in no users.csv: scheduled flows and
     * platform jobs run as it, and the Setup Audit Trail names it for changes Salesforce made itself.
     */
    public static final String AUTOMATED_PROCESS = "Automated Process";
    /** Whose managers' dashboards refresh on a schedule every day, and who get a scheduled report every Monday. */
    public static final String SCHEDULED_REPORTS_TEAM = DECAYING_TEAM;
    /** The team whose manager is the Salesforce admin: setup changes, nightly scheduled Apex, DevOps tools. */
    public static final String ADMIN_TEAM = "Operations";
    /** The team that also works in HubSpot, known there by numeric user id (users.csv external_ids). */
    public static final String HUBSPOT_TEAM = "Marketing";
    /** The team that also works in Dynamics 365, known there by UPN (their e-mail). */
    public static final String DYNAMICS_TEAM = "Customer Success";
    /** An agency's consultant in the HubSpot export who is in no users.csv. */
    public static final String HUBSPOT_OUTSIDER_EMAIL = "c.ortega@agency-partner.example";
    /** HubSpot's user id of {@link #HUBSPOT_OUTSIDER_EMAIL}. */
    public static final String HUBSPOT_OUTSIDER_ID = "91000017";
    /** A temporary support agent in the Dynamics 365 export who is in no users.csv. */
    public static final String DYNAMICS_OUTSIDER_EMAIL = "temp.support@outsourcing.example";

    private SamplePatterns() {}
}
