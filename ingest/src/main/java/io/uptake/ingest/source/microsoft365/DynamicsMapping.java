package io.uptake.ingest.source.microsoft365;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Dynamics 365 audit record means (DATA.md 1.1e): its SDK message as an event type, its entity
 * as an object type, and who acted, from the record's {@code UserType}, {@code UserId} and
 * {@code UserAgent}. Anything not clearly a person at a browser or in a mobile app is {@code api} or
 * {@code automation}: only people count for adoption.
 */
final class DynamicsMapping {

    /** SDK message (Message, or the common schema's Operation) to event type; any other message is {@code other}. */
    static final Map<String, String> EVENT_TYPE_BY_MESSAGE = lowerCaseKeys(Map.ofEntries(
            // Activity Logging's "Read": one record opened.
            Map.entry("Retrieve", "record_view"),
            // Its "ReadMultiple": grids, views, charts, walls.
            Map.entry("RetrieveMultiple", "page_view"),
            Map.entry("ExecuteFetch", "page_view"),
            Map.entry("RollUp", "page_view"),
            Map.entry("RetrieveEntitiesForAggregateQuery", "page_view"),
            Map.entry("RetrieveRecordWall", "page_view"),
            Map.entry("RetrievePersonalWall", "page_view"),
            // Dataverse search.
            Map.entry("searchquery", "search"),
            Map.entry("searchsuggest", "search"),
            Map.entry("searchautocomplete", "search"),
            Map.entry("Create", "record_create"),
            Map.entry("CreateMultiple", "record_create"),
            Map.entry("Update", "record_update"),
            Map.entry("UpdateMultiple", "record_update"),
            Map.entry("Upsert", "record_update"),
            Map.entry("UpsertMultiple", "record_update"),
            Map.entry("Assign", "record_update"),
            Map.entry("SetState", "record_update"),
            Map.entry("SetStateDynamicEntity", "record_update"),
            Map.entry("Merge", "record_update"),
            Map.entry("Associate", "record_update"),
            Map.entry("Disassociate", "record_update"),
            Map.entry("GrantAccess", "record_update"),
            Map.entry("ModifyAccess", "record_update"),
            Map.entry("RevokeAccess", "record_update"),
            Map.entry("QualifyLead", "record_update"),
            Map.entry("WinOpportunity", "record_update"),
            Map.entry("LoseOpportunity", "record_update"),
            Map.entry("CloseIncident", "record_update"),
            Map.entry("Delete", "record_delete"),
            Map.entry("DeleteMultiple", "record_delete"),
            Map.entry("ExportToExcel", "report_export"),
            Map.entry("ExportToWord", "report_export")));

    /** The event types of reading, which a program calling the API does as {@code api_call}. */
    static final Set<String> READS = Set.of("record_view", "page_view", "search", "knowledge_view");

    /** Entity logical name to object type; another entity keeps its logical name, with module {@code other} unless mapped. */
    static final Map<String, String> OBJECT_BY_ENTITY = Map.ofEntries(
            Map.entry("account", "Account"),
            Map.entry("contact", "Contact"),
            Map.entry("lead", "Lead"),
            Map.entry("opportunity", "Opportunity"),
            Map.entry("quote", "Quote"),
            Map.entry("salesorder", "Order"),
            Map.entry("incident", "Case"),
            Map.entry("knowledgearticle", "Knowledge"),
            Map.entry("msdyn_workorder", "WorkOrder"),
            Map.entry("campaign", "Campaign"),
            Map.entry("systemuser", "User"));

    /** The entity of sign-in records, as the Management Activity API schema's example of EntityName names it. */
    static final String AUTHENTICATION_ENTITY = "authentication";

    /** The Quick Find view's FetchXML marks its filter so: a grid query that is a search. */
    private static final String QUICK_FIND_MARK = "isquickfindfields";

    /** User agents of Power Automate flows and Logic Apps: the CRM's own workflows. */
    private static final String[] AUTOMATION_AGENTS = {"azure-logic-apps", "logicapps", "microsoft flow",
            "microsoftflow", "microsoft.flow", "powerautomate", "power automate"};
    /** User agents of programs calling the SDK or Web API: SDKs, scripts, HTTP libraries, admin tools. */
    private static final String[] PROGRAM_AGENTS = {"microsoft dynamics crm", "microsoft.xrm", "microsoft.crm",
            "microsoft.powerplatform.dataverse", "dataverse", "xrmtoolbox", "powershell", "python", "curl/",
            "wget/", "go-http-client", "java/", "apache-httpclient", "okhttp", "axios", "node-fetch",
            "postmanruntime", "restsharp", "httpclient", "kingswaysoft", "scribe"};
    private static final String[] MOBILE_DEVICES = {"iphone", "ipad", "android", "windows phone"};

    /**
     * Application users: Dataverse names them {@code <application id>@<tenant id>.com}, the shape
     * Microsoft Sentinel's Dataverse rules use to find non-interactive users.
     */
    private static final Pattern APPLICATION_USER = Pattern.compile(
            "^[^@]+@[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.com$");

    // UserType of the Management Activity API's common schema.
    static final int REGULAR = 0;
    static final int RESERVED = 1;
    static final int ADMIN = 2;
    static final int DC_ADMIN = 3;
    static final int SYSTEM = 4;
    static final int APPLICATION = 5;
    static final int SERVICE_PRINCIPAL = 6;
    static final int CUSTOM_POLICY = 7;
    static final int SYSTEM_POLICY = 8;
    static final Map<String, Integer> USER_TYPE_BY_NAME = lowerCaseKeys(Map.of(
            "Regular", REGULAR, "Reserved", RESERVED, "Admin", ADMIN, "DcAdmin", DC_ADMIN, "System", SYSTEM,
            "Application", APPLICATION, "ServicePrincipal", SERVICE_PRINCIPAL, "CustomPolicy", CUSTOM_POLICY,
            "SystemPolicy", SYSTEM_POLICY));

    /** What a user agent says about the caller. */
    enum Agent { NONE, AUTOMATION, PROGRAM, MOBILE, BROWSER, UNKNOWN }

    private DynamicsMapping() {}

    /** The event type of a message on an entity; {@code query} is the record's Query (FetchXML filter), if any. */
    static String eventType(String message, String entity, String objectType, String query) {
        if (entity != null && entity.equalsIgnoreCase(AUTHENTICATION_ENTITY)) {
            return "login";
        }
        String lower = message.toLowerCase(Locale.ROOT);
        String type = EVENT_TYPE_BY_MESSAGE.get(lower);
        if (type == null) {
            return lower.startsWith("exportto") ? "report_export" : "other";
        }
        if (type.equals("record_view") && "Knowledge".equals(objectType)) {
            return "knowledge_view";
        }
        if (type.equals("page_view") && query != null && query.toLowerCase(Locale.ROOT).contains(QUICK_FIND_MARK)) {
            return "search";
        }
        return type;
    }

    /** The object type of an entity logical name, or null for none ({@code Unknown} marks records of no entity). */
    static String objectType(String entity) {
        if (entity == null || entity.isBlank() || entity.equalsIgnoreCase("unknown") || entity.equalsIgnoreCase("N/A")) {
            return null;
        }
        return OBJECT_BY_ENTITY.getOrDefault(entity.toLowerCase(Locale.ROOT), entity);
    }

    /**
     * Who acted. Flows are {@code automation} whoever they run as; application users and service
     * principals are {@code api}; system accounts and policies are {@code automation}; a regular user,
     * an admin or a datacenter operator is a person, at a browser ({@code web}) or on a phone or tablet
     * ({@code mobile}), unless the user agent names a program ({@code api}). A record with no user type
     * is a person only when its user agent is a browser's.
     */
    static String client(Integer userType, String userId, String userAgent) {
        Agent agent = agent(userAgent);
        if (agent == Agent.AUTOMATION) {
            return "automation";
        }
        if (userId != null && APPLICATION_USER.matcher(userId).matches()) {
            return "api";
        }
        if (userType != null) {
            switch (userType) {
                case RESERVED, SYSTEM, CUSTOM_POLICY, SYSTEM_POLICY -> {
                    return "automation";
                }
                case APPLICATION, SERVICE_PRINCIPAL -> {
                    return "api";
                }
                case REGULAR, ADMIN, DC_ADMIN -> {
                    return switch (agent) {
                        case MOBILE -> "mobile";
                        // Activity Logging leaves the agent out of some UI calls; the user type says a person.
                        case BROWSER, NONE -> "web";
                        default -> "api";
                    };
                }
                default -> { }
            }
        }
        return switch (agent) {
            case MOBILE -> "mobile";
            case BROWSER -> "web";
            default -> "api";
        };
    }

    static Agent agent(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.equalsIgnoreCase("N/A")) {
            return Agent.NONE;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        if (containsAny(lower, AUTOMATION_AGENTS)) {
            return Agent.AUTOMATION;
        }
        if (containsAny(lower, PROGRAM_AGENTS)) {
            return Agent.PROGRAM;
        }
        if (containsAny(lower, MOBILE_DEVICES)) {
            return Agent.MOBILE;
        }
        return lower.startsWith("mozilla/") ? Agent.BROWSER : Agent.UNKNOWN;
    }

    /** The UserType code of a number, a numeric string or a member name; null when it is none of these. */
    static Integer userType(String value) {
        if (value == null) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 6) {
            return Integer.valueOf(value);
        }
        return USER_TYPE_BY_NAME.get(value.toLowerCase(Locale.ROOT));
    }

    private static boolean containsAny(String text, String[] parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static <V> Map<String, V> lowerCaseKeys(Map<String, V> map) {
        Map<String, V> lower = new HashMap<>();
        map.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return Map.copyOf(lower);
    }
}
