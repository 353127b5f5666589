package io.uptake.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
                        + "license_monthly_cost,activated_at,deactivated_at,wave");
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

    @Test
    void theDecayingTeamIsMostlyDormantAndTheStrongTeamMostlyActive() throws IOException {
        Map<String, String> teamOf = new HashMap<>();
        for (CSVRecord u : read(small.resolve("reference/users.csv"))) {
            teamOf.put(u.get("user_id").substring(0, 15), u.get("team"));
        }
        Map<String, LocalDate> lastSeen = new HashMap<>();
        for (Path file : files(small.resolve("elf"))) {
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
