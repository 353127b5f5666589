package io.uptake.jobs.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.warehouse.Vocabulary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An independent computation of the adoption figures straight from the generator's raw files, with
 * no code shared with ingest or the jobs: it reads every file the generator wrote with its own small
 * readers (Commons CSV, Jackson, gzip), written from the vendors' shapes, decides who acted in each
 * record with its own rules, written from DATA.md ("Who acted", "Identities") and the vendors' codes, and
 * applies the definitions of KPIS.md in plain Java. The end-to-end tests compare the warehouse and the
 * marts against it.
 */
final class RawInputOracle {

    static final String WEB = "web";
    static final String MOBILE = "mobile";
    static final String API = "api";
    static final String AUTOMATION = "automation";

    /** A human user as users.csv describes them. */
    record User(String id, String team, boolean manager, LocalDate activatedAt, LocalDate deactivatedAt) {
        boolean licensedOn(LocalDate day) {
            return !activatedAt.isAfter(day) && (deactivatedAt == null || deactivatedAt.isAfter(day));
        }
    }

    /**
     * Whom a record names: a user of users.csv by Salesforce id ({@code user}), or someone users.csv does
     * not know, by e-mail ({@code email}, lower case) or by another system's id ({@code external}), or a
     * site's guest ({@code guest}), or a Salesforce user id that users.csv does not list ({@code user}).
     */
    record Person(String kind, String system, String value) {
        static Person user(String id18) {
            return new Person("user", null, id18);
        }

        static Person email(String email) {
            return new Person("email", null, email.strip().toLowerCase(Locale.ROOT));
        }

        static Person external(String system, String id) {
            return new Person("external", system, id);
        }

        static Person guest(String id18) {
            return new Person("guest", null, id18);
        }
    }

    /** A CRM record as records.csv describes it, as far as duplicates go. */
    record CrmRecord(String objectType, String recordId, String ownerId, Instant createdAt, String dedupeKey,
                     String sourceSystem) {}

    // DATA.md 1.1 and the Object Reference ("EventLogFile supported event types"): whose rows are programs'
    // requests, and whose are Salesforce's own server-side work.
    private static final Set<String> ELF_API_TYPES = Set.of("API", "RestApi", "BulkApi", "BulkApi2", "ApexRestApi", "ApexSoap");
    private static final Set<String> ELF_PLATFORM_TYPES =
            Set.of("ApexTrigger", "ApexCallout", "QueuedExecution", "TimeBasedWorkflow", "FlowExecution");
    private static final Set<String> ELF_SCREEN_TYPES = Set.of("URI", "Search", "SearchClick", "ReportExport", "Console");
    private static final Set<String> ELF_LIGHTNING_TYPES = Set.of("LightningPageView", "LightningInteraction", "LightningError");
    /** Report and AsyncReportRun ORIGIN values of a report a person ran at a screen. */
    private static final Map<String, String> PERSON_REPORT_ORIGINS = Map.of(
            "ReportRunFromLightning", WEB, "ReportRunFromClassic", WEB, "ReportPreviewed", WEB, "ReportExported", WEB,
            "DashboardComponentPreviewed", WEB, "ReportRunFromMobile", MOBILE, "ReportOpenedFromMobileDashboard", MOBILE);
    /** ApexExecution QUIDDITY of Apex a program called: Apex REST, SOAP web service, Bulk API. */
    private static final Set<String> API_QUIDDITIES = Set.of("H", "W", "B");
    /** Login LOGIN_TYPE codes of a person signing in at a login page or an identity provider's. */
    private static final Set<String> PERSON_LOGIN_CODES =
            Set.of("A", "s", "k", "n", "r", "z", "w", "3", "q", "9", "5", "m", "b", "c", "h", "8", "E", "j");
    /** LOGIN_SUB_TYPE (ELF) of a program's OAuth grant at the token endpoint. */
    private static final Set<String> PROGRAM_GRANTS = Set.of("oauthpassword", "oauthrefreshtoken", "oauthclientcredential",
            "oauthclientcredentials");
    /** The same grants as Login History labels them. */
    private static final Set<String> PROGRAM_GRANT_LABELS = Set.of("OAuth Username-Password", "OAuth Refresh Token",
            "OAuth Client Credentials", "OAuth Token Exchange");
    /** User agents of programs: HTTP libraries, data loaders and DevOps tools. */
    private static final Pattern PROGRAM_AGENT = Pattern.compile(
            "^(Go-http-client|Gearset|python-requests|python-urllib|Java|JAX-WS|Apache-HttpClient|curl|axios|okhttp"
                    + "|DataLoader|Workbench|sfdx|XrmToolBox|Microsoft\\.Xrm|Microsoft\\.PowerPlatform)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE_AGENT = Pattern.compile("\\b(iPhone|iPad|Android|Windows Phone|Mobile)\\b",
            Pattern.CASE_INSENSITIVE);
    /** HubSpot security-activity types of HubSpot's own jobs and bots, and of developers' tools. */
    private static final Set<String> HUBSPOT_JOBS = Set.of("BOTS_WEBHOOK_POST", "SEQUENCE_ENROLLMENT_STATE_CHANGED",
            "DATASET_SYNC", "DATA_BACKUP_CREATED", "ACCEPTANCE_TEST");
    private static final Set<String> HUBSPOT_TOOLS = Set.of("PRODUCTION_DEPLOYMENT", "SECRET_ADDED_TO_SERVERLESS_FUNCTION");
    /** The Automated Process as the Setup Audit Trail names it, and how users.csv would list it. */
    static final String AUTOMATED_PROCESS = "Automated Process";
    static final String SALESFORCE_USERNAME = "salesforce-username";
    static final String HUBSPOT = "hubspot";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter ELF_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS");
    private static final DateTimeFormatter LOGIN_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter AUDIT_TIME = DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a", Locale.US);
    private static final Map<String, ZoneOffset> US_ZONES = Map.of("PST", ZoneOffset.ofHours(-8), "PDT", ZoneOffset.ofHours(-7),
            "GMT", ZoneOffset.UTC, "UTC", ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, User> humans = new HashMap<>();
    /** Every user's display name, integration users included. */
    private final Map<String, String> displayNames = new HashMap<>();
    /** users.csv's people by e-mail (lower case) and by external id ({@code system:id}). */
    private final Map<String, String> byEmail = new HashMap<>();
    private final Map<String, String> byExternalId = new HashMap<>();
    /** user id -> module -> first completion of a training in it. */
    private final Map<String, Map<String, LocalDate>> trainedSince = new HashMap<>();
    /** Salesforce user id -> events. */
    private final Map<String, Long> eventsByUser = new HashMap<>();
    private final List<CrmRecord> records = new ArrayList<>();
    /** user id -> days with an active event. */
    private final Map<String, Set<LocalDate>> activeDays = new HashMap<>();
    /** user id -> days with an event of a program or of the platform under the user's id. */
    private final Map<String, Set<LocalDate>> machineDays = new HashMap<>();
    private final TreeSet<LocalDate> eventDays = new TreeSet<>();
    private final Map<String, Long> eventsByClient = new TreeMap<>();
    private final Map<String, Long> eventsBySource = new TreeMap<>();
    /** source -> day -> events. */
    private final Map<String, TreeMap<LocalDate, Long>> eventsBySourceAndDay = new TreeMap<>();
    private final Map<String, Map<Person, Long>> eventsByPerson = new HashMap<>();
    /** Per input, the people it names whom users.csv does not know (by e-mail or another system's id). */
    private final Map<Path, Set<Person>> unmatched = new HashMap<>();
    private long events;

    static RawInputOracle read(Path generated) throws IOException {
        RawInputOracle oracle = new RawInputOracle();
        oracle.readUsers(generated.resolve("reference/users.csv"));
        oracle.readTraining(generated.resolve("reference/training.csv"));
        oracle.readRecords(generated.resolve("reference/records.csv"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(generated)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String path = generated.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("reference/") || path.equals("README.md")) {
                continue;
            }
            oracle.readEvents(file, path);
        }
        return oracle;
    }

    /** Each kind of file by where the generator puts it; a file of no known kind fails the oracle. */
    private void readEvents(Path file, String path) throws IOException {
        String name = file.getFileName().toString();
        if (path.startsWith("elf/") && name.endsWith(".csv")) {
            readElfCsv(file, false);
        } else if (path.startsWith("jsonl/") && name.endsWith(".jsonl")) {
            readJsonLines(file);
        } else if (path.startsWith("exports/salesforce-elf/")) {
            if (name.endsWith(".csv")) {
                readElfCsv(file, false);
            } else if (name.endsWith(".csv.gz")) {
                readElfCsv(file, true);
            } else if (name.endsWith(".ndjson")) {
                readElfJsonLines(file);
            } else if (name.endsWith(".json")) {
                readElfJsonArray(file);
            } else {
                throw new IllegalStateException("The oracle reads no " + path);
            }
        } else if (path.startsWith("exports/salesforce/LoginHistory") && name.endsWith(".csv")) {
            readLoginHistory(file);
        } else if (path.startsWith("exports/salesforce/SetupAuditTrail") && name.endsWith(".csv")) {
            readSetupAuditTrail(file);
        } else if (path.startsWith("exports/hubspot/") && name.endsWith(".json")) {
            readHubSpot(file);
        } else if (path.startsWith("exports/dynamics365/") && name.endsWith(".csv")) {
            readPurviewExport(file);
        } else if (path.startsWith("exports/dynamics365/") && name.endsWith(".json")) {
            readManagementApiContent(file);
        } else {
            throw new IllegalStateException("The oracle reads no " + path);
        }
    }

    // ------------------------------------------------------------------------------------------- figures

    /** Event records in every file. */
    long events() {
        return events;
    }

    /** Events by who acted: web, mobile, api, automation. */
    Map<String, Long> eventsByClient() {
        return Map.copyOf(eventsByClient);
    }

    /** Events by source, as DATA.md names them. */
    Map<String, Long> eventsBySource() {
        return Map.copyOf(eventsBySource);
    }

    /** Events of a source that happened on the days {@code from} to {@code to}, both included (UTC days). */
    long eventsOf(String source, LocalDate from, LocalDate to) {
        return eventsBySourceAndDay.getOrDefault(source, new TreeMap<>()).subMap(from, true, to, true).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    /** The events of a source by the person they name (matched people by their Salesforce user id). */
    Map<Person, Long> eventsByPerson(String source) {
        return Map.copyOf(eventsByPerson.getOrDefault(source, Map.of()));
    }

    /** The people an input names whom users.csv does not know. */
    Set<Person> unmatchedPeople(Path input) {
        return Set.copyOf(unmatched.getOrDefault(input, Set.of()));
    }

    LocalDate lastEventDay() {
        return eventDays.last();
    }

    LocalDate firstEventDay() {
        return eventDays.first();
    }

    /** Ids of the human users (users.csv without integration users), in their 18-character form. */
    Set<String> humanIds() {
        return Set.copyOf(humans.keySet());
    }

    User human(String id) {
        return humans.get(id);
    }

    /** The user's active days up to and including {@code asOf}. */
    TreeSet<LocalDate> activeDaysOf(String id, LocalDate asOf) {
        TreeSet<LocalDate> days = new TreeSet<>(activeDays.getOrDefault(id, Set.of()));
        return new TreeSet<>(days.headSet(asOf, true));
    }

    /** The user's days with a program's or the platform's events under their id. */
    TreeSet<LocalDate> machineDaysOf(String id) {
        return new TreeSet<>(machineDays.getOrDefault(id, Set.of()));
    }

    /** The user's days with a program's or the platform's events under their id and no active event. */
    TreeSet<LocalDate> machineOnlyDaysOf(String id) {
        TreeSet<LocalDate> days = machineDaysOf(id);
        days.removeAll(activeDays.getOrDefault(id, Set.of()));
        return days;
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

    /** Status of KPIS.md user_activity at {@code asOf}. */
    String status(String id, LocalDate asOf) {
        User user = humans.get(id);
        Set<LocalDate> days = activeDays.getOrDefault(id, Set.of());
        if (!user.licensedOn(asOf)) {
            return "unlicensed";
        } else if (days.stream().noneMatch(d -> !d.isAfter(asOf))) {
            return "never_active";
        } else if (days.stream().anyMatch(d -> !d.isAfter(asOf) && d.isAfter(asOf.minusDays(28)))) {
            return "active";
        }
        return "dormant";
    }

    /** Status of KPIS.md user_activity at {@code asOf}, counted per status for the team. */
    Map<String, Long> statusCounts(String team, LocalDate asOf) {
        Map<String, Long> counts = new HashMap<>();
        for (User user : humans.values()) {
            if (inTeam(user, team)) {
                counts.merge(status(user.id(), asOf), 1L, Long::sum);
            }
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

    // ---------------------------------------------------------------------------------- one event

    /**
     * One event: counted, and for a person of users.csv an active day when it succeeded from web or
     * mobile (KPIS.md's "active event"); a program's or the platform's event under their id is not.
     */
    private void event(Path input, String source, Instant at, Person person, String client, boolean success) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        events++;
        eventDays.add(day);
        eventsByClient.merge(client, 1L, Long::sum);
        eventsBySource.merge(source, 1L, Long::sum);
        eventsBySourceAndDay.computeIfAbsent(source, s -> new TreeMap<>()).merge(day, 1L, Long::sum);
        eventsByPerson.computeIfAbsent(source, s -> new HashMap<>()).merge(person, 1L, Long::sum);
        if (person.kind().equals("email") || (person.kind().equals("external") && !isAutomatedProcess(person))) {
            unmatched.computeIfAbsent(input, i -> new HashSet<>()).add(person);
        }
        if (!person.kind().equals("user")) {
            return;
        }
        eventsByUser.merge(person.value(), 1L, Long::sum);
        if (!humans.containsKey(person.value())) {
            return;
        }
        if (success && (client.equals(WEB) || client.equals(MOBILE))) {
            activeDays.computeIfAbsent(person.value(), u -> new HashSet<>()).add(day);
        } else if (client.equals(API) || client.equals(AUTOMATION)) {
            machineDays.computeIfAbsent(person.value(), u -> new HashSet<>()).add(day);
        }
    }

    private static boolean isAutomatedProcess(Person person) {
        return person.kind().equals("external") && SALESFORCE_USERNAME.equals(person.system())
                && AUTOMATED_PROCESS.equals(person.value());
    }

    /** The person an e-mail or UPN names: users.csv's by e-mail, without regard to case. */
    private Person byEmail(String email) {
        String id = byEmail.get(email.strip().toLowerCase(Locale.ROOT));
        return id != null ? Person.user(id) : Person.email(email);
    }

    /** The person another system's id names, or failing that their e-mail (DATA.md, "Identities"). */
    private Person byExternalIdOrEmail(String system, String externalId, String email) {
        if (externalId != null && !externalId.isEmpty()) {
            String id = byExternalId.get(system + ":" + externalId);
            if (id != null) {
                return Person.user(id);
            }
            if (email == null || email.isEmpty()) {
                return Person.external(system, externalId);
            }
        }
        return byEmail(email);
    }

    // ------------------------------------------------------------------------------ Salesforce ELF

    /** An EventLogFile CSV (header in any letter case), plain or gzipped. */
    private void readElfCsv(Path file, boolean gzipped) throws IOException {
        InputStream in = Files.newInputStream(file);
        Reader reader = new InputStreamReader(gzipped ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8);
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            Map<String, String> upper = new HashMap<>();
            csv.getHeaderNames().forEach(name -> upper.put(name.toUpperCase(Locale.ROOT), name));
            for (CSVRecord row : csv) {
                elfRow(file, column -> upper.containsKey(column) ? row.get(upper.get(column)) : "");
            }
        }
    }

    /** EventLogFile rows as JSON objects, one a line, keys as Event Monitoring names the columns (Elastic). */
    private void readElfJsonLines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    elfObject(file, JSON.readTree(line));
                }
            }
        }
    }

    /** EventLogFile rows as one JSON array, keys lower-cased with Log Analytics' type suffixes (Sentinel). */
    private void readElfJsonArray(Path file) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException(file + " is not a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                elfObject(file, JSON.readTree(parser));
            }
        }
    }

    private void elfObject(Path file, JsonNode node) {
        Map<String, String> columns = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            // Log Analytics writes a column as its lower-case name plus _s (string) or _t (datetime).
            if (!key.equals(key.toUpperCase(Locale.ROOT)) && key.matches(".*_[sdtbg]")) {
                key = key.substring(0, key.length() - 2);
            }
            columns.put(key.toUpperCase(Locale.ROOT), field.getValue().asText());
        }
        elfRow(file, column -> columns.getOrDefault(column, ""));
    }

    private void elfRow(Path file, Function<String, String> row) {
        String type = row.apply("EVENT_TYPE");
        String derived = row.apply("TIMESTAMP_DERIVED");
        Instant at = !derived.isEmpty() ? Instant.parse(derived)
                : LocalDateTime.parse(row.apply("TIMESTAMP"), ELF_TIMESTAMP).toInstant(ZoneOffset.UTC);
        String rawId = !row.apply("USER_ID_DERIVED").isEmpty() ? row.apply("USER_ID_DERIVED") : row.apply("USER_ID");
        String userType = row.apply("USER_TYPE");
        boolean guest = userType.equals("Guest") || userType.equals("G") || userType.startsWith("Guest(")
                || row.apply("IS_GUEST").equals("1") || row.apply("IS_GUEST").equalsIgnoreCase("true");
        Person person = guest ? Person.guest(id18(rawId)) : Person.user(id18(rawId));
        event(file, "salesforce-elf", at, person, elfClient(type, row), elfSucceeded(type, row));
    }

    /** Who acted in an EventLogFile row (DATA.md 1.1, "Who acted", with the Object Reference's codes). */
    private static String elfClient(String type, Function<String, String> row) {
        if (type.equals("Login")) {
            return loginClient(row.apply("LOGIN_TYPE"), row.apply("LOGIN_SUB_TYPE"), row.apply("API_TYPE"),
                    row.apply("URI"), row.apply("BROWSER_TYPE"));
        }
        if (ELF_API_TYPES.contains(type)) {
            return API;
        }
        if (ELF_PLATFORM_TYPES.contains(type)) {
            return AUTOMATION;
        }
        if (ELF_SCREEN_TYPES.contains(type)) {
            return WEB;
        }
        if (ELF_LIGHTNING_TYPES.contains(type)) {
            // DEVICE_PLATFORM is name:experience:form; S1 is the Salesforce mobile app.
            String platform = row.apply("DEVICE_PLATFORM");
            return platform.startsWith("S1:") || platform.endsWith(":PHONE") || platform.endsWith(":TABLET") ? MOBILE : WEB;
        }
        return switch (type) {
            case "Logout" -> row.apply("USER_INITIATED_LOGOUT").equals("0") ? AUTOMATION
                    : Set.of("A", "I", "O", "W").contains(row.apply("SESSION_TYPE")) ? API : WEB;
            case "Report", "AsyncReportRun" -> {
                String origin = row.apply("ORIGIN");
                if (origin.isEmpty() && type.equals("Report")) {
                    yield WEB;
                }
                // Scheduled runs, dashboard refreshes and snapshots are the platform's; API runs a program's.
                yield PERSON_REPORT_ORIGINS.getOrDefault(origin, origin.startsWith("ReportRunUsing") ? API : AUTOMATION);
            }
            case "Dashboard" -> truthy(row.apply("IS_SCHEDULED")) ? AUTOMATION : truthy(row.apply("IS_MOBILE")) ? MOBILE : WEB;
            case "KnowledgeArticleView" -> switch (row.apply("CONTEXT")) {
                case "Apex" -> AUTOMATION;
                case "API" -> API;
                default -> WEB;
            };
            case "WaveChange", "WaveInteraction" ->
                    truthy(row.apply("IS_MOBILE")) || row.apply("ANALYTICS_MODE").equals("mobileNative") ? MOBILE : WEB;
            case "ApexExecution" -> API_QUIDDITIES.contains(row.apply("QUIDDITY")) ? API : AUTOMATION;
            default -> throw new IllegalStateException("The oracle has no rule for who acts in " + type + " rows");
        };
    }

    /**
     * Who signed in: a program when the login is a SOAP API login (API_TYPE), went to the OAuth token
     * endpoint, used a program's grant or a program's agent; the mobile app when a Remote Access login
     * carries its agent; a person in a browser for an interactive login type; otherwise a program.
     */
    private static String loginClient(String loginType, String subType, String apiType, String uri, String agent) {
        if (!apiType.isEmpty() || uri.startsWith("/services/oauth2/token") || PROGRAM_GRANTS.contains(subType)
                || PROGRAM_AGENT.matcher(agent).matches()) {
            return API;
        }
        if (loginType.equals("i") || loginType.equals("6")) {
            return agent.startsWith("SalesforceMobileSDK") || agent.contains("Salesforce1") ? MOBILE : API;
        }
        if (PERSON_LOGIN_CODES.contains(loginType)) {
            return agent.startsWith("Mozilla/") && PHONE_AGENT.matcher(agent).find() ? MOBILE : WEB;
        }
        return API;
    }

    private static boolean elfSucceeded(String type, Function<String, String> row) {
        if (type.equals("LightningError")) {
            return false;
        }
        if (type.equals("Login")) {
            return row.apply("LOGIN_STATUS").equals("LOGIN_NO_ERROR");
        }
        String number = row.apply("NUMBER_FAILURES");
        return !Set.of("F", "A", "N").contains(row.apply("REQUEST_STATUS"))
                && !Set.of("false", "0").contains(row.apply("SUCCESS").toLowerCase(Locale.ROOT))
                && !Set.of("false", "0").contains(row.apply("IS_SUCCESS").toLowerCase(Locale.ROOT))
                && (number.isEmpty() || Long.parseLong(number) == 0);
    }

    private static boolean truthy(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    // ------------------------------------------------------------------ Salesforce Setup downloads

    /** Setup's Login History download: people by username, times in GMT. */
    private void readLoginHistory(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                Instant at = LocalDateTime.parse(row.get("Login Time"), LOGIN_TIME).toInstant(ZoneOffset.UTC);
                String username = row.get("Username");
                event(file, "salesforce-loginhistory", at, byExternalIdOrEmail(SALESFORCE_USERNAME, username, username),
                        loginHistoryClient(row), row.get("Status").equals("Success"));
            }
        }
    }

    private static String loginHistoryClient(CSVRecord row) {
        String apiType = row.get("API Type");
        String application = row.get("Application");
        if (!apiType.isEmpty() && !apiType.equals("N/A") || PROGRAM_GRANT_LABELS.contains(row.get("Login Subtype"))
                || row.get("Login URL").contains("/services/oauth2/token")
                || Set.of("Gearset", "Data Loader", "Workbench", "Salesforce CLI").contains(application)) {
            return API;
        }
        String platform = row.get("Platform");
        if (application.equals("Salesforce for iOS") || application.equals("Salesforce for Android")
                || platform.startsWith("iPhone") || platform.startsWith("iPad") || platform.startsWith("Android")) {
            return MOBILE;
        }
        String type = row.get("Login Type");
        return type.equals("Application") || type.contains("SSO") || type.equals("Lightning Login")
                || type.startsWith("Passwordless") ? WEB : API;
    }

    /** Setup's audit trail download: changes by username (or the delegate), times in the admin's zone. */
    private void readSetupAuditTrail(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                String date = row.get("Date");
                int zone = date.lastIndexOf(' ');
                Instant at = LocalDateTime.parse(date.substring(0, zone), AUDIT_TIME)
                        .toInstant(US_ZONES.get(date.substring(zone + 1)));
                String user = row.get("User");
                String delegate = row.get("Delegate User");
                boolean platform = user.equals(AUTOMATED_PROCESS);
                Person person = !delegate.isEmpty() ? byExternalIdOrEmail(SALESFORCE_USERNAME, delegate, delegate)
                        : platform ? Person.external(SALESFORCE_USERNAME, AUTOMATED_PROCESS)
                        : byExternalIdOrEmail(SALESFORCE_USERNAME, user, user);
                // A change the Automated Process or a managed package's code made is the platform's.
                String client = platform || !row.get("Source Namespace Prefix").isEmpty() ? AUTOMATION : WEB;
                event(file, "salesforce-setupaudittrail", at, person, client, true);
            }
        }
    }

    // ------------------------------------------------------------------------------------ HubSpot

    /** HubSpot account activity API pages, one a line: logins, audit-log entries, security activity. */
    private void readHubSpot(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                for (JsonNode record : JSON.readTree(line).get("results")) {
                    hubSpotRecord(file, record);
                }
            }
        }
    }

    private void hubSpotRecord(Path file, JsonNode record) {
        if (record.has("loginAt")) {
            String agent = record.path("userAgent").asText("");
            String client = agent.matches("(?i)^(python-requests|python-urllib|curl|wget|Go-http-client|Java|"
                    + "Apache-HttpClient|axios|node-fetch|PostmanRuntime)\\b.*") ? API
                    : PHONE_AGENT.matcher(agent).find() ? MOBILE : WEB;
            event(file, "hubspot", Instant.parse(record.get("loginAt").asText()),
                    byExternalIdOrEmail(HUBSPOT, record.path("userId").asText(""), record.path("email").asText("")), client,
                    record.get("loginSucceeded").asBoolean());
        } else if (record.has("occurredAt")) {
            JsonNode actor = record.get("actingUser");
            // The audit log records only what users did in HubSpot.
            event(file, "hubspot", Instant.parse(record.get("occurredAt").asText()),
                    byExternalIdOrEmail(HUBSPOT, actor.path("userId").asText(""), actor.path("userEmail").asText("")),
                    WEB, true);
        } else {
            String type = record.get("type").asText();
            String client = HUBSPOT_JOBS.contains(type) ? AUTOMATION : HUBSPOT_TOOLS.contains(type) ? API : WEB;
            event(file, "hubspot", Instant.parse(record.get("createdAt").asText()),
                    byExternalIdOrEmail(HUBSPOT, record.path("userId").asText(""), record.path("actingUser").asText("")),
                    client, true);
        }
    }

    // ----------------------------------------------------------------------------- Dynamics 365

    /** Purview's audit search export: the record's JSON in AuditData. */
    private void readPurviewExport(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                dynamicsRecord(file, JSON.readTree(row.get("AuditData")));
            }
        }
    }

    /** The Management Activity API's content: one JSON array of records. */
    private void readManagementApiContent(Path file) throws IOException {
        for (JsonNode record : JSON.readTree(file.toFile())) {
            dynamicsRecord(file, record);
        }
    }

    /**
     * A Dynamics 365 audit record (Management Activity API schema): time in UTC without an offset, the
     * person by UPN; a flow's or a program's agent, an application or system user type is no person.
     */
    private void dynamicsRecord(Path file, JsonNode record) {
        Instant at = LocalDateTime.parse(record.get("CreationTime").asText()).toInstant(ZoneOffset.UTC);
        String upn = record.get("UserId").asText();
        String agent = record.path("UserAgent").asText("");
        int userType = record.path("UserType").asInt(0);
        String client;
        if (agent.contains("azure-logic-apps") || agent.contains("Microsoft Flow") || agent.contains("PowerAutomate")
                || Set.of(1, 4, 7, 8).contains(userType)) {
            client = AUTOMATION;
        } else if (GUID.matcher(upn.substring(0, Math.max(0, upn.indexOf('@')))).matches() || userType == 5 || userType == 6) {
            client = API;
        } else if (PHONE_AGENT.matcher(agent).find()) {
            client = MOBILE;
        } else {
            client = agent.isEmpty() || agent.startsWith("Mozilla/") ? WEB : API;
        }
        boolean failed = Set.of("failed", "failure", "false").contains(record.path("ResultStatus").asText("").toLowerCase(Locale.ROOT));
        event(file, "dynamics365", at, byEmail(upn), client, !failed);
    }

    // ------------------------------------------------------------------------------- JSON lines

    private void readJsonLines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                Instant at = OffsetDateTime.parse(event.get("occurred_at").asText()).toInstant();
                event(file, event.path("source").asText("jsonl"), at, Person.user(id18(event.get("user_id").asText())),
                        event.path("client").asText("web"), event.path("status").asText("success").equals("success"));
            }
        }
    }

    // -------------------------------------------------------------------------------- reference

    private void readUsers(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                String id = id18(row.get("user_id"));
                displayNames.put(id, row.get("display_name"));
                byEmail.put(row.get("email").strip().toLowerCase(Locale.ROOT), id);
                if (row.isMapped("external_ids") && !row.get("external_ids").isBlank()) {
                    for (String external : row.get("external_ids").split(";")) {
                        byExternalId.put(external.strip(), id);
                    }
                }
                if (row.get("license_type").equals("integration")) {
                    continue;
                }
                String deactivated = row.get("deactivated_at");
                humans.put(id, new User(id, row.get("team"), row.get("role").equals("Manager"), LocalDate.parse(row.get("activated_at")),
                        deactivated.isEmpty() ? null : LocalDate.parse(deactivated)));
            }
        }
    }

    private void readTraining(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                trainedSince.computeIfAbsent(id18(row.get("user_id")), u -> new HashMap<>())
                        .merge(row.get("module"), LocalDate.parse(row.get("completed_at")),
                                (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    private void readRecords(Path file) throws IOException {
        try (CSVParser csv = parser(file)) {
            for (CSVRecord row : csv) {
                records.add(new CrmRecord(row.get("object_type"), row.get("record_id"), id18(row.get("owner_id")),
                        Instant.parse(row.get("created_at")), row.get("dedupe_key"), row.get("source_system")));
            }
        }
    }

    /**
     * A Salesforce id in its 18-character form: the 15-character id plus, for each group of five
     * characters, the letter of A-Z0-5 whose bits mark its upper-case letters (first character lowest).
     */
    static String id18(String id) {
        String id15 = id.strip().substring(0, 15);
        StringBuilder out = new StringBuilder(id15);
        for (int group = 0; group < 15; group += 5) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                if (Character.isUpperCase(id15.charAt(group + i))) {
                    bits |= 1 << i;
                }
            }
            out.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".charAt(bits));
        }
        return out.toString();
    }

    private static CSVParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }
}
