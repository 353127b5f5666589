package io.uptake.ingest.source.hubspot;

import static java.util.Map.entry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HubSpot's activity values and what they mean in Uptake's vocabulary: login types and user agents to
 * {@code client}, audit-log categories, subcategories and actions to {@code event_type}, {@code module}
 * and {@code object_type}, security-activity types likewise. docs/sources/hubspot.md prints the same
 * tables with the HubSpot pages they come from.
 *
 * <p>Values are compared in one form, whatever the file writes: upper case, words joined by {@code _}
 * ({@code Property value} and {@code PROPERTY_VALUE} are one category).
 */
final class HubSpotMapping {

    /** An object HubSpot names, as Uptake names it, and the module its activity belongs to. */
    record ObjectKind(String objectType, String module) {}

    /** Where an audit-log category's activity belongs. */
    enum Area {
        /** A CRM record was changed: object and module from the subcategory. */
        RECORD,
        /** Account set-up: users, permissions, pipelines, properties, workflows, settings. */
        ADMIN,
        MARKETING,
        ANALYTICS,
        LOGIN,
        /** Anything else: object and module from the subcategory when it names an object. */
        OTHER
    }

    record CategoryRule(Area area, String objectType) {}

    /** HubSpot's CRM objects, by the name audit-log categories and subcategories give them (singular). */
    static final Map<String, ObjectKind> OBJECTS = Map.ofEntries(
            entry("CONTACT", new ObjectKind("Contact", "sales")),
            entry("COMPANY", new ObjectKind("Company", "sales")),
            entry("DEAL", new ObjectKind("Deal", "sales")),
            entry("LEAD", new ObjectKind("Lead", "sales")),
            entry("QUOTE", new ObjectKind("Quote", "sales")),
            entry("PRODUCT", new ObjectKind("Product", "sales")),
            entry("LINE_ITEM", new ObjectKind("LineItem", "sales")),
            entry("TICKET", new ObjectKind("Ticket", "service")),
            entry("CAMPAIGN", new ObjectKind("Campaign", "marketing")),
            entry("MARKETING_EMAIL", new ObjectKind("MarketingEmail", "marketing")),
            entry("FORM", new ObjectKind("Form", "marketing")));

    /** The object types of {@link #OBJECTS}: targets whose numeric id is a record id worth keeping. */
    static final Set<String> CRM_OBJECT_TYPES =
            OBJECTS.values().stream().map(ObjectKind::objectType).collect(Collectors.toUnmodifiableSet());

    /** Audit-log categories (singular); one not listed is {@link Area#OTHER}. */
    static final Map<String, CategoryRule> CATEGORIES = Map.ofEntries(
            entry("PROPERTY_VALUE", new CategoryRule(Area.RECORD, null)),
            entry("CRM_OBJECT", new CategoryRule(Area.RECORD, null)),
            entry("OBJECT", new CategoryRule(Area.RECORD, null)),
            entry("RECORD", new CategoryRule(Area.RECORD, null)),
            entry("LOGIN", new CategoryRule(Area.LOGIN, null)),
            entry("USER", new CategoryRule(Area.ADMIN, "User")),
            entry("USER_MANAGEMENT", new CategoryRule(Area.ADMIN, "User")),
            entry("PERMISSION", new CategoryRule(Area.ADMIN, "PermissionSet")),
            entry("PERMISSION_SET", new CategoryRule(Area.ADMIN, "PermissionSet")),
            entry("TEAM", new CategoryRule(Area.ADMIN, "Team")),
            entry("PIPELINE", new CategoryRule(Area.ADMIN, "Pipeline")),
            entry("PROPERTY", new CategoryRule(Area.ADMIN, "Property")),
            entry("WORKFLOW", new CategoryRule(Area.ADMIN, "Workflow")),
            entry("SETTINGS", new CategoryRule(Area.ADMIN, "Setup")),
            entry("ACCOUNT_SETTINGS", new CategoryRule(Area.ADMIN, "Setup")),
            entry("SECURITY", new CategoryRule(Area.ADMIN, "Setup")),
            entry("SECURITY_ACTIVITY", new CategoryRule(Area.ADMIN, "Setup")),
            entry("INTEGRATION", new CategoryRule(Area.ADMIN, "Setup")),
            entry("APP", new CategoryRule(Area.ADMIN, "Setup")),
            entry("PRIVATE_APP", new CategoryRule(Area.ADMIN, "Setup")),
            entry("CONTENT", new CategoryRule(Area.MARKETING, null)),
            entry("MARKETING_EMAIL", new CategoryRule(Area.MARKETING, "MarketingEmail")),
            entry("CAMPAIGN", new CategoryRule(Area.MARKETING, "Campaign")),
            entry("FORM", new CategoryRule(Area.MARKETING, "Form")),
            entry("REPORT", new CategoryRule(Area.ANALYTICS, "Report")),
            entry("DASHBOARD", new CategoryRule(Area.ANALYTICS, "Dashboard")));

    /** Audit-log actions; any other action is {@code other}. */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            entry("CREATE", "record_create"), entry("CREATED", "record_create"),
            entry("ADD", "record_create"), entry("ADDED", "record_create"),
            entry("CLONE", "record_create"), entry("CLONED", "record_create"),
            entry("UPDATE", "record_update"), entry("UPDATED", "record_update"),
            entry("EDIT", "record_update"), entry("EDITED", "record_update"),
            entry("MODIFY", "record_update"), entry("MODIFIED", "record_update"),
            entry("CHANGE", "record_update"), entry("CHANGED", "record_update"),
            entry("MERGE", "record_update"), entry("MERGED", "record_update"),
            entry("RESTORE", "record_update"), entry("RESTORED", "record_update"),
            entry("PUBLISH", "record_update"), entry("PUBLISHED", "record_update"),
            entry("UNPUBLISH", "record_update"), entry("UNPUBLISHED", "record_update"),
            entry("DELETE", "record_delete"), entry("DELETED", "record_delete"),
            entry("REMOVE", "record_delete"), entry("REMOVED", "record_delete"),
            entry("ARCHIVE", "record_delete"), entry("ARCHIVED", "record_delete"),
            entry("VIEW", "record_view"), entry("VIEWED", "record_view"),
            entry("EXPORT", "report_export"), entry("EXPORTED", "report_export"));

    /**
     * Security-activity types (the API's enum) by their form, first match wins: a type not matched is
     * {@code other} ({@code IMPERSONATE_USER}, {@code MERGE_REVERT}, {@code SEQUENCE_ENROLLMENT_INITIATED}).
     */
    static final List<Map.Entry<Pattern, String>> SECURITY_TYPES = List.of(
            entry(Pattern.compile("EXPORT|EXPORT_DOWNLOAD|EXPORT_USERS|CONTACT_DATA_EXPORT|FORM_SUBMISSIONS_EXPORT"
                    + "|DATA_BACKUP_DOWNLOADED"), "report_export"),
            entry(Pattern.compile(".*_(VIEW|VIEWED|REVEAL|RETRIEVED)"), "record_view"),
            entry(Pattern.compile("ADD_.*|.*_(ADDED|CREATE|CREATED|CREATION|CLONED)|INSTALL_INTEGRATION"), "record_create"),
            entry(Pattern.compile("REMOVE_.*|.*_(REMOVED|DELETE|DELETED|DELETION)|UNINSTALL_INTEGRATION"), "record_delete"),
            entry(Pattern.compile("(CHANGE|DEACTIVATE|REACTIVATE|REQUIRE|UNREQUIRE)_.*"
                    + "|.*_(UPDATE|ENABLED|DISABLED|ROTATE|WRITE|MODIFIED|DEACTIVATE|RESET)"), "record_update"));

    /** Security-activity types whose object id is a user's id: it is stored as that person's key. */
    static final Set<String> USER_TARGET_TYPES = Set.of("ADD_USER", "REMOVE_USER", "DEACTIVATE_USER",
            "REACTIVATE_USER", "ADD_ADMIN_USER", "REMOVE_ADMIN_USER", "ADD_ADMIN_PERMISSIONS",
            "REMOVE_ADMIN_PERMISSIONS", "IMPERSONATE_USER", "MANUAL_PASSWORD_RESET_EMAIL_SEND",
            "MANUAL_REGISTRATION_EMAIL_SEND");

    /**
     * Security-activity types that are HubSpot working on its own, though a user is named: a chatbot
     * calling its webhook, a sequence changing an enrolment's state, a sync or a backup job.
     */
    static final Set<String> AUTOMATION_TYPES = Set.of("BOTS_WEBHOOK_POST", "SEQUENCE_ENROLLMENT_STATE_CHANGED",
            "DATASET_SYNC", "DATA_BACKUP_CREATED", "ACCEPTANCE_TEST");

    /** Security-activity types done by a developer's tools (HubSpot's CLI or a build), not in the UI. */
    static final Set<String> API_TYPES = Set.of("PRODUCTION_DEPLOYMENT", "SECRET_ADDED_TO_SERVERLESS_FUNCTION");

    /** User agents of HTTP libraries and command-line tools: a program, not a person in a browser or app. */
    private static final Pattern PROGRAM_AGENT = Pattern.compile(
            "^(curl|wget|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|java|apache-httpclient"
                    + "|axios|node-fetch|undici|postmanruntime|insomnia|libwww-perl|guzzlehttp|ruby|php|httpie"
                    + "|powershell)\\b.*", Pattern.CASE_INSENSITIVE);
    /** User agents of phones and tablets: HubSpot's mobile app, or a mobile browser. */
    private static final Pattern MOBILE_AGENT = Pattern.compile(
            "\\b(iPhone|iPad|iPod|Android|iOS)\\b|\\bMobile\\b", Pattern.CASE_INSENSITIVE);

    private HubSpotMapping() {}

    /** A value in the form the tables use: {@code Login Failed} → {@code LOGIN_FAILED}; null for blank. */
    static String normalise(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** The entry for a name, or for its singular ({@code CONTACTS}, {@code COMPANIES}, {@code PROPERTIES}). */
    static <T> T lookup(Map<String, T> table, String name) {
        if (name == null) {
            return null;
        }
        T found = table.get(name);
        if (found == null && name.endsWith("IES")) {
            found = table.get(name.substring(0, name.length() - 3) + "Y");
        }
        if (found == null && name.endsWith("S")) {
            found = table.get(name.substring(0, name.length() - 1));
        }
        return found;
    }

    /**
     * Who logged in: the export's login type when it says (HubSpot's documented types: a
     * {@code HubSpot tools login} is a process a user scheduled, an FTP login a file-transfer program,
     * {@code Mobile ...} logins the mobile app), then the user agent (an HTTP library is a program, a
     * phone or tablet the mobile app or browser); a login HubSpot records is otherwise a person at
     * app.hubspot.com.
     */
    static String loginClient(String loginType, String userAgent) {
        String type = loginType == null ? "" : loginType.toLowerCase(Locale.ROOT);
        if (type.contains("hubspot tools")) {
            return "automation";
        }
        if (type.contains("ftp") || type.contains("file transfer")) {
            return "api";
        }
        if (type.contains("mobile")) {
            return "mobile";
        }
        String agent = userAgent == null ? "" : userAgent.strip();
        if (PROGRAM_AGENT.matcher(agent).matches()) {
            return "api";
        }
        return MOBILE_AGENT.matcher(agent).find() ? "mobile" : "web";
    }

    /** A security-activity type's event type, by {@link #SECURITY_TYPES}. */
    static String securityEventType(String type) {
        for (Map.Entry<Pattern, String> rule : SECURITY_TYPES) {
            if (rule.getKey().matcher(type).matches()) {
                return rule.getValue();
            }
        }
        return "other";
    }

    /** The object a security-activity type acts on. */
    static ObjectKind securityObject(String type) {
        if (USER_TARGET_TYPES.contains(type)) {
            return new ObjectKind("User", "admin");
        }
        if (type.startsWith("TEAM_")) {
            return new ObjectKind("Team", "admin");
        }
        if (type.startsWith("SEQUENCE_")) {
            return new ObjectKind("Sequence", "sales");
        }
        return new ObjectKind("Setup", "admin");
    }

    static String securityClient(String type) {
        if (AUTOMATION_TYPES.contains(type)) {
            return "automation";
        }
        return API_TYPES.contains(type) ? "api" : "web";
    }
}
