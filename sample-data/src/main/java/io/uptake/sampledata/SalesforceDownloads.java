package io.uptake.sampledata;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What an administrator downloads from Setup ({@code exports/salesforce/}): Login History for a week
 * whose EventLogFile Login files were not collected (those days' logins are in it instead), and the Setup
 * Audit Trail of the last twenty days. Both name people by username, which in this org is their e-mail,
 * and write times as the page shows them: Login History in GMT, the audit trail in the downloading
 * admin's zone (Pacific).
 */
final class SalesforceDownloads {

    static final List<String> LOGIN_HISTORY_HEADER = List.of("Username", "Login Time", "Source IP", "Login Type", "Status",
            "Browser", "Platform", "Application", "Client Version", "API Type", "API Version", "Login URL",
            "Login Subtype", "TLS Protocol");
    static final List<String> SETUP_AUDIT_TRAIL_HEADER =
            List.of("Date", "User", "Source Namespace Prefix", "Action", "Section", "Delegate User");
    private static final DateTimeFormatter LOGIN_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    /** The admin's zone in winter; the download writes its abbreviation after the time. */
    private static final DateTimeFormatter AUDIT_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a 'PST'", Locale.US).withZone(ZoneOffset.ofHours(-8));
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
    private static final String MY_DOMAIN = "northwind.my.salesforce.com";
    /** An admin's changes in Setup: the action as the page words it, its section. */
    private static final String[][] ADMIN_CHANGES = {
        {"Created permission set Sales Ops Reporting: with user license Salesforce", "Manage Users"},
        {"Changed Opportunity field Stage picklist values", "Customize Opportunities"},
        {"Changed page layout Case Layout", "Customize Cases"},
        {"Deleted list view Old Open Leads", "Customize Leads"},
        {"Changed validation rule Close_Date_Required on Opportunity", "Customize Opportunities"}};
    private static final String[][] PLATFORM_CHANGES = {
        {"Changed Lead Status picklist value sort order", "Customize Leads"},
        {"Changed Organization-Wide Email Address verification status", "Email Administration"}};

    private record Line(long millis, List<String> values) {}

    private final Path dir;
    private final Organisation org;
    private final Organisation.User admin;
    private final int[] auditDays;
    private final List<Line> logins = new ArrayList<>();
    private final List<Line> changes = new ArrayList<>();
    private long events;
    private int files;

    SalesforceDownloads(Path dir, Organisation org) {
        this.dir = dir;
        this.org = org;
        this.admin = org.manager(SamplePatterns.ADMIN_TEAM);
        this.auditDays = setupAuditTrailDays(org.days());
    }

    /** The days (indexes, first and last) the Setup Audit Trail download covers. */
    static int[] setupAuditTrailDays(int days) {
        return new int[] {days - 20, days - 1};
    }

    long events() {
        return events;
    }

    int files() {
        return files;
    }

    /** Login rows of EventLogFile, as the Login History page lists the same logins. */
    void logins(List<Activity.Row> rows) {
        EventLogFileTypes.Type type = EventLogFileTypes.type("Login");
        for (Activity.Row row : rows) {
            String[] v = row.values();
            String agent = v[type.index().get("BROWSER_TYPE")];
            String uri = v[type.index().get("URI")];
            String apiType = v[type.index().get("API_TYPE")];
            String sourceIp = v[type.index().get("SOURCE_IP")];
            String[] client = browserPlatformApplication(agent);
            logins.add(new Line(row.millis(), List.of(v[type.index().get("USER_NAME")],
                    LOGIN_TIME.format(Instant.ofEpochMilli(row.millis())),
                    sourceIp.isEmpty() ? v[type.index().get("CLIENT_IP")] : sourceIp,
                    switch (v[type.index().get("LOGIN_TYPE")]) {
                        case "A" -> "Application";
                        case "i" -> "Remote Access 2.0";
                        case "R" -> "Partner Product";
                        default -> throw new IllegalArgumentException("no label for LOGIN_TYPE " + v[type.index().get("LOGIN_TYPE")]);
                    },
                    v[type.index().get("LOGIN_STATUS")].equals("LOGIN_NO_ERROR") ? "Success" : "Invalid Password",
                    client[0], client[1], client[2], "N/A",
                    apiType.equals("E") ? "SOAP Enterprise" : "N/A",
                    apiType.isEmpty() ? "N/A" : v[type.index().get("API_VERSION")],
                    uri.equals("/services/oauth2/authorize") ? "login.salesforce.com"
                            : uri.startsWith("/services/") ? MY_DOMAIN + uri : MY_DOMAIN,
                    switch (v[type.index().get("LOGIN_SUB_TYPE")]) {
                        case "uiup" -> "UI Username-Password";
                        case "oauthtoken" -> "OAuth User-Agent";
                        case "oauthrefreshtoken" -> "OAuth Refresh Token";
                        case "oauthpassword" -> "OAuth Username-Password";
                        default -> "";
                    },
                    v[type.index().get("TLS_PROTOCOL")].replace("TLSv", "TLS "))));
        }
    }

    /** What the Login History page shows of a user agent: Browser, Platform and Application. */
    private static String[] browserPlatformApplication(String agent) {
        if (agent.startsWith("SalesforceMobileSDK")) {
            return agent.contains("iOS") ? new String[] {"Unknown", "iPhone", "Salesforce for iOS"}
                    : new String[] {"Unknown", "Android 14", "Salesforce for Android"};
        }
        if (agent.startsWith("Gearset/")) {
            return new String[] {"Unknown", "Unknown", "Gearset"};
        }
        if (!agent.startsWith("Mozilla/")) {
            return new String[] {"Unknown", "Unknown", "N/A"};
        }
        String browser = agent.contains("Edg/") ? "Edge 131" : agent.contains("Firefox/") ? "Firefox 133"
                : agent.contains("Chrome/") ? "Chrome 131" : "Safari 17";
        return new String[] {browser, agent.contains("Macintosh") ? "Mac OSX" : "Windows 10", "Browser"};
    }

    /**
     * The day's changes in Setup, on the days the audit trail download covers: the admin's on working
     * days, the Automated Process's every day, and now and then a managed package's code under the admin.
     */
    void setupChanges(Activity activity, int day, boolean weekend, SplittableRandom random) {
        if (day < auditDays[0] || day > auditDays[1]) {
            return;
        }
        long dayStart = org.day(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int adminChanges = weekend ? 0 : random.nextInt(4);
        for (int i = 0; i < adminChanges; i++) {
            long at = dayStart + (16 * 3600L + random.nextInt(6 * 3600)) * 1000L;
            String[] change = ADMIN_CHANGES[random.nextInt(ADMIN_CHANGES.length)];
            change(at, admin.email(), "", change);
            activity.countPersonEvent(Activity.WEB, change[0].startsWith("Created ") ? "record_create"
                    : change[0].startsWith("Deleted ") ? "record_delete" : "record_update", true, at);
        }
        String[] platform = PLATFORM_CHANGES[random.nextInt(PLATFORM_CHANGES.length)];
        change(dayStart + random.nextInt(20 * 3600) * 1000L, SamplePatterns.AUTOMATED_PROCESS, "", platform);
        activity.count(Activity.AUTOMATION);
        if (random.nextInt(10) == 0) {
            change(dayStart + random.nextInt(20 * 3600) * 1000L, admin.email(), "dlrs",
                    new String[] {"Changed Apex Trigger code: dlrs_OpportunityTrigger", "Apex Trigger"});
            activity.count(Activity.AUTOMATION);
        }
    }

    private void change(long millis, String user, String namespace, String[] change) {
        long seconds = millis / 1000 * 1000;
        changes.add(new Line(seconds, List.of(AUDIT_TIME.format(Instant.ofEpochMilli(seconds)), user, namespace,
                change[0], change[1], "")));
    }

    /** Writes both downloads, newest first as Setup lists them. */
    void close() throws IOException {
        int days = org.days();
        int[] loginDays = ElfFiles.loginHistoryDays(days);
        write(dir.resolve("LoginHistory-" + org.day(loginDays[0]) + "-to-" + org.day(loginDays[1]) + ".csv"),
                LOGIN_HISTORY_HEADER, logins);
        write(dir.resolve("SetupAuditTrail-" + org.day(auditDays[0]) + "-to-" + org.day(auditDays[1]) + ".csv"),
                SETUP_AUDIT_TRAIL_HEADER, changes);
    }

    private void write(Path file, List<String> header, List<Line> lines) throws IOException {
        Files.createDirectories(dir);
        lines.sort(Comparator.comparingLong(Line::millis).reversed());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(writer, CSV)) {
            csv.printRecord(header);
            for (Line line : lines) {
                csv.printRecord(line.values());
            }
        }
        events += lines.size();
        files++;
    }
}
