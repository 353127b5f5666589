package io.uptake.sampledata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The HubSpot account of the team that works in HubSpot too, as its account activity API returns it:
 * pages of login history, audit-log entries and security activity ({@code exports/hubspot/}, one file
 * per endpoint and month, one page of up to 100 records a line). People are named by their numeric
 * HubSpot user id (users.csv lists it in {@code external_ids}) and their e-mail, some audit entries by
 * the e-mail alone, written with other letter case than users.csv has. An agency's consultant who is in
 * no users.csv works in the account too, and HubSpot's own jobs (a dataset sync) and a script run under
 * people's users.
 */
final class HubSpotExport {

    static final String LOGIN = "login";
    static final String AUDIT = "audit-logs";
    static final String SECURITY = "security";
    private static final int PAGE_SIZE = 100;
    private static final String PHONE_AGENT =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    private static final String SCRIPT_AGENT = "python-requests/2.31.0";
    /** Audit-log entries of a marketer's work: category, subcategory, action, canonical event type. */
    private static final String[][] AUDIT_ACTIONS = {
        {"PROPERTY_VALUE", "CONTACTS", "UPDATE", "record_update"},
        {"CRM_OBJECT", "CONTACTS", "CREATE", "record_create"},
        {"CRM_OBJECT", "DEALS", "UPDATE", "record_update"},
        {"CONTENT", "MARKETING_EMAIL", "PUBLISH", "record_update"},
        {"FORM", "FORM", "UPDATE", "record_update"}};

    private final Path dir;
    private final LocalDate lastDay;
    private final int managerIndex;
    private final Map<String, List<Map<String, Object>>> month = new LinkedHashMap<>();
    private final JsonFactory json = new JsonFactory();
    private long nextId = 5_432_653;
    private long events;
    private int files;

    HubSpotExport(Path dir, Organisation org) {
        this.dir = dir;
        this.lastDay = org.lastDay;
        this.managerIndex = org.manager(SamplePatterns.HUBSPOT_TEAM).index();
        for (String endpoint : List.of(LOGIN, AUDIT, SECURITY)) {
            month.put(endpoint, new ArrayList<>());
        }
    }

    long events() {
        return events;
    }

    int files() {
        return files;
    }

    /** A person's session: a login, then a few changes in the CRM. */
    void session(Activity activity, Organisation.User user, long at, boolean mobile, SplittableRandom random) {
        String agent = mobile ? PHONE_AGENT : Activity.browserAgent(user.index());
        login(user.hubspotId(), user.email(), at, agent, true, random);
        activity.countPersonEvent(mobile ? Activity.MOBILE : Activity.WEB, "login", true, at);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            at += (30 + random.nextInt(600)) * 1000L;
            String[] action = AUDIT_ACTIONS[random.nextInt(AUDIT_ACTIONS.length)];
            // Some entries name the person by e-mail alone, as HubSpot shows it, in another letter case.
            boolean byEmailOnly = random.nextInt(4) == 0;
            audit(byEmailOnly ? null : user.hubspotId(), byEmailOnly ? mixedCase(user.email()) : user.email(), at,
                    action, random);
            activity.countPersonEvent(Activity.WEB, action[3], true, at);
        }
    }

    /**
     * What runs under the team's users without them: the manager's nightly dataset sync (HubSpot's own
     * job) and, on Mondays, a colleague's reporting script logging in with their credentials.
     */
    void scheduledWork(Activity activity, Organisation.User user, long dayStart, LocalDate date, SplittableRandom random) {
        if (user.index() == managerIndex) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", Long.toString(nextId++));
            record.put("createdAt", iso(dayStart + 3 * 3_600_000L + random.nextInt(600_000)));
            record.put("type", "DATASET_SYNC");
            record.put("userId", Long.parseLong(user.hubspotId()));
            record.put("actingUser", user.email());
            record.put("objectId", "ds-" + (1000 + random.nextInt(9000)));
            add(SECURITY, record);
            activity.count(Activity.AUTOMATION);
        } else if (user.index() == managerIndex + 1 && date.getDayOfWeek() == DayOfWeek.MONDAY) {
            long at = dayStart + 5 * 3_600_000L + random.nextInt(600_000);
            login(user.hubspotId(), user.email(), at, SCRIPT_AGENT, true, random);
            activity.count(Activity.API);
        }
    }

    /** The agency's consultant, in no users.csv: logs in (now and then mistyping the password) and edits. */
    void outsider(Activity activity, long at, SplittableRandom random) {
        boolean fails = random.nextInt(10) == 0;
        login(SamplePatterns.HUBSPOT_OUTSIDER_ID, SamplePatterns.HUBSPOT_OUTSIDER_EMAIL, at,
                Activity.browserAgent(3), !fails, random);
        activity.count(Activity.WEB);
        if (fails) {
            return;
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            at += (60 + random.nextInt(900)) * 1000L;
            audit(SamplePatterns.HUBSPOT_OUTSIDER_ID, SamplePatterns.HUBSPOT_OUTSIDER_EMAIL, at,
                    AUDIT_ACTIONS[random.nextInt(AUDIT_ACTIONS.length)], random);
            activity.count(Activity.WEB);
        }
    }

    private void login(String userId, String email, long at, String agent, boolean succeeded, SplittableRandom random) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", Long.toString(nextId++));
        record.put("loginAt", iso(at));
        record.put("userId", Long.parseLong(userId));
        record.put("email", email);
        record.put("ipAddress", "198.51.100." + (1 + random.nextInt(254)));
        record.put("countryCode", "ie");
        record.put("regionCode", "d");
        record.put("userAgent", agent);
        record.put("loginSucceeded", succeeded);
        add(LOGIN, record);
    }

    private void audit(String userId, String email, long at, String[] action, SplittableRandom random) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", Long.toString(nextId++));
        record.put("occurredAt", iso(at));
        record.put("category", action[0]);
        record.put("subCategory", action[1]);
        record.put("action", action[2]);
        record.put("targetObjectId", Long.toString(10_000_000L + random.nextInt(90_000_000)));
        Map<String, Object> actor = new LinkedHashMap<>();
        if (userId != null) {
            actor.put("userId", Long.parseLong(userId));
        }
        actor.put("userEmail", email);
        record.put("actingUser", actor);
        add(AUDIT, record);
    }

    private void add(String endpoint, Map<String, Object> record) {
        month.get(endpoint).add(record);
        events++;
    }

    /** An address as a person might type it: the first letter of each part in upper case. */
    static String mixedCase(String email) {
        StringBuilder out = new StringBuilder(email.length());
        boolean start = true;
        for (char c : email.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '.' || c == '@';
        }
        return out.toString();
    }

    private static String iso(long millis) {
        return Times.iso(millis);
    }

    /** At the end of a month (or of the window) the month's pages are written. */
    void endOfDay(LocalDate date) throws IOException {
        if (date.equals(lastDay) || !YearMonth.from(date.plusDays(1)).equals(YearMonth.from(date))) {
            writeMonth(YearMonth.from(date));
        }
    }

    void close() throws IOException {
        for (List<Map<String, Object>> records : month.values()) {
            if (!records.isEmpty()) {
                throw new IllegalStateException("HubSpot records left unwritten");
            }
        }
    }

    private void writeMonth(YearMonth yearMonth) throws IOException {
        for (Map.Entry<String, List<Map<String, Object>>> endpoint : month.entrySet()) {
            List<Map<String, Object>> records = endpoint.getValue();
            if (records.isEmpty()) {
                continue;
            }
            Files.createDirectories(dir);
            Path file = dir.resolve(endpoint.getKey() + "-" + yearMonth + ".json");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int from = 0; from < records.size(); from += PAGE_SIZE) {
                    int to = Math.min(records.size(), from + PAGE_SIZE);
                    page(writer, endpoint.getKey(), records.subList(from, to),
                            to < records.size() ? (String) records.get(to).get("id") : null);
                    writer.write('\n');
                }
            }
            files++;
            records.clear();
        }
    }

    /** One page as the API answers it: its results and, unless it is the last, where the next one starts. */
    private void page(Writer writer, String endpoint, List<Map<String, Object>> results, String nextId) throws IOException {
        try (JsonGenerator out = json.createGenerator(writer)) {
            out.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            out.writeStartObject();
            out.writeArrayFieldStart("results");
            for (Map<String, Object> record : results) {
                JsonValues.write(out, record);
            }
            out.writeEndArray();
            if (nextId != null) {
                String after = Base64.getEncoder().encodeToString(nextId.getBytes(StandardCharsets.UTF_8));
                out.writeObjectFieldStart("paging");
                out.writeObjectFieldStart("next");
                out.writeStringField("after", after);
                out.writeStringField("link", "https://api.hubapi.com/account-info/v3/activity/"
                        + endpoint.toLowerCase(Locale.ROOT) + "?after=" + after.replace("=", "%3D"));
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndObject();
        }
    }
}
