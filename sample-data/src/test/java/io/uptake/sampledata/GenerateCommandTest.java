package io.uptake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    static Path dir;
    static Path small;
    static GenerateCommand.Summary summary;

    @BeforeAll
    static void generateSmall() throws IOException {
        small = dir.resolve("small");
        summary = GenerateCommand.generate(small, 42, Size.SMALL);
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        Path again = dir.resolve("again");
        GenerateCommand.generate(again, 42, Size.SMALL);
        List<Path> files = files(small);
        assertThat(files(again)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.mismatch(small.resolve(file), again.resolve(file))).as(file.toString()).isEqualTo(-1L);
        }
        Path other = dir.resolve("other");
        GenerateCommand.generate(other, 7, Size.SMALL);
        assertThat(Files.mismatch(small.resolve("reference/users.csv"), other.resolve("reference/users.csv")))
                .isNotEqualTo(-1L);
    }

    @Test
    void smallIsAboutAHundredThousandEventsOverNinetyDays() throws IOException {
        assertThat(summary.users()).isEqualTo(200);
        assertThat(summary.events()).isBetween(80_000L, 130_000L);
        try (Stream<Path> days = Files.list(small.resolve("elf"))) {
            List<String> names = days.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(90).startsWith("2025-10-03").endsWith("2025-12-31");
        }
    }

    @Test
    void usersFileHasTheColumnsOfTheDataReference() throws IOException {
        assertThat(Files.readAllLines(small.resolve("reference/users.csv")).get(0)).isEqualTo(
                "user_id,display_name,email,team,department,role,region,manager_id,license_type,"
                        + "license_monthly_cost,activated_at,deactivated_at,wave,external_ids");
        List<CSVRecord> users = read(small.resolve("reference/users.csv"));
        long fifteen = users.stream().filter(u -> u.get("user_id").length() == 15).count();
        assertThat(fifteen).as("users listed with the 15-character id").isBetween(20L, 80L);
        assertThat(users).filteredOn(u -> u.get("license_type").equals("integration")).hasSize(2);
        assertThat(read(small.resolve("reference/waves.csv"))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void everyEventLogFileHasTheRealHeaderAndBothTimestampsAgree() throws IOException {
        for (Path file : files(small.resolve("elf"))) {
            List<CSVRecord> rows = read(small.resolve("elf").resolve(file));
            CSVRecord first = rows.get(0);
            assertThat(first.getParser().getHeaderNames())
                    .contains("EVENT_TYPE", "TIMESTAMP", "TIMESTAMP_DERIVED", "USER_ID", "USER_ID_DERIVED");
            String timestamp = first.get("TIMESTAMP");
            String derived = first.get("TIMESTAMP_DERIVED");
            assertThat(derived).isEqualTo(timestamp.substring(0, 4) + "-" + timestamp.substring(4, 6) + "-"
                    + timestamp.substring(6, 8) + "T" + timestamp.substring(8, 10) + ":" + timestamp.substring(10, 12)
                    + ":" + timestamp.substring(12) + "Z");
            assertThat(file.getFileName().toString()).isEqualTo(first.get("EVENT_TYPE") + ".csv");
        }
    }

    /** Seen at work: a page viewed (scheduled work under their ids goes on after they stop). */
    @Test
    void theDecayingTeamIsMostlyDormantAndTheStrongTeamMostlyActive() throws IOException {
        Map<String, String> teamOf = new HashMap<>();
        for (CSVRecord u : read(small.resolve("reference/users.csv"))) {
            teamOf.put(u.get("user_id").substring(0, 15), u.get("team"));
        }
        Map<String, LocalDate> lastSeen = new HashMap<>();
        for (Path file : files(small.resolve("elf"))) {
            if (!file.getFileName().toString().equals("LightningPageView.csv")) {
                continue;
            }
            for (CSVRecord row : read(small.resolve("elf").resolve(file))) {
                lastSeen.merge(row.get("USER_ID"), LocalDate.parse(row.get("TIMESTAMP_DERIVED").substring(0, 10)),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        LocalDate windowStart = SamplePatterns.LAST_DAY.minusDays(27);
        assertThat(shareSeenSince(teamOf, lastSeen, SamplePatterns.DECAYING_TEAM, windowStart)).isLessThan(0.4);
        assertThat(shareSeenSince(teamOf, lastSeen, SamplePatterns.STRONG_TEAM, windowStart)).isGreaterThan(0.85);
    }

    @Test
    void theHeavyIntegrationUserMakesMostApiCalls() throws IOException {
        Map<String, String> nameOf = new HashMap<>();
        for (CSVRecord u : read(small.resolve("reference/users.csv"))) {
            nameOf.put(u.get("user_id").substring(0, 15), u.get("display_name"));
        }
        Map<String, Integer> apiRows = new TreeMap<>();
        long all = 0;
        for (Path file : files(small.resolve("elf"))) {
            List<CSVRecord> rows = read(small.resolve("elf").resolve(file));
            all += rows.size();
            if (file.getFileName().toString().equals("API.csv") || file.getFileName().toString().equals("RestApi.csv")) {
                rows.forEach(r -> apiRows.merge(nameOf.get(r.get("USER_ID")), 1, Integer::sum));
            }
        }
        String top = apiRows.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(top).isEqualTo(SamplePatterns.HEAVY_API_USER);
        assertThat((double) apiRows.get(top) / all).isBetween(0.10, 0.25);
    }

    /**
     * Recomputes cumulative cost and benefit per month from the files alone, with the default
     * assumptions (the benefit from time saved is left out, which only delays payback; revenue alone
     * must not pay back in the first month, and everything together must by the last).
     */
    @Test
    void costsAndWonRevenuePayBackNeitherAtOnceNorNever() throws IOException {
        Map<YearMonth, Double> cost = new TreeMap<>();
        for (CSVRecord c : read(small.resolve("reference/costs.csv"))) {
            assertThat(c.get("currency")).isEqualTo("USD");
            cost.merge(YearMonth.parse(c.get("month")), Double.parseDouble(c.get("amount")), Double::sum);
        }
        Map<YearMonth, Double> revenue = new TreeMap<>();
        for (CSVRecord r : read(small.resolve("reference/records.csv"))) {
            if (r.get("object_type").equals("Opportunity") && r.get("is_won").equals("true")) {
                revenue.merge(YearMonth.parse(r.get("close_date").substring(0, 7)),
                        Double.parseDouble(r.get("amount")) * 0.05, Double::sum);
            }
        }
        assertThat(cost.keySet()).containsExactly(YearMonth.of(2025, 10), YearMonth.of(2025, 11), YearMonth.of(2025, 12));
        YearMonth first = YearMonth.of(2025, 10);
        assertThat(revenue.getOrDefault(first, 0.0)).isLessThan(cost.get(first));
        double cumCost = cost.values().stream().mapToDouble(Double::doubleValue).sum();
        double cumRevenue = cost.keySet().stream().mapToDouble(m -> revenue.getOrDefault(m, 0.0)).sum();
        // Revenue alone covers most of the cost by the end; time saved covers the rest (README, month 2025-11).
        assertThat(cumRevenue / cumCost).isBetween(0.5, 1.5);
    }

    @Test
    void eachEventLogFileRowIsWrittenOnceInOneOfItsShapes() throws IOException {
        Map<String, Path> fileOfDayAndType = new HashMap<>();
        List<String> twice = new ArrayList<>();
        long[] rows = new long[2];
        forEachElfRow(small, (file, row) -> {
            String dayAndType = fileDay(file) + " " + row.apply("EVENT_TYPE");
            Path first = fileOfDayAndType.putIfAbsent(dayAndType, file);
            if (first != null && !first.equals(file)) {
                twice.add(dayAndType + " in " + first + " and " + file);
            }
            rows[file.startsWith("elf") ? 0 : 1]++;
        });
        assertThat(twice).isEmpty();
        assertThat(rows[0]).isEqualTo(summary.elfEvents());
        // Every shape holds some of the rows, and the last day is all in elf/, as Event Monitoring delivers it.
        assertThat(fileOfDayAndType.values().stream().map(f -> f.getName(f.startsWith("elf") ? 0 : 2).toString()).distinct())
                .containsExactlyInAnyOrder("elf", "lowercase", "gzip", "elastic", "sentinel");
        assertThat(fileOfDayAndType).allSatisfy((dayAndType, file) -> {
            if (dayAndType.startsWith(SamplePatterns.LAST_DAY.toString())) {
                assertThat(file).startsWithRaw(Path.of("elf"));
            }
        });

        long loginHistory = csvRows(only(small, "exports/salesforce", "LoginHistory-")).size();
        long setupAuditTrail = csvRows(only(small, "exports/salesforce", "SetupAuditTrail-")).size();
        long hubspot = 0;
        for (Path file : files(small.resolve("exports/hubspot"))) {
            for (String line : Files.readAllLines(small.resolve("exports/hubspot").resolve(file))) {
                hubspot += JSON.readTree(line).get("results").size();
            }
        }
        long dynamics = 0;
        for (Path file : files(small.resolve("exports/dynamics365"))) {
            Path path = small.resolve("exports/dynamics365").resolve(file);
            dynamics += file.toString().endsWith(".csv") ? csvRows(path).size() : JSON.readTree(path.toFile()).size();
        }
        assertThat(rows[1] + loginHistory + setupAuditTrail + hubspot + dynamics).isEqualTo(summary.exportEvents());
        assertThat(summary.eventsByClient().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(summary.allEvents());
    }

    @Test
    void theLoginHistoryDownloadHoldsTheLoginsOfTheWeekWithoutLoginFiles() throws IOException {
        Path download = only(small, "exports/salesforce", "LoginHistory-");
        // LoginHistory-<from>-to-<to>.csv
        String name = download.getFileName().toString();
        LocalDate from = LocalDate.parse(name.substring(13, 23));
        LocalDate to = LocalDate.parse(name.substring(27, 37));
        assertThat(from.plusDays(6)).isEqualTo(to);
        Set<String> emails = new HashSet<>();
        read(small.resolve("reference/users.csv")).forEach(u -> emails.add(u.get("email")));
        DateTimeFormatter gmt = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
        Set<LocalDate> days = new TreeSet<>();
        for (CSVRecord login : csvRows(download)) {
            days.add(java.time.LocalDateTime.parse(login.get("Login Time"), gmt).toLocalDate());
            assertThat(emails).contains(login.get("Username"));
        }
        assertThat(days).containsExactlyElementsOf(from.datesUntil(to.plusDays(1)).toList());
        forEachElfRow(small, (file, row) -> {
            if (row.apply("EVENT_TYPE").equals("Login")) {
                LocalDate day = fileDay(file);
                assertThat(day.isBefore(from) || day.isAfter(to)).as(file.toString()).isTrue();
            }
        });
    }

    @Test
    void gzipFilesCarryNeitherAFileNameNorATime() throws IOException {
        List<Path> gzipped = files(small).stream().filter(f -> f.toString().endsWith(".gz")).toList();
        assertThat(gzipped).isNotEmpty();
        for (Path file : gzipped) {
            byte[] header = Arrays.copyOf(Files.readAllBytes(small.resolve(file)), 10);
            assertThat(header[0] & 0xff).as(file.toString()).isEqualTo(0x1f);
            assertThat(header[1] & 0xff).as(file.toString()).isEqualTo(0x8b);
            assertThat(header[3]).as("flags (no name, comment or extra field) of " + file).isZero();
            assertThat(Arrays.copyOfRange(header, 4, 8)).as("modification time of " + file).containsOnly(0);
        }
    }

    /**
     * Scheduled work runs under people's ids every day, worked or not: each manager's dashboard refresh
     * every day from their wave's go-live while licensed, and the scheduled-reports team's report every
     * Monday. Both counts follow from users.csv and waves.csv alone.
     */
    @Test
    void scheduledRefreshesAndReportsRunUnderPeoplesIdsOnEveryDayTheirScheduleSays() throws IOException {
        Map<String, LocalDate> goLive = new HashMap<>();
        read(small.resolve("reference/waves.csv")).forEach(w -> goLive.put(w.get("wave"), LocalDate.parse(w.get("go_live_date"))));
        Map<String, Long> expectedRefreshes = new TreeMap<>();
        Map<String, Long> expectedReports = new TreeMap<>();
        LocalDate first = SamplePatterns.LAST_DAY.minusDays(89);
        for (CSVRecord u : read(small.resolve("reference/users.csv"))) {
            if (u.get("wave").isEmpty()) {
                continue;
            }
            LocalDate activated = LocalDate.parse(u.get("activated_at"));
            LocalDate deactivated = u.get("deactivated_at").isEmpty() ? null : LocalDate.parse(u.get("deactivated_at"));
            List<LocalDate> scheduled = first.datesUntil(SamplePatterns.LAST_DAY.plusDays(1))
                    .filter(d -> !d.isBefore(goLive.get(u.get("wave"))) && !d.isBefore(activated)
                            && (deactivated == null || d.isBefore(deactivated)))
                    .toList();
            String id = u.get("user_id").substring(0, 15);
            if (u.get("role").equals("Manager")) {
                expectedRefreshes.put(id, (long) scheduled.size());
            } else if (u.get("team").equals(SamplePatterns.SCHEDULED_REPORTS_TEAM)) {
                long mondays = scheduled.stream().filter(d -> d.getDayOfWeek() == java.time.DayOfWeek.MONDAY).count();
                if (mondays > 0) {
                    expectedReports.put(id, mondays);
                }
            }
        }
        Map<String, Long> refreshes = new TreeMap<>();
        Map<String, Long> reports = new TreeMap<>();
        forEachElfRow(small, (file, row) -> {
            if (row.apply("EVENT_TYPE").equals("Dashboard") && row.apply("IS_SCHEDULED").equals("1")) {
                refreshes.merge(row.apply("USER_ID"), 1L, Long::sum);
            }
            if (row.apply("EVENT_TYPE").equals("AsyncReportRun") && row.apply("ORIGIN").equals("ReportScheduled")) {
                reports.merge(row.apply("USER_ID"), 1L, Long::sum);
            }
        });
        assertThat(refreshes).hasSize(8).isEqualTo(expectedRefreshes);
        assertThat(reports).isEqualTo(expectedReports);
    }

    @Test
    void theOtherProductsNameTheirTeamsPeopleAndOneOutsiderEach() throws IOException {
        Map<String, String> teamByEmail = new HashMap<>();
        Map<String, String> teamByHubSpotId = new HashMap<>();
        for (CSVRecord u : read(small.resolve("reference/users.csv"))) {
            teamByEmail.put(u.get("email"), u.get("team"));
            String externalIds = u.get("external_ids");
            assertThat(externalIds.isEmpty()).as(u.get("email")).isEqualTo(!u.get("team").equals(SamplePatterns.HUBSPOT_TEAM));
            if (!externalIds.isEmpty()) {
                assertThat(externalIds).matches("hubspot:[1-9][0-9]*");
                teamByHubSpotId.put(externalIds.substring("hubspot:".length()), u.get("team"));
            }
        }
        Set<String> hubspotPeople = new HashSet<>();
        boolean mixedCase = false;
        for (Path file : files(small.resolve("exports/hubspot"))) {
            for (String line : Files.readAllLines(small.resolve("exports/hubspot").resolve(file))) {
                for (JsonNode record : JSON.readTree(line).get("results")) {
                    JsonNode actor = record.has("occurredAt") ? record.get("actingUser") : record;
                    String email = actor.has("userEmail") ? actor.get("userEmail").asText()
                            : record.has("email") ? record.get("email").asText() : record.get("actingUser").asText();
                    mixedCase |= !email.equals(email.toLowerCase(Locale.ROOT));
                    hubspotPeople.add(email.toLowerCase(Locale.ROOT));
                    if (actor.has("userId")) {
                        String id = actor.get("userId").asText();
                        assertThat(teamByHubSpotId.containsKey(id) || id.equals(SamplePatterns.HUBSPOT_OUTSIDER_ID)).as(id).isTrue();
                    }
                }
            }
        }
        assertThat(mixedCase).as("an e-mail in other letter case than users.csv's").isTrue();
        assertThat(hubspotPeople).contains(SamplePatterns.HUBSPOT_OUTSIDER_EMAIL)
                .allSatisfy(e -> assertThat(e.equals(SamplePatterns.HUBSPOT_OUTSIDER_EMAIL)
                        || SamplePatterns.HUBSPOT_TEAM.equals(teamByEmail.get(e))).as(e).isTrue());
        Set<String> dynamicsPeople = new HashSet<>();
        for (Path file : files(small.resolve("exports/dynamics365"))) {
            Path path = small.resolve("exports/dynamics365").resolve(file);
            if (file.toString().endsWith(".csv")) {
                csvRows(path).forEach(r -> dynamicsPeople.add(r.get("UserId").toLowerCase(Locale.ROOT)));
            } else {
                JSON.readTree(path.toFile()).forEach(r -> dynamicsPeople.add(r.get("UserId").asText().toLowerCase(Locale.ROOT)));
            }
        }
        assertThat(dynamicsPeople).contains(SamplePatterns.DYNAMICS_OUTSIDER_EMAIL)
                .allSatisfy(e -> assertThat(e.equals(SamplePatterns.DYNAMICS_OUTSIDER_EMAIL)
                        || SamplePatterns.DYNAMICS_TEAM.equals(teamByEmail.get(e))).as(e).isTrue());
    }

    @Test
    void theReadmeListsEveryKindOfFileAndTheEventsByWhoActed() throws IOException {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("reference/(users|waves|training|records|costs|goals)\\.csv", "`reference/users.csv`");
        kinds.put("reference/roi_assumptions\\.json", "`reference/roi_assumptions.json`");
        kinds.put("elf/" + DAY + "/[A-Za-z]+\\.csv", "`elf/<day>/<EventType>.csv`");
        kinds.put("jsonl/" + DAY + "\\.jsonl", "`jsonl/<day>.jsonl`");
        kinds.put("exports/salesforce-elf/lowercase/" + DAY + "/[A-Za-z]+\\.csv", "`lowercase/<day>/<EventType>.csv`");
        kinds.put("exports/salesforce-elf/gzip/" + DAY + "/[A-Za-z]+\\.csv\\.gz", "`gzip/<day>/<EventType>.csv.gz`");
        kinds.put("exports/salesforce-elf/elastic/" + DAY + "/[A-Za-z]+\\.ndjson", "`elastic/<day>/<EventType>.ndjson`");
        kinds.put("exports/salesforce-elf/sentinel/SalesforceServiceCloud_CL-" + DAY + "\\.json",
                "`sentinel/SalesforceServiceCloud_CL-<day>.json`");
        kinds.put("exports/salesforce/LoginHistory-" + DAY + "-to-" + DAY + "\\.csv", "`exports/salesforce/LoginHistory-<from>-to-<to>.csv`");
        kinds.put("exports/salesforce/SetupAuditTrail-" + DAY + "-to-" + DAY + "\\.csv", "`SetupAuditTrail-<from>-to-<to>.csv`");
        kinds.put("exports/hubspot/login-" + MONTH + "\\.json", "`exports/hubspot/login-<month>.json`");
        kinds.put("exports/hubspot/audit-logs-" + MONTH + "\\.json", "`audit-logs-<month>.json`");
        kinds.put("exports/hubspot/security-" + MONTH + "\\.json", "`security-<month>.json`");
        kinds.put("exports/dynamics365/purview-audit-" + MONTH + "\\.csv", "`exports/dynamics365/purview-audit-<month>.csv`");
        kinds.put("exports/dynamics365/audit-general-" + MONTH + "\\.json", "`audit-general-<last month>.json`");
        kinds.put("README\\.md", "");
        Set<String> seen = new HashSet<>();
        for (Path file : files(small)) {
            String path = file.toString().replace('\\', '/');
            List<String> matching = kinds.keySet().stream().filter(path::matches).toList();
            assertThat(matching).as(path).hasSize(1);
            seen.add(matching.get(0));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(kinds.keySet());
        String readme = Files.readString(small.resolve("README.md"));
        assertThat(readme).contains(kinds.values());
        for (String client : List.of("web", "mobile", "api", "automation")) {
            assertThat(readme).contains("`" + client + "` " + summary.eventsByClient().get(client));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "\\d{4}-\\d{2}-\\d{2}";
    private static final String MONTH = "\\d{4}-\\d{2}";

    /** A row's columns by upper-case name; a column the row lacks reads as empty. */
    interface RowVisitor {
        void visit(Path file, java.util.function.Function<String, String> row) throws IOException;
    }

    /**
     * Every EventLogFile row of the sample in whichever shape it was written: CSV (any header case),
     * gzipped CSV, JSON lines, or a JSON array with lower-case, type-suffixed keys.
     */
    private static void forEachElfRow(Path root, RowVisitor visitor) throws IOException {
        List<Path> all = new ArrayList<>(files(root.resolve("elf")).stream().map(f -> Path.of("elf").resolve(f)).toList());
        Path exports = Path.of("exports/salesforce-elf");
        files(root.resolve(exports)).forEach(f -> all.add(exports.resolve(f)));
        for (Path file : all) {
            Path path = root.resolve(file);
            String name = file.getFileName().toString();
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                java.io.InputStream in = Files.newInputStream(path);
                try (Reader reader = new java.io.InputStreamReader(name.endsWith(".gz") ? new GZIPInputStream(in) : in,
                        StandardCharsets.UTF_8);
                     CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    Map<String, String> names = new HashMap<>();
                    csv.getHeaderNames().forEach(h -> names.put(h.toUpperCase(Locale.ROOT), h));
                    for (CSVRecord row : csv) {
                        visitor.visit(file, c -> names.containsKey(c) ? row.get(names.get(c)) : "");
                    }
                }
            } else if (name.endsWith(".ndjson")) {
                for (String line : Files.readAllLines(path)) {
                    JsonNode node = JSON.readTree(line);
                    visitor.visit(file, c -> node.path(c).asText(""));
                }
            } else {
                for (JsonNode node : JSON.readTree(path.toFile())) {
                    visitor.visit(file, c -> node.path(c.toLowerCase(Locale.ROOT) + (c.equals("TIMESTAMP_DERIVED") ? "_t" : "_s"))
                            .asText(""));
                }
            }
        }
    }

    /** The day a file's path names. */
    private static LocalDate fileDay(Path file) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(file.toString());
        assertThat(m.find()).as(file.toString()).isTrue();
        return LocalDate.parse(m.group());
    }

    private static Path only(Path root, String dir, String prefix) throws IOException {
        List<Path> matching = files(root.resolve(dir)).stream().filter(f -> f.toString().startsWith(prefix)).toList();
        assertThat(matching).hasSize(1);
        return root.resolve(dir).resolve(matching.get(0));
    }

    private static List<CSVRecord> csvRows(Path file) throws IOException {
        return read(file);
    }

    private static double shareSeenSince(Map<String, String> teamOf, Map<String, LocalDate> lastSeen, String team,
                                         LocalDate since) {
        List<String> members = new ArrayList<>();
        teamOf.forEach((id, t) -> {
            if (t.equals(team)) {
                members.add(id);
            }
        });
        long seen = members.stream().filter(id -> lastSeen.containsKey(id) && !lastSeen.get(id).isBefore(since)).count();
        return (double) seen / members.size();
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return csv.getRecords();
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
