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

    private SamplePatterns() {}
}
