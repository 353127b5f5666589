package io.uptake.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.source.salesforce.SalesforceIds;
import io.uptake.warehouse.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An independent computation of the adoption figures straight from the generator's raw files, with
 * no code shared with ingest or the jobs: it parses the CSV and JSON lines itself and applies the
 * definitions of KPIS.md in plain Java. The end-to-end test compares the marts against it.
 */
final class RawInputOracle {

    /** A human user as users.csv describes them. */
    record User(String id, String team, LocalDate activatedAt, LocalDate deactivatedAt) {
        boolean licensedOn(LocalDate day) {
            return !activatedAt.isAfter(day) && (deactivatedAt == null || deactivatedAt.isAfter(day));
        }
    }

    private static final Set<String> API_TYPES =
            Set.of("API", "RestApi", "BulkApi", "ApexRestApi", "ApexSoap");
    private static final Set<String> API_LOGIN_TYPES =
            Set.of("Other Apex API", "Partner Product", "SOAP Enterprise", "SOAP Partner");

    /** A CRM record as records.csv describes it, as far as duplicates go. */
    record CrmRecord(String objectType, String recordId, String ownerId, Instant createdAt, String dedupeKey,
                     String sourceSystem) {}

    private final Map<String, User> humans = new HashMap<>();
    /** Every user's display name, integration users included. */
    private final Map<String, String> displayNames = new HashMap<>();
    /** user id -> module -> first completion of a training in it. */
    private final Map<String, Map<String, LocalDate>> trainedSince = new HashMap<>();
    /** user id -> events in the ELF and JSON-lines files. */
    private final Map<String, Long> eventsByUser = new HashMap<>();
    private final List<CrmRecord> records = new ArrayList<>();
    /** user id -> days with an active event. */
    private final Map<String, Set<LocalDate>> activeDays = new HashMap<>();
    private final TreeSet<LocalDate> eventDays = new TreeSet<>();
    private long events;

    static RawInputOracle read(Path generated) throws IOException {
        RawInputOracle oracle = new RawInputOracle();
        oracle.readUsers(generated.resolve("reference/users.csv"));
        oracle.readTraining(generated.resolve("reference/training.csv"));
        oracle.readRecords(generated.resolve("reference/records.csv"));
        try (Stream<Path> files = Files.walk(generated.resolve("elf"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                oracle.readEventLogFile(file);
            }
        }
        try (Stream<Path> files = Files.walk(generated.resolve("jsonl"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                oracle.readJsonLines(file);
            }
        }
        return oracle;
    }

    /** Event rows in the ELF and JSON-lines files. */
    long events() {
        return events;
    }

    LocalDate lastEventDay() {
        return eventDays.last();
    }

    LocalDate firstEventDay() {
        return eventDays.first();
    }

    /** Users of the team ({@link Vocabulary#ALL_TEAMS} for everyone) licensed on the day. */
    long licensed(String team, LocalDate day) {
        return humans.values().stream().filter(u -> inTeam(u, team) && u.licensedOn(day)).count();
    }

    /** Licensed users of the team active on some day of [day - windowDays + 1, day]. */
    long active(String team, LocalDate day, int windowDays) {
        LocalDate from = day.minusDays(windowDays - 1L);
        return humans.values().stream()
                .filter(u -> inTeam(u, team) && u.licensedOn(day))
                .filter(u -> activeDays.getOrDefault(u.id(), Set.of()).stream()
                        .anyMatch(d -> !d.isBefore(from) && !d.isAfter(day)))
                .count();
    }

    /** Status of KPIS.md user_activity at {@code asOf}, counted per status for the team. */
    Map<String, Long> statusCounts(String team, LocalDate asOf) {
        Map<String, Long> counts = new HashMap<>();
        for (User user : humans.values()) {
            if (!inTeam(user, team)) {
                continue;
            }
            Set<LocalDate> days = activeDays.getOrDefault(user.id(), Set.of());
            String status;
            if (!user.licensedOn(asOf)) {
                status = "unlicensed";
            } else if (days.stream().noneMatch(d -> !d.isAfter(asOf))) {
                status = "never_active";
            } else if (days.stream().anyMatch(d -> !d.isAfter(asOf) && d.isAfter(asOf.minusDays(28)))) {
                status = "active";
            } else {
                status = "dormant";
            }
            counts.merge(status, 1L, Long::sum);
        }
        return counts;
    }

    /** Users of the team licensed on the day without a training in the module completed on or before it. */
    long untrainedIn(String team, String module, LocalDate day) {
        return humans.values().stream()
                .filter(u -> inTeam(u, team) && u.licensedOn(day))
                .filter(u -> {
                    LocalDate since = trainedSince.getOrDefault(u.id(), Map.of()).get(module);
                    return since == null || since.isAfter(day);
                })
                .count();
    }

    /** Events of the user with this display name. */
    long eventsOf(String displayName) {
        return displayNames.entrySet().stream().filter(e -> e.getValue().equals(displayName))
                .mapToLong(e -> eventsByUser.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** Groups of records sharing (object type, dedupe key), oldest first (created_at, then record_id). */
    private List<List<CrmRecord>> duplicateGroups() {
        Map<String, List<CrmRecord>> groups = new HashMap<>();
        for (CrmRecord r : records) {
            if (!r.dedupeKey().isEmpty()) {
                groups.computeIfAbsent(r.objectType() + "\u0000" + r.dedupeKey(), k -> new ArrayList<>()).add(r);
            }
        }
        return groups.values().stream().filter(g -> g.size() > 1).toList();
    }

    /** Duplicate groups none of whose records comes from the source system. */
    long duplicateGroupsWithout(String sourceSystem) {
        return duplicateGroups().stream()
                .filter(g -> g.stream().noneMatch(r -> r.sourceSystem().equals(sourceSystem))).count();
    }

    /** Records sharing (object type, dedupe key) with an older one: the copies, oldest excluded. */
    private List<CrmRecord> duplicateCopyRecords() {
        List<CrmRecord> copies = new ArrayList<>();
        for (List<CrmRecord> group : duplicateGroups()) {
            group.sort(Comparator.comparing(CrmRecord::createdAt).thenComparing(CrmRecord::recordId));
            copies.addAll(group.subList(1, group.size()));
        }
        return copies;
    }

    long duplicateCopies() {
        return duplicateCopyRecords().size();
    }

    long duplicateCopiesOwnedBy(String team) {
        return duplicateCopyRecords().stream()
                .filter(r -> humans.containsKey(r.ownerId()) && humans.get(r.ownerId()).team().equals(team)).count();
    }

    List<String> teams() {
        return humans.values().stream().map(User::team).distinct().sorted().toList();
    }

    private static boolean inTeam(User user, String team) {
        return team.equals(Vocabulary.ALL_TEAMS) || user.team().equals(team);
    }

    private void readUsers(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                displayNames.put(SalesforceIds.normalise(row.get("user_id")), row.get("display_name"));
                if (row.get("license_type").equals("integration")) {
                    continue;
                }
                String deactivated = row.get("deactivated_at");
                User user = new User(SalesforceIds.normalise(row.get("user_id")), row.get("team"),
                        LocalDate.parse(row.get("activated_at")),
                        deactivated.isEmpty() ? null : LocalDate.parse(deactivated));
                humans.put(user.id(), user);
            }
        }
    }

    private void readTraining(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                trainedSince.computeIfAbsent(SalesforceIds.normalise(row.get("user_id")), u -> new HashMap<>())
                        .merge(row.get("module"), LocalDate.parse(row.get("completed_at")),
                                (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    private void readRecords(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                records.add(new CrmRecord(row.get("object_type"), row.get("record_id"),
                        SalesforceIds.normalise(row.get("owner_id")), Instant.parse(row.get("created_at")),
                        row.get("dedupe_key"), row.get("source_system")));
            }
        }
    }

    private void readEventLogFile(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                String type = row.get("EVENT_TYPE");
                LocalDate day = Instant.parse(row.get("TIMESTAMP_DERIVED")).atZone(ZoneOffset.UTC).toLocalDate();
                eventDays.add(day);
                events++;
                String user = SalesforceIds.normalise(row.get("USER_ID_DERIVED"));
                eventsByUser.merge(user, 1L, Long::sum);
                if (isActive(type, row)) {
                    activeDays.computeIfAbsent(user, u -> new HashSet<>()).add(day);
                }
            }
        }
    }

    /** DATA.md's rules: success and a web or mobile client. */
    private static boolean isActive(String type, CSVRecord row) {
        if (API_TYPES.contains(type) || type.equals("LightningError")) {
            return false;
        }
        if (type.equals("Login")) {
            boolean api = !value(row, "API_TYPE").isEmpty() || API_LOGIN_TYPES.contains(value(row, "LOGIN_TYPE"));
            return !api && value(row, "LOGIN_STATUS").equals("LOGIN_NO_ERROR");
        }
        String status = value(row, "REQUEST_STATUS");
        return !(status.equals("F") || status.equals("A") || status.equals("N"));
    }

    private void readJsonLines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = json.readTree(line);
                LocalDate day = OffsetDateTime.parse(event.get("occurred_at").asText())
                        .atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
                eventDays.add(day);
                events++;
                eventsByUser.merge(SalesforceIds.normalise(event.get("user_id").asText()), 1L, Long::sum);
                String client = event.path("client").asText("web");
                String status = event.path("status").asText("success");
                if (status.equals("success") && (client.equals("web") || client.equals("mobile"))) {
                    activeDays.computeIfAbsent(SalesforceIds.normalise(event.get("user_id").asText()),
                            u -> new HashSet<>()).add(day);
                }
            }
        }
    }

    private static String value(CSVRecord row, String column) {
        return row.isMapped(column) ? row.get(column) : "";
    }

    private static CSVParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }
}
