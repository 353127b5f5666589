package io.uptake.sampledata;

import io.uptake.warehouse.RoiAssumptions;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Simulates every user's working days and writes them out one day at a time: EventLogFile CSV per
 * event type per day, and the service console's JSON lines. Nothing event-sized is kept in memory
 * beyond one day; what ROI needs (minutes saved per month) is tallied on the way.
 */
final class Activity {

    static final CSVFormat ELF_CSV = CSVFormat.DEFAULT.builder()
            .setQuoteMode(QuoteMode.ALL).setRecordSeparator("\n").get();
    private static final DateTimeFormatter ELF_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Row(long millis, String[] values) {}

    private final Organisation org;
    private final CrmRecords records;
    private final RoiAssumptions assumptions;
    private final long seed;
    /** Minutes saved by human users' active events, per month (the ROI time benefit). */
    final Map<YearMonth, Double> minutesSaved = new TreeMap<>();
    long elfEvents;
    long jsonEvents;
    long files;

    private Map<String, List<Row>> dayRows;
    private List<Map<String, Object>> dayJson;
    private long jsonSequence;

    Activity(Organisation org, CrmRecords records, RoiAssumptions assumptions, long seed) {
        this.org = org;
        this.records = records;
        this.assumptions = assumptions;
        this.seed = seed;
    }

    void writeAll(Path out) throws IOException {
        for (int day = 0; day < org.days(); day++) {
            dayRows = new LinkedHashMap<>();
            EventLogFileTypes.TYPES.keySet().forEach(type -> dayRows.put(type, new ArrayList<>()));
            dayJson = new ArrayList<>();
            for (Organisation.User user : org.users) {
                SplittableRandom random = new SplittableRandom(mix(seed, user.index(), day));
                if (user.human()) {
                    simulateHuman(user, day, random);
                } else {
                    simulateIntegration(user, day, random);
                }
            }
            writeDay(out, org.day(day));
        }
    }

    private static long mix(long seed, int user, int day) {
        long h = seed * 0x9E3779B97F4A7C15L + user;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + day;
        return h ^ (h >>> 29);
    }

    private void simulateHuman(Organisation.User user, int day, SplittableRandom random) {
        if (day < user.firstActiveDay() || day > user.lastActiveDay()) {
            return;
        }
        LocalDate date = org.day(day);
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        double p = user.weekdayActivity() * (weekend ? 0.08 : 1.0);
        if (user.team().behaviour() == Organisation.Behaviour.DECAYING && user.lastActiveDay() < org.days() - 1) {
            // Fading out: less and less use until the day they stop.
            double progress = (double) (day - user.firstActiveDay()) / Math.max(1, user.lastActiveDay() - user.firstActiveDay());
            p *= 1.0 - 0.5 * progress;
        }
        if (random.nextDouble() >= p) {
            return;
        }
        Session s = new Session(user, date, random);
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
        if (random.nextInt(100) < 70) {
            s.logout();
        }
    }

    private static int scaled(int base, double density, SplittableRandom random) {
        double value = base * density;
        int whole = (int) value;
        return whole + (random.nextDouble() < value - whole ? 1 : 0);
    }

    private void simulateIntegration(Organisation.User user, int day, SplittableRandom random) {
        boolean heavy = user.displayName().equals(SamplePatterns.HEAVY_API_USER);
        int calls = (int) Math.round(org.size.users * 0.8 * org.size.density * (heavy ? 1.0 : 0.2));
        Session s = new Session(user, org.day(day), random);
        s.apiLogin();
        for (int i = 0; i < calls; i++) {
            s.api();
        }
    }

    /** One user's working session on one day: events in time order. */
    private final class Session {
        private final Organisation.User user;
        private final SplittableRandom random;
        private final String sessionKey;
        private final String loginKey;
        private final String ip;
        private final boolean mobile;
        private long millis;

        Session(Organisation.User user, LocalDate date, SplittableRandom random) {
            this.user = user;
            this.random = random;
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
        }

        private String[] emit(String typeName, String canonicalType, boolean success) {
            millis += (15 + random.nextInt(240)) * 1000L + random.nextInt(1000);
            EventLogFileTypes.Type type = EventLogFileTypes.type(typeName);
            String[] row = type.newRow();
            Instant at = Instant.ofEpochMilli(millis);
            type.set(row, "TIMESTAMP", ELF_TIMESTAMP.format(at));
            type.set(row, "TIMESTAMP_DERIVED", ISO_MILLIS.format(at));
            type.set(row, "REQUEST_ID", "4" + Organisation.base62(random.nextLong(Long.MAX_VALUE), 11));
            type.set(row, "ORGANIZATION_ID", Organisation.ORGANIZATION_ID);
            type.set(row, "USER_ID", user.id15());
            type.set(row, "USER_ID_DERIVED", user.id18());
            type.set(row, "SESSION_KEY", sessionKey);
            type.set(row, "LOGIN_KEY", loginKey);
            type.set(row, "USER_TYPE", "Standard");
            type.set(row, "CLIENT_IP", ip);
            type.set(row, "RUN_TIME", Integer.toString(20 + random.nextInt(400)));
            type.set(row, "CPU_TIME", Integer.toString(5 + random.nextInt(80)));
            type.set(row, "DB_TOTAL_TIME", Integer.toString(1_000_000 + random.nextInt(9_000_000)));
            type.set(row, "REQUEST_STATUS", success ? "S" : "F");
            dayRows.get(typeName).add(new Row(millis, row));
            elfEvents++;
            tally(canonicalType, success, !typeName.equals("API") && !typeName.equals("RestApi"));
            return row;
        }

        private void tally(String canonicalType, boolean success, boolean webOrMobile) {
            if (user.human() && success && webOrMobile) {
                minutesSaved.merge(YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC)),
                        assumptions.minutesSavedBy(canonicalType), Double::sum);
            }
        }

        private String devicePlatform() {
            return mobile ? "S1:NATIVE:PHONE" : "SFX:BROWSER:DESKTOP";
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

        void login(boolean success) {
            String[] row = emit("Login", "login", success);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Login");
            t.set(row, "LOGIN_TYPE", mobile ? "Remote Access 2.0" : "Application");
            t.set(row, "BROWSER_TYPE", mobile ? "Salesforce Mobile" : "Chrome");
            t.set(row, "LOGIN_STATUS", success ? "LOGIN_NO_ERROR" : "LOGIN_ERROR_INVALID_PASSWORD");
            t.set(row, "USER_NAME", user.email());
            t.set(row, "SOURCE_IP", ip);
            t.set(row, "URI", "/index.jsp");
            t.set(row, "TLS_PROTOCOL", "TLSv1.3");
            t.set(row, "PLATFORM_TYPE", mobile ? "6010" : "1015");
        }

        void apiLogin() {
            String[] row = emit("Login", "login", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Login");
            t.set(row, "LOGIN_TYPE", "Partner Product");
            t.set(row, "API_TYPE", "E");
            t.set(row, "API_VERSION", "60.0");
            t.set(row, "LOGIN_STATUS", "LOGIN_NO_ERROR");
            t.set(row, "USER_NAME", user.email());
        }

        void logout() {
            String[] row = emit("Logout", "logout", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Logout");
            t.set(row, "USER_INITIATED_LOGOUT", "1");
            t.set(row, "SESSION_TYPE", mobile ? "O" : "U");
            t.set(row, "APP_TYPE", "1000");
        }

        void pageView() {
            boolean recordPage = random.nextInt(100) < 65;
            CrmRecords.Ref ref = someRecord();
            String[] row = emit("LightningPageView", recordPage ? "record_view" : "page_view", true);
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
            String[] row = emit("URI", "record_view", !fail);
            EventLogFileTypes.Type t = EventLogFileTypes.type("URI");
            t.set(row, "URI", "/lightning/r/" + ref.objectType() + "/" + ref.recordId() + "/view");
            t.set(row, "URI_ID_DERIVED", ref.recordId());
        }

        void interaction(boolean save) {
            CrmRecords.Ref ref = someRecord();
            String[] row = emit("LightningInteraction", save ? "record_update" : "ui_interaction", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("LightningInteraction");
            t.set(row, "APP_NAME", "one:one");
            t.set(row, "DEVICE_PLATFORM", devicePlatform());
            t.set(row, "UI_EVENT_TYPE", "user");
            t.set(row, "UI_EVENT_SOURCE", save ? "save" : "click");
            t.set(row, "RECORD_ID", ref.recordId());
            t.set(row, "PAGE_ENTITY_TYPE", ref.objectType());
            t.set(row, "TARGET_UI_ELEMENT", save ? "record-save-button" : "related-list-tab");
        }

        void search() {
            String[] row = emit("Search", "search", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Search");
            t.set(row, "SEARCH_QUERY", "acme " + random.nextInt(100));
            t.set(row, "NUMBER_RESULTS", Integer.toString(random.nextInt(40)));
        }

        void report() {
            String reportId = "00O5g" + Organisation.base62(random.nextInt(40), 10);
            String[] row = emit("Report", "report_run", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Report");
            t.set(row, "REPORT_ID", reportId);
            t.set(row, "ENTITY_NAME", "Opportunity");
            t.set(row, "DISPLAY_TYPE", "D");
            t.set(row, "ROW_COUNT", Integer.toString(random.nextInt(2000)));
            t.set(row, "URI", "/lightning/r/Report/" + reportId + "/view");
        }

        void reportExport() {
            String reportId = "00O5g" + Organisation.base62(random.nextInt(40), 10);
            String[] row = emit("ReportExport", "report_export", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("ReportExport");
            t.set(row, "REPORT_ID", reportId);
            t.set(row, "URI", "/" + reportId);
            t.set(row, "CLIENT_INFO", "Excel Export");
            t.set(row, "REPORT_DESCRIPTION", "Pipeline by stage");
        }

        void dashboard() {
            String[] row = emit("Dashboard", "dashboard_view", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("Dashboard");
            t.set(row, "DASHBOARD_ID", "01Z5g" + Organisation.base62(random.nextInt(12), 10));
            t.set(row, "DASHBOARD_TYPE", "R");
            t.set(row, "IS_SCHEDULED", "false");
            t.set(row, "IS_MOBILE", Boolean.toString(mobile));
        }

        void knowledge() {
            String[] row = emit("KnowledgeArticleView", "knowledge_view", true);
            EventLogFileTypes.Type t = EventLogFileTypes.type("KnowledgeArticleView");
            t.set(row, "ARTICLE_ID", "kA05g" + Organisation.base62(random.nextInt(300), 10));
            t.set(row, "ARTICLE_STATUS", "Online");
            t.set(row, "LANGUAGE", "en_US");
            t.set(row, "CONTEXT", "Case");
        }

        void lightningError() {
            String[] row = emit("LightningError", "error", false);
            EventLogFileTypes.Type t = EventLogFileTypes.type("LightningError");
            t.set(row, "APP_NAME", appName());
            t.set(row, "DEVICE_PLATFORM", devicePlatform());
            t.set(row, "PAGE_ENTITY_TYPE", user.team().module().equals("service") ? "Case" : "Opportunity");
            t.set(row, "PAGE_URL", "/lightning/o/Case/home");
            t.set(row, "MESSAGE", "Cannot read properties of undefined");
            t.set(row, "COMPONENT_NAME", "force:recordEdit");
        }

        void api() {
            String[] entities = {"Account", "Contact", "Opportunity", "Lead"};
            String entity = entities[random.nextInt(entities.length)];
            int roll = random.nextInt(100);
            boolean failed = random.nextInt(100) < 2;
            if (random.nextInt(100) < 70) {
                String method = roll < 60 ? "query" : roll < 85 ? "update" : roll < 95 ? "create" : "upsert";
                String canonical = switch (method) {
                    case "update", "upsert" -> "record_update";
                    case "create" -> "record_create";
                    default -> "api_call";
                };
                String[] row = emit("API", canonical, !failed);
                EventLogFileTypes.Type t = EventLogFileTypes.type("API");
                t.set(row, "API_TYPE", "E");
                t.set(row, "API_VERSION", "60.0");
                t.set(row, "CLIENT_NAME", "MuleSoft");
                t.set(row, "METHOD_NAME", method);
                t.set(row, "ENTITY_NAME", entity);
                t.set(row, "ROWS_PROCESSED", Integer.toString(1 + random.nextInt(200)));
            } else {
                String method = roll < 70 ? "GET" : roll < 90 ? "PATCH" : "POST";
                String canonical = switch (method) {
                    case "PATCH" -> "record_update";
                    case "POST" -> "record_create";
                    default -> "api_call";
                };
                String[] row = emit("RestApi", canonical, !failed);
                EventLogFileTypes.Type t = EventLogFileTypes.type("RestApi");
                String id = CrmRecords.prefix(entity) + "5g" + Organisation.base62(random.nextInt(100_000), 10);
                t.set(row, "METHOD", method);
                t.set(row, "URI", "/services/data/v60.0/sobjects/" + entity + (method.equals("POST") ? "" : "/" + id));
                t.set(row, "STATUS_CODE", failed ? "500" : method.equals("POST") ? "201" : "200");
                t.set(row, "MEDIA_TYPE", "application/json");
                t.set(row, "ENTITY_NAME", entity);
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
            event.put("occurred_at", ISO_MILLIS.format(Instant.ofEpochMilli(millis)));
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
            event.put("client", mobile ? "mobile" : "web");
            event.put("status", success ? "success" : "failure");
            if (errorCode != null) {
                event.put("error_code", errorCode);
            }
            event.put("duration_ms", 100 + random.nextInt(3000));
            event.put("source", SamplePatterns.JSONL_SOURCE);
            event.put("_millis", millis);
            dayJson.add(event);
            jsonEvents++;
            tally(eventType, success, true);
        }
    }

    private void writeDay(Path out, LocalDate date) throws IOException {
        Path elfDir = out.resolve("elf").resolve(date.toString());
        Files.createDirectories(elfDir);
        for (Map.Entry<String, List<Row>> entry : dayRows.entrySet()) {
            List<Row> rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            rows.sort(Comparator.comparingLong(Row::millis));
            EventLogFileTypes.Type type = EventLogFileTypes.type(entry.getKey());
            try (Writer writer = Files.newBufferedWriter(elfDir.resolve(entry.getKey() + ".csv"), StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, ELF_CSV)) {
                csv.printRecord(type.header());
                for (Row row : rows) {
                    csv.printRecord((Object[]) row.values());
                }
            }
            files++;
        }
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
