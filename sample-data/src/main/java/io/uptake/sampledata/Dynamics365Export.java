package io.uptake.sampledata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The Dynamics 365 organisation of the team that works in it too, as Microsoft 365 audit records of the
 * CRM workload ({@code exports/dynamics365/}, one file a month): the Purview audit search export (CSV,
 * the record's JSON in {@code AuditData}), and for the last month the Office 365 Management Activity
 * API's content (a JSON array of records). People are named by UPN, their e-mail, sometimes in other
 * letter case than users.csv has. A temporary agent who is in no users.csv works in it too; a Power
 * Automate flow runs under the team manager's UPN, and a person now and then reads data with a tool.
 */
final class Dynamics365Export {

    private static final String ORGANIZATION_ID = "5e1b7c2a-9f34-4d8e-b6a1-3c2d4e5f6a7b";
    private static final String INSTANCE = "https://northwind.crm4.dynamics.com";
    private static final String EDGE_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
    private static final String PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    /** Power Automate's cloud flows call Dataverse as Logic Apps do. */
    private static final String FLOW_AGENT = "azure-logic-apps/1.0 (workflow 3f8a1c5e2b7d4e9f8a6c1b2d3e4f5a6b; version 08584729123456789012)";
    private static final String TOOL_AGENT = "XrmToolBox/1.2024.10.68";
    private static final List<String> CSV_HEADER = List.of("RecordId", "CreationDate", "RecordType", "Operation", "UserId",
            "AuditData", "AssociatedAdminUnits", "AssociatedAdminUnitsNames");
    private static final DateTimeFormatter CREATION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private final Path dir;
    private final LocalDate lastDay;
    private final List<Map<String, Object>> month = new ArrayList<>();
    private final JsonFactory json = new JsonFactory();
    private long events;
    private int files;

    Dynamics365Export(Path dir, Organisation org) {
        this.dir = dir;
        this.lastDay = org.lastDay;
    }

    long events() {
        return events;
    }

    int files() {
        return files;
    }

    /** A random GUID in its lower-case text form. */
    static String guid(SplittableRandom random) {
        String hex = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }

    /**
     * A person's work in the app: a case list, then cases, accounts and contacts opened and cases updated;
     * now and then a list read with a desktop tool instead.
     */
    void session(Activity activity, Organisation.User user, long at, boolean mobile, SplittableRandom random) {
        String upn = random.nextInt(3) == 0 ? HubSpotExport.mixedCase(user.email()) : user.email();
        String agent = mobile ? PHONE_AGENT : EDGE_AGENT;
        String client = mobile ? Activity.MOBILE : Activity.WEB;
        add(record(upn, userKey(user.index()), at, "RetrieveMultiple", "incident", agent, random));
        activity.countPersonEvent(client, "page_view", true, at);
        int more = 1 + random.nextInt(4);
        for (int i = 0; i < more; i++) {
            at += (20 + random.nextInt(400)) * 1000L;
            int roll = random.nextInt(100);
            String message = roll < 40 ? "Update" : "Retrieve";
            String entity = roll < 70 ? "incident" : roll < 85 ? "account" : "contact";
            add(record(upn, userKey(user.index()), at, message, entity, agent, random));
            activity.countPersonEvent(client, message.equals("Update") ? "record_update" : "record_view", true, at);
        }
        if (random.nextInt(100) < 5) {
            at += (60 + random.nextInt(600)) * 1000L;
            add(record(user.email(), userKey(user.index()), at, "RetrieveMultiple", "contact", TOOL_AGENT, random));
            activity.count(Activity.API);
        }
    }

    /** The manager's Power Automate flow: it reads the cases waiting for a customer and updates them. */
    void flow(Activity activity, Organisation.User manager, long at, SplittableRandom random) {
        add(record(manager.email(), userKey(manager.index()), at, "RetrieveMultiple", "incident", FLOW_AGENT, random));
        add(record(manager.email(), userKey(manager.index()), at + 2000 + random.nextInt(5000), "Update", "incident",
                FLOW_AGENT, random));
        activity.count(Activity.AUTOMATION);
        activity.count(Activity.AUTOMATION);
    }

    /** The temporary agent, in no users.csv. */
    void outsider(Activity activity, long at, SplittableRandom random) {
        int records = 1 + random.nextInt(3);
        for (int i = 0; i < records; i++) {
            add(record(SamplePatterns.DYNAMICS_OUTSIDER_EMAIL, "10037FFE9A0B1C2D", at, i == 0 ? "RetrieveMultiple" : "Retrieve",
                    "incident", EDGE_AGENT, random));
            activity.count(Activity.WEB);
            at += (30 + random.nextInt(300)) * 1000L;
        }
    }

    private static String userKey(int index) {
        return String.format(Locale.ROOT, "1003%012X", 0x3A7F00L + index * 7_919L);
    }

    /** One audit record, with the fields of the common schema and of the Dynamics 365 schemas. */
    private static Map<String, Object> record(String upn, String userKey, long at, String message, String entity,
                                              String agent, SplittableRandom random) {
        String id = guid(random);
        String entityId = guid(random);
        String itemUrl = INSTANCE + "/main.aspx?etn=" + entity + "&id=" + entityId + "&pagetype=entityrecord";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("CreationTime", CREATION_TIME.format(Instant.ofEpochMilli(at)));
        record.put("Id", id);
        record.put("Operation", message);
        record.put("OrganizationId", ORGANIZATION_ID);
        record.put("RecordType", 21);
        record.put("ResultStatus", "Success");
        record.put("UserKey", userKey);
        record.put("UserType", 0);
        record.put("Version", 1);
        record.put("Workload", "CRM");
        record.put("ClientIP", "203.0.113." + (1 + random.nextInt(254)));
        record.put("ObjectId", itemUrl);
        record.put("UserId", upn);
        record.put("CrmOrganizationUniqueName", "unq5e1b7c2a9f344d8eb6a13c2d4e5f6");
        record.put("InstanceUrl", INSTANCE);
        record.put("ItemType", entity);
        record.put("ItemUrl", itemUrl);
        record.put("UserAgent", agent);
        record.put("EntityId", message.equals("RetrieveMultiple") ? "00000000-0000-0000-0000-000000000000" : entityId);
        record.put("EntityName", entity);
        record.put("Message", message);
        record.put("CorrelationId", guid(random));
        return record;
    }

    private void add(Map<String, Object> record) {
        month.add(record);
        events++;
    }

    /** At the end of a month (or of the window) the month's records are written. */
    void endOfDay(LocalDate date) throws IOException {
        if (date.equals(lastDay) || !YearMonth.from(date.plusDays(1)).equals(YearMonth.from(date))) {
            if (!month.isEmpty()) {
                write(YearMonth.from(date));
                month.clear();
            }
        }
    }

    void close() {
        if (!month.isEmpty()) {
            throw new IllegalStateException("Dynamics 365 records left unwritten");
        }
    }

    private void write(YearMonth yearMonth) throws IOException {
        Files.createDirectories(dir);
        if (yearMonth.equals(YearMonth.from(lastDay))) {
            // The last month as the Management Activity API hands out a content blob: one JSON array.
            try (Writer writer = Files.newBufferedWriter(dir.resolve("audit-general-" + yearMonth + ".json"),
                    StandardCharsets.UTF_8)) {
                writer.write("[");
                for (int i = 0; i < month.size(); i++) {
                    writer.write(i == 0 ? "\n" : ",\n");
                    writer.write(compact(month.get(i)));
                }
                writer.write("\n]\n");
            }
        } else {
            try (Writer writer = Files.newBufferedWriter(dir.resolve("purview-audit-" + yearMonth + ".csv"),
                    StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(writer, CSV)) {
                csv.printRecord(CSV_HEADER);
                for (Map<String, Object> record : month) {
                    csv.printRecord(record.get("Id"), record.get("CreationTime") + ".0000000Z", "21",
                            record.get("Operation"), record.get("UserId"), compact(record), "", "");
                }
            }
        }
        files++;
    }

    private String compact(Map<String, Object> record) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = json.createGenerator(text)) {
            JsonValues.write(out, record);
        }
        return text.toString();
    }
}
