package io.uptake.sampledata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.uptake.warehouse.RoiAssumptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Simulates every user's working days and writes them out one day at a time: EventLogFile rows per
 * event type per day (in the shapes {@link ElfFiles} chooses), the service console's JSON lines, and
 * the other products' exports. Besides the people at work it simulates what runs without them: the
 * integrations, the triggers and flows their saves start, scheduled dashboards, reports and Apex that run
 * under their ids every day whether they work or not, the Automated Process user and a site's guest.
 * Nothing event-sized is kept in memory beyond one day (and a month of the smaller exports); what ROI
 * needs (minutes saved per month) is tallied on the way.
 */
final class Activity {

    static final String WEB = "web";
    static final String MOBILE = "mobile";
    static final String API = "api";
    static final String AUTOMATION = "automation";


    /** Browsers of the people at their desks, one per person, as Login's BROWSER_TYPE carries them. */
    private static final String[] BROWSER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15"};
    /** The Salesforce mobile app's agents, on an iPhone and on Android. */
    static final String IOS_APP_AGENT = "SalesforceMobileSDK/11.1.0 iOS/17.2 (iPhone) Salesforce1/248.010";
    static final String ANDROID_APP_AGENT = "SalesforceMobileSDK/11.1.0 android mobile/14 (Pixel 7) Salesforce1/248.010";
    static final String TOKEN_ENDPOINT = "/services/oauth2/token";

    record Row(long millis, String[] values) {}

    /** The browser a person uses, always the same one. */
    static String browserAgent(int userIndex) {
        return BROWSER_AGENTS[userIndex % BROWSER_AGENTS.length];
    }

    private record LaterRow(String type, Row row) {}

    private final Organisation org;
    private final CrmRecords records;
    private final RoiAssumptions assumptions;
    private final long seed;
    /** Minutes saved by human users' active events, per month (the ROI time benefit). */
    final Map<YearMonth, Double> minutesSaved = new TreeMap<>();
    /** Every event written, by who acted in it: web, mobile, api, automation. */
    final Map<String, Long> eventsByClient = new TreeMap<>();
    /** EventLogFile rows in elf/ and JSON lines in jsonl/: the benchmark's inputs. */
    long elfEvents;
    long jsonEvents;
    /** Events in exports/: EventLogFile rows in other shapes, and the other products' exports. */
    long exportEvents;
    long files;

    private Map<String, List<Row>> dayRows;
    /** Rows due on a later day: time-based workflow fires days after the save that queued it. */
    private final Map<Integer, List<LaterRow>> laterRows = new HashMap<>();
    private List<Map<String, Object>> dayJson;
    private long jsonSequence;
    private int day;
    private ElfFiles elfFiles;
    private HubSpotExport hubspot;
    private Dynamics365Export dynamics;
    private SalesforceDownloads downloads;

    Activity(Organisation org, CrmRecords records, RoiAssumptions assumptions, long seed) {
        this.org = org;
        this.records = records;
        this.assumptions = assumptions;
        this.seed = seed;
    }

    void writeAll(Path out) throws IOException {
        elfFiles = new ElfFiles(out, org);
        hubspot = new HubSpotExport(out.resolve("exports/hubspot"), org);
        dynamics = new Dynamics365Export(out.resolve("exports/dynamics365"), org);
        downloads = new SalesforceDownloads(out.resolve("exports/salesforce"), org);
        for (day = 0; day < org.days(); day++) {
            dayRows = new LinkedHashMap<>();
            EventLogFileTypes.TYPES.keySet().forEach(type -> dayRows.put(type, new ArrayList<>()));
            for (LaterRow later : laterRows.getOrDefault(day, List.of())) {
                dayRows.get(later.type()).add(later.row());
            }
            laterRows.remove(day);
            dayJson = new ArrayList<>();
            for (Organisation.User user : org.users) {
                SplittableRandom random = new SplittableRandom(mix(seed, user.index(), day));
                if (user.human()) {
                    // Its own random stream, so the people's days are what they were before it was added.
                    scheduledWork(user, new SplittableRandom(mix(seed ^ 0x5C4ED01EL, user.index(), day)));
                    simulateHuman(user, random);
                } else {
                    simulateIntegration(user, random);
                }
            }
            platform(new SplittableRandom(mix(seed ^ 0x91A7F0L, -1, day)));
            writeDay(out, org.day(day));
            hubspot.endOfDay(org.day(day));
            dynamics.endOfDay(org.day(day));
        }
        hubspot.close();
        dynamics.close();
        downloads.close();
        exportEvents += hubspot.events() + dynamics.events() + downloads.events();
        files += hubspot.files() + dynamics.files() + downloads.files();
    }

    private static long mix(long seed, int user, int day) {
        long h = seed * 0x9E3779B97F4A7C15L + user;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + day;
        return h ^ (h >>> 29);
    }

    void count(String client) {
        eventsByClient.merge(client, 1L, Long::sum);
    }

    /** Counts a person's event and, when it is an active one, the minutes it saved. */
    void countPersonEvent(String client, String canonicalType, boolean success, long millis) {
        count(client);
        if (success && (client.equals(WEB) || client.equals(MOBILE))) {
            minutesSaved.merge(YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC)),
                    assumptions.minutesSavedBy(canonicalType), Double::sum);
        }
    }

    private long dayStart() {
        return org.day(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private boolean weekend() {
        DayOfWeek dow = org.day(day).getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }

    /**
     * A new EventLogFile row of the type at the instant, under the user id, with the fields every type
     * shares; counted as an event of the client. The caller adds it to a day with {@link #add}.
     */
    private String[] elfRow(String typeName, long millis, String id18, SplittableRandom random) {
        EventLogFileTypes.Type type = EventLogFileTypes.type(typeName);
        String[] row = type.newRow();
        type.set(row, "TIMESTAMP", Times.elf(millis));
        type.set(row, "TIMESTAMP_DERIVED", Times.iso(millis));
        type.set(row, "REQUEST_ID", "4" + Organisation.base62(random.nextLong(Long.MAX_VALUE), 11));
        type.set(row, "ORGANIZATION_ID", Organisation.ORGANIZATION_ID);
        type.set(row, "USER_ID", id18.substring(0, 15));
        type.set(row, "USER_ID_DERIVED", id18);
        return row;
    }

    private void add(String typeName, long millis, String[] row) {
        dayRows.get(typeName).add(new Row(millis, row));
    }

    /** A row of the platform's own work: automation, counted as such. */
    private String[] automation(String typeName, long millis, String id18, SplittableRandom random) {
        String[] row = elfRow(typeName, millis, id18, random);
        EventLogFileTypes.Type t = EventLogFileTypes.type(typeName);
        t.set(row, "USER_TYPE", "Standard");
        t.set(row, "REQUEST_STATUS", "S");
        t.set(row, "CPU_TIME", Integer.toString(5 + random.nextInt(400)));
        t.set(row, "DB_TOTAL_TIME", Integer.toString(1_000_000 + random.nextInt(40_000_000)));
        add(typeName, millis, row);
        count(AUTOMATION);
        return row;
    }

    /**
     * What runs under a person's id whether or not they work that day, because Salesforce runs scheduled
     * work as the user who scheduled it: their team dashboard's daily refresh (managers), the weekly
     * pipeline report mailed to the scheduled-reports team, the admin's nightly Apex job and, now and then,
     * the admin team's DevOps tool. Also what the person does in HubSpot or Dynamics 365 on a weekend.
     * None of it but the last is a person using the CRM.
     */
    private void scheduledWork(Organisation.User user, SplittableRandom random) {
        LocalDate date = org.day(day);
        Organisation.Team team = user.team();
        boolean scheduled = user.licensedOn(date) && !date.isBefore(org.wave(team.wave()).goLive());
        if (user.manager() && scheduled) {
            long at = dayStart() + 6 * 3_600_000L + random.nextInt(60_000);
            String dashboard = dashboardId(team);
            String[] row = automation("Dashboard", at, user.id18(), random);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Dashboard");
            t.set(row, "DASHBOARD_ID", dashboard);
            t.set(row, "DASHBOARD_TYPE", "R");
            t.set(row, "IS_SCHEDULED", "1");
            t.set(row, "IS_SUCCESS", "1");
            t.set(row, "IS_MOBILE", "0");
            t.set(row, "RUN_TIME", Integer.toString(200 + random.nextInt(3000)));
            int components = 1 + random.nextInt(3);
            for (int i = 0; i < components; i++) {
                asyncReport(user, at + 300L * (i + 1), random, "DashboardComponentUpdated", dashboard, "D", "W");
            }
        }
        if (!user.manager() && scheduled && team.name().equals(SamplePatterns.SCHEDULED_REPORTS_TEAM)
                && date.getDayOfWeek() == DayOfWeek.MONDAY) {
            asyncReport(user, dayStart() + 5 * 3_600_000L + random.nextInt(600_000), random, "ReportScheduled", "", "S", "E");
        }
        if (team.name().equals(SamplePatterns.ADMIN_TEAM) && user.licensedOn(date)) {
            if (user.manager()) {
                // Scheduled Apex (QUIDDITY C) runs as the admin who scheduled it.
                String[] row = automation("ApexExecution", dayStart() + 2 * 3_600_000L + random.nextInt(60_000),
                        user.id18(), random);
                apexExecution(row, "C", "OpportunityRollupSchedule", random);
            } else if (!date.isBefore(org.wave(team.wave()).goLive()) && random.nextInt(100) < 5) {
                devOpsTool(user, random);
            }
        }
        if (day >= user.firstActiveDay() && day <= user.lastActiveDay() && weekend() && random.nextInt(100) < 15) {
            long at = dayStart() + (8 * 3600L + random.nextInt(10 * 3600)) * 1000L;
            if (team.name().equals(SamplePatterns.HUBSPOT_TEAM)) {
                hubspot.session(this, user, at, true, random);
            } else if (team.name().equals(SamplePatterns.DYNAMICS_TEAM)) {
                dynamics.session(this, user, at, true, random);
            }
        }
        if (team.name().equals(SamplePatterns.HUBSPOT_TEAM) && user.licensedOn(date)) {
            hubspot.scheduledWork(this, user, dayStart(), date, random);
        }
        if (team.name().equals(SamplePatterns.DYNAMICS_TEAM) && user.manager() && user.licensedOn(date)) {
            dynamics.flow(this, user, dayStart() + 4 * 3_600_000L + random.nextInt(600_000), random);
        }
    }

    private String dashboardId(Organisation.Team team) {
        return "01Z5g" + Organisation.base62(org.teams.indexOf(team) + 7, 10);
    }

    private void asyncReport(Organisation.User user, long at, SplittableRandom random, String origin, String dashboard,
                             String display, String rendering) {
        String[] row = automation("AsyncReportRun", at, user.id18(), random);
        EventLogFileTypes.Type t = EventLogFileTypes.type("AsyncReportRun");
        t.set(row, "ORIGIN", origin);
        t.set(row, "DASHBOARD_ID", dashboard);
        t.set(row, "DISPLAY_TYPE", display);
        t.set(row, "RENDERING_TYPE", rendering);
        t.set(row, "REPORT_ID", "00O5g" + Organisation.base62(random.nextInt(40), 10));
        t.set(row, "ENTITY_NAME", "Opportunity");
        t.set(row, "URI", "N/A");
        t.set(row, "ROW_COUNT", Integer.toString(random.nextInt(2000)));
        t.set(row, "RUN_TIME", Integer.toString(300 + random.nextInt(8000)));
    }

    private static void apexExecution(String[] row, String quiddity, String entryPoint, SplittableRandom random) {
        EventLogFileTypes.Type t = EventLogFileTypes.type("ApexExecution");
        t.set(row, "QUIDDITY", quiddity);
        t.set(row, "ENTRY_POINT", entryPoint);
        t.set(row, "RUN_TIME", Integer.toString(100 + random.nextInt(20_000)));
        t.set(row, "EXEC_TIME", Integer.toString(90 + random.nextInt(19_000)));
        t.set(row, "CALLOUT_TIME", "0");
        t.set(row, "IS_LONG_RUNNING_REQUEST", "0");
        t.set(row, "NUMBER_SOQL_QUERIES", Integer.toString(1 + random.nextInt(40)));
    }

    /** A deployment tool signing in through OAuth under an admin's user, then reading metadata: a program. */
    private void devOpsTool(Organisation.User user, SplittableRandom random) {
        long at = dayStart() + (9 * 3600L + random.nextInt(8 * 3600)) * 1000L + random.nextInt(1000);
        String[] login = elfRow("Login", at, user.id18(), random);
        EventLogFileTypes.Type t = EventLogFileTypes.type("Login");
        t.set(login, "USER_TYPE", "Standard");
        t.set(login, "LOGIN_TYPE", "i");
        t.set(login, "LOGIN_SUB_TYPE", "oauthrefreshtoken");
        t.set(login, "BROWSER_TYPE", "Gearset/1.0");
        t.set(login, "URI", TOKEN_ENDPOINT);
        t.set(login, "API_VERSION", "9998.0");
        t.set(login, "LOGIN_STATUS", "LOGIN_NO_ERROR");
        t.set(login, "USER_NAME", user.email());
        t.set(login, "SOURCE_IP", "Salesforce.com IP");
        t.set(login, "CLIENT_IP", "Salesforce.com IP");
        t.set(login, "TLS_PROTOCOL", "TLSv1.3");
        add("Login", at, login);
        count(API);
        int calls = 1 + random.nextInt(3);
        for (int i = 0; i < calls; i++) {
            at += 2000 + random.nextInt(20_000);
            String[] row = elfRow("RestApi", at, user.id18(), random);
            EventLogFileTypes.Type r = EventLogFileTypes.type("RestApi");
            r.set(row, "USER_TYPE", "Standard");
            r.set(row, "REQUEST_STATUS", "S");
            r.set(row, "METHOD", "GET");
            r.set(row, "URI", "/services/data/v60.0/tooling/query");
            r.set(row, "STATUS_CODE", "200");
            r.set(row, "MEDIA_TYPE", "application/json");
            r.set(row, "ENTITY_NAME", "ApexClass");
            r.set(row, "RUN_TIME", Integer.toString(50 + random.nextInt(900)));
            r.set(row, "CLIENT_IP", "Salesforce.com IP");
            add("RestApi", at, row);
            count(API);
        }
    }

    /**
     * The org's own day: flows scheduled and platform jobs run by the Automated Process user, visitors to
     * the help site (its guest user), the outsiders in the HubSpot and Dynamics 365 exports, and changes in
     * Setup.
     */
    private void platform(SplittableRandom random) {
        int flows = 2 + random.nextInt(3);
        for (int i = 0; i < flows; i++) {
            long at = dayStart() + random.nextInt(22 * 3600) * 1000L;
            String[] row = automation("FlowExecution", at, Organisation.AUTOMATED_PROCESS_ID, random);
            flowExecution(row, random);
        }
        int jobs = 1 + random.nextInt(2);
        for (int i = 0; i < jobs; i++) {
            String[] row = automation("ApexExecution", dayStart() + random.nextInt(22 * 3600) * 1000L,
                    Organisation.AUTOMATED_PROCESS_ID, random);
            apexExecution(row, "Q", "DuplicateMatchQueueable", random);
        }
        int visits = 1 + random.nextInt(5);
        String[] pages = {"/s/", "/s/article/Reset-your-password", "/s/contactsupport", "/s/topic/product-updates"};
        for (int i = 0; i < visits; i++) {
            long at = dayStart() + random.nextInt(23 * 3600) * 1000L + random.nextInt(1000);
            String[] row = elfRow("URI", at, Organisation.SITE_GUEST_ID, random);
            EventLogFileTypes.Type t = EventLogFileTypes.type("URI");
            t.set(row, "USER_TYPE", "Guest");
            t.set(row, "URI", pages[random.nextInt(pages.length)]);
            t.set(row, "REQUEST_STATUS", "S");
            t.set(row, "SESSION_KEY", Organisation.base62(random.nextLong(Long.MAX_VALUE), 11));
            t.set(row, "CLIENT_IP", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
            t.set(row, "RUN_TIME", Integer.toString(20 + random.nextInt(400)));
            t.set(row, "CPU_TIME", Integer.toString(5 + random.nextInt(80)));
            t.set(row, "DB_TOTAL_TIME", Integer.toString(1_000_000 + random.nextInt(9_000_000)));
            add("URI", at, row);
            // A site visitor is no licensed person; the row is a page view in a browser.
            count(WEB);
        }
        if (!weekend() && random.nextInt(100) < 30) {
            hubspot.outsider(this, dayStart() + (8 * 3600L + random.nextInt(9 * 3600)) * 1000L, random);
        }
        if (!weekend() && random.nextInt(100) < 30) {
            dynamics.outsider(this, dayStart() + (1 * 3600L + random.nextInt(9 * 3600)) * 1000L, random);
        }
        downloads.setupChanges(this, day, weekend(), random);
    }

    private static void flowExecution(String[] row, SplittableRandom random) {
        EventLogFileTypes.Type t = EventLogFileTypes.type("FlowExecution");
        t.set(row, "REQUEST_ID", "TID:" + Long.toHexString(random.nextLong(1L << 52)));
        t.set(row, "FLOW_VERSION_ID", "3015g" + Organisation.base62(random.nextInt(12), 10));
        t.set(row, "PROCESS_TYPE", "AutoLaunchedFlow");
        t.set(row, "FLOW_LOAD_TIME", Integer.toString(5 + random.nextInt(60)));
        t.set(row, "TOTAL_EXECUTION_TIME", Integer.toString(20 + random.nextInt(900)));
        t.set(row, "NUMBER_OF_INTERVIEWS", "1");
        t.set(row, "NUMBER_OF_ERRORS", "0");
    }

    private void simulateHuman(Organisation.User user, SplittableRandom random) {
        if (day < user.firstActiveDay() || day > user.lastActiveDay()) {
            return;
        }
        LocalDate date = org.day(day);
        boolean weekend = weekend();
        double p = user.weekdayActivity() * (weekend ? 0.08 : 1.0);
        if (user.team().behaviour() == Organisation.Behaviour.DECAYING && user.lastActiveDay() < org.days() - 1) {
            // Fading out: less and less use until the day they stop.
            double progress = (double) (day - user.firstActiveDay()) / Math.max(1, user.lastActiveDay() - user.firstActiveDay());
            p *= 1.0 - 0.5 * progress;
        }
        if (random.nextDouble() >= p) {
            return;
        }
        Session s = new Session(user, date, random, new SplittableRandom(mix(seed ^ 0xE7A5L, user.index(), day)));
        double density = org.size.density;
        boolean struggling = user.team().behaviour() == Organisation.Behaviour.STRUGGLING;
        boolean service = user.team().module().equals("service");
        boolean analytics = user.team().module().equals("analytics");

        if (random.nextInt(100) < 3) {
            s.login(false);
        }
        s.login(true);
        int pages = scaled(3 + random.nextInt(6), density, random);
        for (int i = 0; i < pages; i++) {
            s.pageView();
        }
        int uris = scaled(random.nextInt(3), density, random);
        for (int i = 0; i < uris; i++) {
            s.uri(struggling && random.nextInt(100) < 30);
        }
        int interactions = scaled(random.nextInt(4), density, random);
        for (int i = 0; i < interactions; i++) {
            s.interaction(random.nextInt(100) < 45);
        }
        int searches = scaled(random.nextInt(3), density, random);
        for (int i = 0; i < searches; i++) {
            s.search();
        }
        int reports = user.manager() || analytics ? 1 + random.nextInt(4) : random.nextInt(100) < 20 ? 1 : 0;
        for (int i = 0; i < reports; i++) {
            s.report();
        }
        boolean exporter = user.team().behaviour() == Organisation.Behaviour.DECAYING;
        if (random.nextInt(100) < (exporter ? 35 : user.manager() ? 10 : 3)) {
            s.reportExport();
        }
        int dashboards = user.manager() ? 1 + random.nextInt(2) : analytics ? 1 + random.nextInt(3)
                : random.nextInt(100) < 10 ? 1 : 0;
        for (int i = 0; i < dashboards; i++) {
            s.dashboard();
        }
        if (service) {
            int articles = random.nextInt(struggling ? 4 : 2);
            for (int i = 0; i < articles; i++) {
                s.knowledge();
            }
        }
        int errors = struggling ? 1 + random.nextInt(3) : random.nextInt(100) < 2 ? 1 : 0;
        for (int i = 0; i < errors; i++) {
            s.lightningError();
        }
        if (service) {
            s.consoleTelemetry(struggling);
        }
        if (analytics) {
            s.analytics();
        }
        s.otherProducts();
        if (random.nextInt(100) < 70) {
            s.logout();
        }
    }

    private static int scaled(int base, double density, SplittableRandom random) {
        double value = base * density;
        int whole = (int) value;
        return whole + (random.nextDouble() < value - whole ? 1 : 0);
    }

    private void simulateIntegration(Organisation.User user, SplittableRandom random) {
        boolean heavy = user.displayName().equals(SamplePatterns.HEAVY_API_USER);
        int calls = (int) Math.round(org.size.users * 0.8 * org.size.density * (heavy ? 1.0 : 0.2));
        Session s = new Session(user, org.day(day), random, new SplittableRandom(mix(seed ^ 0xE7A5L, user.index(), day)));
        s.apiLogin(heavy);
        for (int i = 0; i < calls; i++) {
            s.api();
        }
    }

    /** One user's working session on one day: events in time order. */
    private final class Session {
        private final Organisation.User user;
        private final SplittableRandom random;
        /** Draws for what was added to the simulation later, so that the rest stays as it was. */
        private final SplittableRandom extra;
        private final String sessionKey;
        private final String loginKey;
        private final String ip;
        private final boolean mobile;
        private final long start;
        private long millis;

        Session(Organisation.User user, LocalDate date, SplittableRandom random, SplittableRandom extra) {
            this.user = user;
            this.random = random;
            this.extra = extra;
            this.sessionKey = Organisation.base62(random.nextLong(Long.MAX_VALUE), 11);
            this.loginKey = Organisation.base62(random.nextLong(Long.MAX_VALUE), 11);
            // Sanitised exports replace some addresses with a placeholder; the row itself is valid.
            this.ip = random.nextInt(100) == 0 ? "w.x.y.z"
                    : "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            this.mobile = user.mobile() && random.nextInt(100) < 60;
            int startHour = switch (user.team().region()) {
                case "APAC" -> 0;
                case "AMER" -> 13;
                default -> 7;
            };
            this.millis = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    + (startHour * 3600L + random.nextInt(5 * 3600)) * 1000L + random.nextInt(1000);
            this.start = millis;
        }

        private String[] emit(String typeName, String canonicalType, boolean success, String client) {
            millis += (15 + random.nextInt(240)) * 1000L + random.nextInt(1000);
            EventLogFileTypes.Type type = EventLogFileTypes.type(typeName);
            String[] row = elfRow(typeName, millis, user.id18(), random);
            type.set(row, "SESSION_KEY", sessionKey);
            type.set(row, "LOGIN_KEY", loginKey);
            type.set(row, "USER_TYPE", "Standard");
            type.set(row, "CLIENT_IP", ip);
            type.set(row, "RUN_TIME", Integer.toString(20 + random.nextInt(400)));
            type.set(row, "CPU_TIME", Integer.toString(5 + random.nextInt(80)));
            type.set(row, "DB_TOTAL_TIME", Integer.toString(1_000_000 + random.nextInt(9_000_000)));
            type.set(row, "REQUEST_STATUS", success ? "S" : "F");
            add(typeName, millis, row);
            if (user.human()) {
                countPersonEvent(client, canonicalType, success, millis);
            } else {
                count(client);
            }
            return row;
        }

        /** Who acts in a page or interaction row: the mobile app's user, or a person in a browser. */
        private String screen() {
            return mobile ? MOBILE : WEB;
        }

        private String devicePlatform() {
            return mobile ? "S1:HYBRID:PHONE" : "SFX:BROWSER:DESKTOP";
        }

        private String appName() {
            return switch (user.team().module()) {
                case "service" -> "LightningService";
                case "marketing" -> "LightningMarketing";
                default -> "LightningSales";
            };
        }

        private CrmRecords.Ref someRecord() {
            List<CrmRecords.Ref> mine = records.owned.get(user.index());
            if (mine.isEmpty() || random.nextInt(100) < 20) {
                List<CrmRecords.CrmRecord> all = records.records;
                CrmRecords.CrmRecord any = all.get(random.nextInt(all.size()));
                return new CrmRecords.Ref(any.objectType(), any.recordId());
            }
            return mine.get(random.nextInt(mine.size()));
        }

        /** The person's browser (always the same one) or the mobile app on their phone. */
        private String agent() {
            if (mobile) {
                return user.index() % 3 == 0 ? ANDROID_APP_AGENT : IOS_APP_AGENT;
            }
            return browserAgent(user.index());
        }

        /**
         * A person's login, as Login's Object Reference codes it: {@code A} (Application) with the browser's
         * agent and a username-password sub-type, or {@code i} (Remote Access 2.0) by the mobile app through
         * the OAuth user-agent flow, with the app's agent.
         */
        void login(boolean success) {
            String[] row = emit("Login", "login", success, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("Login");
            t.set(row, "LOGIN_TYPE", mobile ? "i" : "A");
            t.set(row, "LOGIN_SUB_TYPE", mobile ? "oauthtoken" : "uiup");
            t.set(row, "BROWSER_TYPE", agent());
            t.set(row, "API_VERSION", "9998.0");
            t.set(row, "LOGIN_STATUS", success ? "LOGIN_NO_ERROR" : "LOGIN_ERROR_INVALID_PASSWORD");
            t.set(row, "USER_NAME", user.email());
            t.set(row, "SOURCE_IP", ip);
            t.set(row, "URI", mobile ? "/services/oauth2/authorize" : "/index.jsp");
            t.set(row, "TLS_PROTOCOL", "TLSv1.3");
            t.set(row, "CIPHER_SUITE", "TLS_AES_256_GCM_SHA384");
            String platform = mobile ? user.index() % 3 == 0 ? "5005" : "5006"
                    : agent().contains("Macintosh") ? "2003" : "1015";
            t.set(row, "PLATFORM_TYPE", platform);
        }

        /**
         * An integration's login: the heavy one through the OAuth token endpoint (a refresh token, and a
         * password grant on Sundays, when its credentials are rotated), the other with the SOAP API.
         */
        void apiLogin(boolean heavy) {
            String[] row = emit("Login", "login", true, API);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Login");
            if (heavy) {
                boolean rotation = org.day(day).getDayOfWeek() == DayOfWeek.SUNDAY;
                t.set(row, "LOGIN_TYPE", "i");
                t.set(row, "LOGIN_SUB_TYPE", rotation ? "oauthpassword" : "oauthrefreshtoken");
                t.set(row, "BROWSER_TYPE", "Go-http-client/1.1");
                t.set(row, "URI", TOKEN_ENDPOINT);
                t.set(row, "API_VERSION", "9998.0");
                t.set(row, "SOURCE_IP", "Salesforce.com IP");
                t.set(row, "CLIENT_IP", "Salesforce.com IP");
            } else {
                t.set(row, "LOGIN_TYPE", "R");
                t.set(row, "API_TYPE", "E");
                t.set(row, "API_VERSION", "60.0");
                t.set(row, "BROWSER_TYPE", "Apache-HttpClient/4.5.14 (Java/17.0.9)");
                t.set(row, "URI", "/services/Soap/c/60.0");
                t.set(row, "SOURCE_IP", ip);
            }
            t.set(row, "LOGIN_STATUS", "LOGIN_NO_ERROR");
            t.set(row, "USER_NAME", user.email());
            t.set(row, "TLS_PROTOCOL", "TLSv1.2");
        }

        /**
         * A browser session ends by the person logging out or, for about a third, by a timeout that the
         * platform detects later. The mobile app keeps its session: it refreshes its token instead.
         */
        void logout() {
            if (mobile) {
                return;
            }
            boolean timeout = extra.nextInt(100) < 30;
            if (timeout) {
                millis += (15 + extra.nextInt(45)) * 60_000L;
            }
            String[] row = emit("Logout", "logout", true, timeout ? AUTOMATION : WEB);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Logout");
            t.set(row, "USER_INITIATED_LOGOUT", timeout ? "0" : "1");
            t.set(row, "SESSION_TYPE", "U");
            t.set(row, "SESSION_LEVEL", "1");
            t.set(row, "APP_TYPE", "1000");
            t.set(row, "PLATFORM_TYPE", agent().contains("Macintosh") ? "2003" : "1015");
        }

        void pageView() {
            boolean recordPage = random.nextInt(100) < 65;
            CrmRecords.Ref ref = someRecord();
            String[] row = emit("LightningPageView", recordPage ? "record_view" : "page_view", true, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("LightningPageView");
            t.set(row, "APP_NAME", "one:one");
            t.set(row, "DEVICE_PLATFORM", devicePlatform());
            t.set(row, "PAGE_APP_NAME", appName());
            t.set(row, "DURATION", Integer.toString(300 + random.nextInt(4000)));
            t.set(row, "EFFECTIVE_PAGE_TIME", Integer.toString(200 + random.nextInt(3000)));
            if (recordPage) {
                t.set(row, "PAGE_ENTITY_ID", ref.recordId());
                t.set(row, "PAGE_ENTITY_TYPE", ref.objectType());
                t.set(row, "PAGE_URL", "/lightning/r/" + ref.objectType() + "/" + ref.recordId() + "/view");
                t.set(row, "PAGE_CONTEXT", "force:record");
            } else {
                t.set(row, "PAGE_ENTITY_TYPE", ref.objectType());
                t.set(row, "PAGE_URL", "/lightning/o/" + ref.objectType() + "/list");
                t.set(row, "PAGE_CONTEXT", "force:objectHomeDesktop");
            }
        }

        void uri(boolean fail) {
            CrmRecords.Ref ref = someRecord();
            if (fail) {
                List<CrmRecords.Ref> mine = records.owned.get(user.index());
                ref = mine.stream().filter(r -> r.objectType().equals("Case")).findFirst().orElse(ref);
            }
            String[] row = emit("URI", "record_view", !fail, WEB);
            EventLogFileTypes.Type t = EventLogFileTypes.type("URI");
            t.set(row, "URI", "/lightning/r/" + ref.objectType() + "/" + ref.recordId() + "/view");
            t.set(row, "URI_ID_DERIVED", ref.recordId());
        }

        void interaction(boolean save) {
            CrmRecords.Ref ref = someRecord();
            String[] row = emit("LightningInteraction", save ? "record_update" : "ui_interaction", true, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("LightningInteraction");
            t.set(row, "APP_NAME", "one:one");
            t.set(row, "DEVICE_PLATFORM", devicePlatform());
            t.set(row, "UI_EVENT_TYPE", "user");
            t.set(row, "UI_EVENT_SOURCE", save ? "save" : "click");
            t.set(row, "RECORD_ID", ref.recordId());
            t.set(row, "PAGE_ENTITY_TYPE", ref.objectType());
            t.set(row, "TARGET_UI_ELEMENT", save ? "record-save-button" : "related-list-tab");
            if (save) {
                afterSave(ref);
            }
        }

        /**
         * What a save starts on the server, all under the person's id: the object's trigger, and sometimes
         * a record-triggered flow, a future method, a callout to the ERP, or a time-based workflow action
         * that fires three days later (on whatever day that is, worked or not).
         */
        private void afterSave(CrmRecords.Ref ref) {
            long at = millis + 5 + extra.nextInt(40);
            String[] trigger = automation("ApexTrigger", at, user.id18(), extra);
            EventLogFileTypes.Type t = EventLogFileTypes.type("ApexTrigger");
            t.set(trigger, "SESSION_KEY", sessionKey);
            t.set(trigger, "LOGIN_KEY", loginKey);
            t.set(trigger, "CLIENT_IP", ip);
            t.set(trigger, "ENTITY_NAME", ref.objectType());
            t.set(trigger, "TRIGGER_NAME", ref.objectType() + "Trigger");
            t.set(trigger, "TRIGGER_TYPE", "AfterUpdate");
            t.set(trigger, "TRIGGER_ID", "01q5g" + Organisation.base62(CrmRecords.prefix(ref.objectType()).hashCode() & 0xFFFF, 10));
            t.set(trigger, "EXEC_TIME", Integer.toString(3 + extra.nextInt(200)));
            int roll = extra.nextInt(100);
            if (roll < 25) {
                String[] flow = automation("FlowExecution", at + 20 + extra.nextInt(50), user.id18(), extra);
                flowExecution(flow, extra);
            } else if (roll < 35) {
                long queued = at + 500 + extra.nextInt(5000);
                String[] job = automation("QueuedExecution", queued, user.id18(), extra);
                EventLogFileTypes.Type q = EventLogFileTypes.type("QueuedExecution");
                q.set(job, "URI", "FutureHandler");
                q.set(job, "RUN_TIME", Integer.toString(50 + extra.nextInt(2000)));
                String[] apex = automation("ApexExecution", queued + 1, user.id18(), extra);
                apexExecution(apex, "F", ref.objectType() + "Sync.pushToErp", extra);
            } else if (roll < 42) {
                String[] callout = automation("ApexCallout", at + 30 + extra.nextInt(200), user.id18(), extra);
                EventLogFileTypes.Type c = EventLogFileTypes.type("ApexCallout");
                c.set(callout, "URI", "CALLOUT-LOG");
                c.set(callout, "TYPE", "REST");
                c.set(callout, "METHOD", "POST");
                c.set(callout, "STATUS_CODE", "200");
                c.set(callout, "SUCCESS", "1");
                c.set(callout, "TIME", Integer.toString(80 + extra.nextInt(900)));
                c.set(callout, "URL", "https://erp.example.com/api/v2/orders");
                c.set(callout, "REQUEST_SIZE", Integer.toString(200 + extra.nextInt(4000)));
                c.set(callout, "RESPONSE_SIZE", Integer.toString(100 + extra.nextInt(2000)));
            }
            boolean followUp = ref.objectType().equals("Lead") || ref.objectType().equals("Case");
            if (followUp && extra.nextInt(100) < 15 && day + 3 < org.days()) {
                long due = at + 3 * 86_400_000L;
                String[] row = elfRow("TimeBasedWorkflow", due, user.id18(), extra);
                EventLogFileTypes.Type w = EventLogFileTypes.type("TimeBasedWorkflow");
                w.set(row, "TYPE", "PROC");
                w.set(row, "ENTITY_NAME", ref.objectType());
                w.set(row, "RECORD_ID", ref.recordId());
                w.set(row, "NAME", ref.objectType() + " follow-up reminder");
                w.set(row, "ACTIONS", "1");
                w.set(row, "NUMBER_OF_RECORDS", "1");
                w.set(row, "LOG_GROUP_ID", "TBWF1");
                laterRows.computeIfAbsent(day + 3, d -> new ArrayList<>()).add(new LaterRow("TimeBasedWorkflow", new Row(due, row)));
                count(AUTOMATION);
            }
        }

        void search() {
            String[] row = emit("Search", "search", true, WEB);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Search");
            t.set(row, "SEARCH_QUERY", "acme " + random.nextInt(100));
            t.set(row, "NUMBER_RESULTS", Integer.toString(random.nextInt(40)));
        }

        void report() {
            String reportId = "00O5g" + Organisation.base62(random.nextInt(40), 10);
            String[] row = emit("Report", "report_run", true, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("Report");
            t.set(row, "REPORT_ID", reportId);
            t.set(row, "ENTITY_NAME", "Opportunity");
            t.set(row, "DISPLAY_TYPE", "D");
            t.set(row, "ROW_COUNT", Integer.toString(random.nextInt(2000)));
            t.set(row, "URI", "/lightning/r/Report/" + reportId + "/view");
            t.set(row, "ORIGIN", mobile ? "ReportRunFromMobile" : "ReportRunFromLightning");
        }

        void reportExport() {
            String reportId = "00O5g" + Organisation.base62(random.nextInt(40), 10);
            String[] row = emit("ReportExport", "report_export", true, WEB);
            EventLogFileTypes.Type t = EventLogFileTypes.type("ReportExport");
            t.set(row, "REPORT_ID", reportId);
            t.set(row, "URI", "/" + reportId);
            t.set(row, "CLIENT_INFO", "Excel Export");
            t.set(row, "REPORT_DESCRIPTION", "Pipeline by stage");
        }

        void dashboard() {
            String[] row = emit("Dashboard", "dashboard_view", true, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("Dashboard");
            t.set(row, "DASHBOARD_ID", "01Z5g" + Organisation.base62(random.nextInt(12), 10));
            t.set(row, "DASHBOARD_TYPE", "R");
            t.set(row, "IS_SCHEDULED", "0");
            t.set(row, "IS_SUCCESS", "1");
            t.set(row, "IS_MOBILE", mobile ? "1" : "0");
            t.set(row, "VIEWING_USER_ID", user.id15());
        }

        void knowledge() {
            String[] row = emit("KnowledgeArticleView", "knowledge_view", true, WEB);
            EventLogFileTypes.Type t = EventLogFileTypes.type("KnowledgeArticleView");
            t.set(row, "ARTICLE_ID", "kA05g" + Organisation.base62(random.nextInt(300), 10));
            t.set(row, "ARTICLE_STATUS", "Online");
            t.set(row, "LANGUAGE", "en_US");
            t.set(row, "CONTEXT", "Case");
        }

        void lightningError() {
            String[] row = emit("LightningError", "error", false, screen());
            EventLogFileTypes.Type t = EventLogFileTypes.type("LightningError");
            t.set(row, "APP_NAME", appName());
            t.set(row, "DEVICE_PLATFORM", devicePlatform());
            t.set(row, "PAGE_ENTITY_TYPE", user.team().module().equals("service") ? "Case" : "Opportunity");
            t.set(row, "PAGE_URL", "/lightning/o/Case/home");
            t.set(row, "MESSAGE", "Cannot read properties of undefined");
            t.set(row, "COMPONENT_NAME", "force:recordEdit");
        }

        /** CRM Analytics: the analytics team opens dashboards and works in them (module analytics). */
        void analytics() {
            String waveSession = Dynamics365Export.guid(extra);
            int changes = 1 + extra.nextInt(3);
            long at = millis;
            for (int i = 0; i < changes; i++) {
                at += (20 + extra.nextInt(200)) * 1000L;
                String[] row = elfRow("WaveChange", at, user.id18(), extra);
                EventLogFileTypes.Type t = EventLogFileTypes.type("WaveChange");
                t.set(row, "ANALYTICS_MODE", "tab");
                t.set(row, "IS_MOBILE", "0");
                t.set(row, "IS_NEW", i == 0 ? "1" : "0");
                t.set(row, "PAGE_CONTEXT", "aura");
                t.set(row, "VIEW_MODE", "view");
                t.set(row, "TYPE", "dashboard");
                t.set(row, "WAVE_SESSION_ID", waveSession);
                t.set(row, "WAVE_TIMESTAMP", Long.toString(at));
                add("WaveChange", at, row);
                countPersonEvent(WEB, "dashboard_view", true, at);
            }
            int interactions = extra.nextInt(5);
            for (int i = 0; i < interactions; i++) {
                at += (10 + extra.nextInt(120)) * 1000L;
                String[] row = elfRow("WaveInteraction", at, user.id18(), extra);
                EventLogFileTypes.Type t = EventLogFileTypes.type("WaveInteraction");
                t.set(row, "NUM_CLICKS", Integer.toString(1 + extra.nextInt(12)));
                t.set(row, "NUM_SESSIONS", "1");
                t.set(row, "READ_TIME", Integer.toString(2000 + extra.nextInt(60_000)));
                t.set(row, "TOTAL_TIME", Integer.toString(5000 + extra.nextInt(120_000)));
                t.set(row, "TYPE", "dashboard");
                t.set(row, "VIEW_MODE", "view");
                t.set(row, "WAVE_SESSION_ID", waveSession);
                add("WaveInteraction", at, row);
                countPersonEvent(WEB, "ui_interaction", true, at);
            }
        }

        /** The teams that also work in HubSpot or Dynamics 365 do so on some of their working days. */
        void otherProducts() {
            String team = user.team().name();
            if (team.equals(SamplePatterns.HUBSPOT_TEAM) && extra.nextInt(100) < 40) {
                hubspot.session(Activity.this, user, start + extra.nextInt(4 * 3600) * 1000L, mobile, extra);
            } else if (team.equals(SamplePatterns.DYNAMICS_TEAM) && extra.nextInt(100) < 50) {
                dynamics.session(Activity.this, user, start + extra.nextInt(4 * 3600) * 1000L, mobile, extra);
            }
        }

        void api() {
            String[] entities = {"Account", "Contact", "Opportunity", "Lead"};
            String entity = entities[random.nextInt(entities.length)];
            int roll = random.nextInt(100);
            boolean failed = random.nextInt(100) < 2;
            String canonical;
            if (random.nextInt(100) < 70) {
                String method = roll < 60 ? "query" : roll < 85 ? "update" : roll < 95 ? "create" : "upsert";
                canonical = switch (method) {
                    case "update", "upsert" -> "record_update";
                    case "create" -> "record_create";
                    default -> "api_call";
                };
                String[] row = emit("API", canonical, !failed, API);
                EventLogFileTypes.Type t = EventLogFileTypes.type("API");
                t.set(row, "API_TYPE", "E");
                t.set(row, "API_VERSION", "60.0");
                t.set(row, "CLIENT_NAME", "MuleSoft");
                t.set(row, "METHOD_NAME", method);
                t.set(row, "ENTITY_NAME", entity);
                t.set(row, "ROWS_PROCESSED", Integer.toString(1 + random.nextInt(200)));
            } else {
                String method = roll < 70 ? "GET" : roll < 90 ? "PATCH" : "POST";
                canonical = switch (method) {
                    case "PATCH" -> "record_update";
                    case "POST" -> "record_create";
                    default -> "api_call";
                };
                String[] row = emit("RestApi", canonical, !failed, API);
                EventLogFileTypes.Type t = EventLogFileTypes.type("RestApi");
                String id = CrmRecords.prefix(entity) + "5g" + Organisation.base62(random.nextInt(100_000), 10);
                t.set(row, "METHOD", method);
                t.set(row, "URI", "/services/data/v60.0/sobjects/" + entity + (method.equals("POST") ? "" : "/" + id));
                t.set(row, "STATUS_CODE", failed ? "500" : method.equals("POST") ? "201" : "200");
                t.set(row, "MEDIA_TYPE", "application/json");
                t.set(row, "ENTITY_NAME", entity);
            }
            // Triggers run once per batch of records the integration writes, under the integration's user.
            if (!failed && !canonical.equals("api_call") && extra.nextInt(100) < 5) {
                String[] trigger = automation("ApexTrigger", millis + 5 + extra.nextInt(40), user.id18(), extra);
                EventLogFileTypes.Type t = EventLogFileTypes.type("ApexTrigger");
                t.set(trigger, "ENTITY_NAME", entity);
                t.set(trigger, "TRIGGER_NAME", entity + "Trigger");
                t.set(trigger, "TRIGGER_TYPE", canonical.equals("record_create") ? "AfterInsert" : "AfterUpdate");
                t.set(trigger, "TRIGGER_ID", "01q5g" + Organisation.base62(CrmRecords.prefix(entity).hashCode() & 0xFFFF, 10));
                t.set(trigger, "EXEC_TIME", Integer.toString(3 + extra.nextInt(200)));
            }
        }

        /** The service console feed: help views, case edits from the field app, and failed saves. */
        void consoleTelemetry(boolean struggling) {
            int helps = struggling ? 2 + random.nextInt(4) : random.nextInt(2);
            for (int i = 0; i < helps; i++) {
                json("help_view", null, null, true, null);
            }
            if (user.team().behaviour() == Organisation.Behaviour.STALE) {
                int edits = 1 + random.nextInt(3);
                for (int i = 0; i < edits; i++) {
                    CrmRecords.Ref ref = someRecord();
                    json("record_update", ref.objectType(), ref.recordId(), true, null);
                }
            }
            if (struggling) {
                int failures = 1 + random.nextInt(2);
                for (int i = 0; i < failures; i++) {
                    CrmRecords.Ref ref = someRecord();
                    json("record_update", "Case", ref.objectType().equals("Case") ? ref.recordId() : null, false,
                            "CASE_SAVE_FAILED");
                }
            }
        }

        private void json(String eventType, String objectType, String recordId, boolean success, String errorCode) {
            millis += (20 + random.nextInt(200)) * 1000L;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event_id", "sc-" + Long.toHexString(seed) + "-" + Long.toString(jsonSequence++, 36));
            event.put("occurred_at", Times.iso(millis));
            event.put("user_id", user.id18());
            event.put("session_id", sessionKey);
            event.put("event_type", eventType);
            event.put("module", "service");
            if (objectType != null) {
                event.put("object_type", objectType);
            }
            if (recordId != null) {
                event.put("record_id", recordId);
            }
            event.put("client", screen());
            event.put("status", success ? "success" : "failure");
            if (errorCode != null) {
                event.put("error_code", errorCode);
            }
            event.put("duration_ms", 100 + random.nextInt(3000));
            event.put("source", SamplePatterns.JSONL_SOURCE);
            event.put("_millis", millis);
            dayJson.add(event);
            jsonEvents++;
            countPersonEvent(screen(), eventType, success, millis);
        }
    }

    private void writeDay(Path out, LocalDate date) throws IOException {
        for (Map.Entry<String, List<Row>> entry : dayRows.entrySet()) {
            List<Row> rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            rows.sort(Comparator.comparingLong(Row::millis));
            ElfFiles.Shape shape = elfFiles.shape(day, entry.getKey());
            if (shape == ElfFiles.Shape.LOGIN_HISTORY) {
                downloads.logins(rows);
                continue;
            }
            files += elfFiles.write(date, entry.getKey(), rows, shape);
            if (shape == ElfFiles.Shape.PLAIN) {
                elfEvents += rows.size();
            } else {
                exportEvents += rows.size();
            }
        }
        files += elfFiles.endOfDay(date);
        if (!dayJson.isEmpty()) {
            Path jsonDir = out.resolve("jsonl");
            Files.createDirectories(jsonDir);
            dayJson.sort(Comparator.comparingLong(e -> (Long) e.get("_millis")));
            JsonFactory factory = new JsonFactory();
            try (BufferedWriter writer = Files.newBufferedWriter(jsonDir.resolve(date + ".jsonl"), StandardCharsets.UTF_8)) {
                for (Map<String, Object> event : dayJson) {
                    try (JsonGenerator json = factory.createGenerator(writer)) {
                        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                        json.writeStartObject();
                        for (Map.Entry<String, Object> field : event.entrySet()) {
                            if (field.getKey().startsWith("_")) {
                                continue;
                            }
                            if (field.getValue() instanceof Integer number) {
                                json.writeNumberField(field.getKey(), number);
                            } else {
                                json.writeStringField(field.getKey(), (String) field.getValue());
                            }
                        }
                        json.writeEndObject();
                    }
                    writer.write('\n');
                }
            }
            files++;
        }
    }
}
