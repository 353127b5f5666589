package io.uptake.ingest.source.salesforce.elf;

import io.uptake.ingest.source.salesforce.WhoActed;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The EventLogFile types (Object Reference, "EventLogFile supported event types"): the canonical
 * {@code event_type} of each, and who acts in its rows. The platform's own work (Apex, triggers,
 * callouts, queued and scheduled jobs, workflow, flows) is {@code automation}; API traffic is
 * {@code api}; a type not listed here is kept as {@code other} and not counted as a person.
 */
final class ElfTypes {

    static final Map<String, String> EVENT_TYPES = Map.ofEntries(
            Map.entry("Login", "login"), Map.entry("LoginAs", "login"), Map.entry("Logout", "logout"),
            Map.entry("LightningPageView", "page_view"), Map.entry("URI", "page_view"), Map.entry("Console", "page_view"),
            Map.entry("LightningInteraction", "ui_interaction"), Map.entry("LightningError", "error"),
            Map.entry("API", "api_call"), Map.entry("RestApi", "api_call"), Map.entry("BulkApi", "api_call"),
            Map.entry("BulkApi2", "api_call"), Map.entry("ApexRestApi", "api_call"), Map.entry("ApexSoap", "api_call"),
            Map.entry("Report", "report_run"), Map.entry("AsyncReportRun", "report_run"),
            Map.entry("MultiblockReport", "report_run"),
            Map.entry("ReportExport", "report_export"), Map.entry("Dashboard", "dashboard_view"),
            Map.entry("Search", "search"), Map.entry("SearchClick", "search"),
            Map.entry("KnowledgeArticleView", "knowledge_view"),
            Map.entry("WaveChange", "dashboard_view"), Map.entry("WaveInteraction", "ui_interaction"),
            Map.entry("WaveDownload", "report_export"), Map.entry("VisualforceRequest", "page_view"));

    /** Types whose rows are SOAP, REST, Bulk or Metadata API requests. */
    static final Set<String> API_TYPES = Set.of("API", "RestApi", "BulkApi", "BulkApi2", "ApexRestApi", "ApexSoap",
            "MetadataApiOperation", "CompositeApi", "CompositeApiSubrequest", "BulkApiRequest", "GraphQLQuery");

    /** Types whose rows are Salesforce working on its own, with nobody at a screen. */
    static final Set<String> AUTOMATION_TYPES = Set.of("ApexCallout", "ApexTrigger", "ApexUnexpectedException",
            "ConcurrentLongRunningApexLimit", "ContinuationCalloutSummary", "ExternalCrossOrgCallout",
            "ExternalCustomApexCallout", "ExternalDataSourceCallout", "ExternalODataCallout", "NamedCredential",
            "QueuedExecution", "TimeBasedWorkflow", "TransactionSecurity", "Sandbox", "UniqueQuery", "FlowExecution",
            "PlatformEncryption", "Pricing", "InvocableAction", "ApexInline");

    /** Types whose rows are a person working in the UI, in a browser or in the mobile app. */
    static final Set<String> UI_TYPES = Set.of("LightningPageView", "LightningInteraction", "LightningError",
            "LightningPerformance", "LightningLogger", "URI", "Console", "Search", "SearchClick", "ReportExport",
            "ContentTransfer", "ContentDistribution", "DocumentAttachmentDownloads", "AuraRequest", "MultiblockReport",
            "UITelemetryNavigationTiming", "UITelemetryResourceTiming", "BlockedRedirect", "HostnameRedirects",
            "CspViolation", "CorsViolation", "InsecureExternalAssets", "InsufficientAccess", "LoginAs",
            "ContentDocumentLink", "ChangeSetOperation", "PermissionUpdate", "GroupMembership",
            "WaveChange", "WaveInteraction", "WaveDownload", "WavePerformance");

    /** CRM Analytics (Wave) types: module analytics. */
    static boolean isAnalytics(String type) {
        return type.startsWith("Wave");
    }

    /**
     * {@code ORIGIN} values of Report and AsyncReportRun rows that a person started at a screen; the
     * rest are the API, a schedule, a snapshot or a dashboard refresh.
     */
    private static final Map<String, String> REPORT_ORIGINS = Map.ofEntries(
            Map.entry("ReportRunFromLightning", WhoActed.WEB), Map.entry("ReportRunFromClassic", WhoActed.WEB),
            Map.entry("ReportPreviewed", WhoActed.WEB), Map.entry("ReportExported", WhoActed.WEB),
            Map.entry("DashboardComponentPreviewed", WhoActed.WEB), Map.entry("ChartRenderedOnHomePage", WhoActed.WEB),
            Map.entry("ReportRunFromMobile", WhoActed.MOBILE), Map.entry("ReportOpenedFromMobileDashboard", WhoActed.MOBILE),
            Map.entry("ReportRunUsingSynchronousApi", WhoActed.API), Map.entry("ReportRunUsingAsynchronousApi", WhoActed.API),
            Map.entry("ReportRunUsingApexSynchronousApi", WhoActed.API),
            Map.entry("ReportRunUsingApexAsynchronousApi", WhoActed.API), Map.entry("ReportRunFromRestApi", WhoActed.API),
            Map.entry("ReportExportedUsingExcelConnector", WhoActed.API));

    /** ApexExecution {@code QUIDDITY} codes of Apex that a program called: Apex REST, SOAP web services, Bulk API. */
    private static final Set<String> API_QUIDDITIES = Set.of("H", "W", "B");

    private ElfTypes() {}

    /** The canonical event type of an ELF type before the row refines it; {@code other} if unmapped. */
    static String eventType(String type) {
        return EVENT_TYPES.getOrDefault(type, "other");
    }

    /** Who acted in a row of the type, given access to its columns by upper-case name. */
    static String client(String type, Function<String, String> column) {
        if (type.equals("Login")) {
            return WhoActed.login(column.apply("LOGIN_TYPE"), column.apply("LOGIN_SUB_TYPE"), column.apply("API_TYPE"),
                    column.apply("URI"), column.apply("BROWSER_TYPE"));
        }
        if (AUTOMATION_TYPES.contains(type)) {
            return WhoActed.AUTOMATION;
        }
        if (API_TYPES.contains(type)) {
            return column.apply("CLIENT_NAME").startsWith("SfdcInternalAPI") ? WhoActed.AUTOMATION : WhoActed.API;
        }
        switch (type) {
            case "ApexExecution" -> {
                return API_QUIDDITIES.contains(column.apply("QUIDDITY")) ? WhoActed.API : WhoActed.AUTOMATION;
            }
            case "ApiTotalUsage" -> {
                return switch (column.apply("API_CLIENT_CATEGORY")) {
                    case "LIGHTNING_UI" -> WhoActed.WEB;
                    case "SALESFORCE" -> WhoActed.AUTOMATION;
                    default -> WhoActed.API;
                };
            }
            case "Report", "AsyncReportRun" -> {
                // A report run no person started (a schedule, a dashboard refresh, a snapshot) is the platform's.
                String origin = REPORT_ORIGINS.get(column.apply("ORIGIN"));
                if (origin != null) {
                    return origin;
                }
                return type.equals("Report") && column.apply("ORIGIN").isEmpty() ? screen(column) : WhoActed.AUTOMATION;
            }
            case "Dashboard" -> {
                return truthy(column.apply("IS_SCHEDULED")) ? WhoActed.AUTOMATION
                        : truthy(column.apply("IS_MOBILE")) ? WhoActed.MOBILE : screen(column);
            }
            case "Logout" -> {
                // Timeouts and revoked sessions are logged by the platform; API sessions end without a person.
                String session = column.apply("SESSION_TYPE");
                if (session.startsWith("A") || session.startsWith("I") || session.startsWith("O") || session.startsWith("W")) {
                    return WhoActed.API;
                }
                return column.apply("USER_INITIATED_LOGOUT").equals("0") ? WhoActed.AUTOMATION : screen(column);
            }
            case "KnowledgeArticleView" -> {
                return switch (column.apply("CONTEXT").toLowerCase(Locale.ROOT)) {
                    case "apex" -> WhoActed.AUTOMATION;
                    case "api" -> WhoActed.API;
                    default -> screen(column);
                };
            }
            case "VisualforceRequest" -> {
                String request = column.apply("REQUEST_TYPE");
                return request.endsWith("_apex") ? WhoActed.AUTOMATION : screen(column);
            }
            case "Sites" -> {
                return truthy(column.apply("IS_API")) ? WhoActed.API : screen(column);
            }
            case "PackageInstall" -> {
                return truthy(column.apply("IS_PUSH")) ? WhoActed.AUTOMATION : screen(column);
            }
            default -> {
                if (isAnalytics(type)) {
                    return truthy(column.apply("IS_MOBILE")) || column.apply("ANALYTICS_MODE").equals("mobileNative")
                            ? WhoActed.MOBILE : WhoActed.WEB;
                }
                return UI_TYPES.contains(type) ? screen(column) : WhoActed.AUTOMATION;
            }
        }
    }

    /**
     * A person at a screen: in the mobile app when {@code DEVICE_PLATFORM} (name:experience:form) says a
     * phone or tablet or the Salesforce app, else in a browser; a program when its agent is one.
     */
    private static String screen(Function<String, String> column) {
        String platform = column.apply("DEVICE_PLATFORM").toUpperCase(Locale.ROOT);
        if (platform.startsWith("S1:") || platform.endsWith(":PHONE") || platform.endsWith(":TABLET")) {
            return WhoActed.MOBILE;
        }
        String agent = column.apply("USER_AGENT").isEmpty() ? column.apply("BROWSER_TYPE") : column.apply("USER_AGENT");
        return WhoActed.isProgramAgent(agent) ? WhoActed.API : WhoActed.WEB;
    }

    private static boolean truthy(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true");
    }
}
