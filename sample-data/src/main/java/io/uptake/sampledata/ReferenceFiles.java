package io.uptake.sampledata;

import io.uptake.warehouse.RoiAssumptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes the reference CSVs of DATA.md 1.2 for the sample organisation. */
final class ReferenceFiles {

    static final List<String> USERS_HEADER = List.of("user_id", "display_name", "email", "team", "department", "role",
            "region", "manager_id", "license_type", "license_monthly_cost", "activated_at", "deactivated_at", "wave",
            "external_ids");

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private ReferenceFiles() {}

    static void writeUsers(Path file, Organisation org) throws IOException {
        try (CSVPrinter csv = printer(file, USERS_HEADER)) {
            for (Organisation.User u : org.users) {
                csv.printRecord(u.listedId(), u.displayName(), u.email(), u.team().name(), u.team().department(),
                        u.role(), u.team().region(), u.managerId(), u.licenseType(), money(u.licenseMonthlyCost()),
                        u.activatedAt(), u.deactivatedAt() == null ? "" : u.deactivatedAt(),
                        u.team().wave() == null ? "" : u.team().wave(), u.externalIds());
            }
        }
    }

    static void writeWaves(Path file, Organisation org) throws IOException {
        try (CSVPrinter csv = printer(file, List.of("wave", "go_live_date", "description"))) {
            for (Organisation.Wave wave : org.waves) {
                csv.printRecord(wave.name(), wave.goLive(), wave.description());
            }
        }
    }

    /**
     * Training before or soon after each team's go-live. The struggling team leaves half its people
     * without service training; the strong team trains everyone.
     */
    static void writeTraining(Path file, Organisation org, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed ^ 0x7EA1L);
        String[] formats = {"classroom", "elearning", "hands_on"};
        try (CSVPrinter csv = printer(file,
                List.of("user_id", "course_id", "module", "completed_at", "format", "score", "hours"))) {
            for (Organisation.User u : org.users) {
                if (!u.human()) {
                    continue;
                }
                Organisation.Behaviour behaviour = u.team().behaviour();
                int trainedPercent = switch (behaviour) {
                    case STRONG -> 100;
                    case STRUGGLING -> 45;
                    default -> 85;
                };
                LocalDate goLive = org.wave(u.team().wave()).goLive();
                if (random.nextInt(100) < trainedPercent) {
                    course(csv, u, courseFor(u.team().module()), u.team().module(), goLive, formats, random, org);
                }
                if (u.manager() || u.team().module().equals("analytics") || random.nextInt(100) < 10) {
                    course(csv, u, "ANL-101", "analytics", goLive, formats, random, org);
                }
            }
        }
    }

    private static String courseFor(String module) {
        return switch (module) {
            case "sales" -> "SAL-101";
            case "service" -> "SVC-101";
            case "marketing" -> "MKT-101";
            default -> "ANL-101";
        };
    }

    private static void course(CSVPrinter csv, Organisation.User u, String course, String module, LocalDate goLive,
                               String[] formats, SplittableRandom random, Organisation org) throws IOException {
        LocalDate completed = goLive.plusDays(random.nextInt(35) - 14);
        if (completed.isAfter(org.lastDay)) {
            completed = org.lastDay;
        }
        String format = formats[random.nextInt(formats.length)];
        String score = random.nextInt(10) == 0 ? "" : Integer.toString(55 + random.nextInt(46));
        double hours = switch (format) {
            case "classroom" -> 6.0;
            case "hands_on" -> 4.0;
            default -> 1.5;
        };
        csv.printRecord(u.listedId(), course, module, completed, format, score, hours);
    }

    static void writeRecords(Path file, CrmRecords records) throws IOException {
        try (CSVPrinter csv = printer(file, List.of("object_type", "record_id", "owner_id", "created_at",
                "last_modified_at", "required_fields_total", "required_fields_filled", "dedupe_key", "is_closed",
                "is_won", "amount", "close_date", "source_system"))) {
            for (CrmRecords.CrmRecord r : records.records) {
                csv.printRecord(r.objectType(), r.recordId(), r.ownerId(), r.createdAt(), r.lastModifiedAt(),
                        r.requiredTotal(), r.requiredFilled(), r.dedupeKey(), r.closed(), r.won(),
                        r.amount() == null ? "" : money(r.amount()), r.closeDate() == null ? "" : r.closeDate(),
                        r.sourceSystem());
            }
        }
    }

    /**
     * Monthly costs. Recurring costs are the licences of the licensed users plus support and
     * infrastructure; the one-off implementation cost of the first month is sized so that, with the
     * default assumptions, the cumulative benefit catches up half-way through the window.
     */
    static Map<YearMonth, Double> writeCosts(Path file, Organisation org, CrmRecords records,
                                              Map<YearMonth, Double> minutesSaved, RoiAssumptions roi)
            throws IOException {
        Map<YearMonth, Double> benefit = new TreeMap<>();
        for (YearMonth m = YearMonth.from(org.firstDay); !m.isAfter(YearMonth.from(org.lastDay)); m = m.plusMonths(1)) {
            benefit.put(m, minutesSaved.getOrDefault(m, 0.0) / 60.0 * roi.hourlyRate());
        }
        for (CrmRecords.CrmRecord r : records.records) {
            if (r.objectType().equals("Opportunity") && r.won() && r.closeDate() != null) {
                benefit.computeIfPresent(YearMonth.from(r.closeDate()), (m, b) -> b + r.amount() * roi.revenueAttribution());
            }
        }
        List<YearMonth> months = new ArrayList<>(benefit.keySet());
        Map<YearMonth, double[]> recurring = new TreeMap<>();
        for (YearMonth month : months) {
            LocalDate mid = month.atDay(15);
            double licences = org.users.stream()
                    .filter(u -> !u.activatedAt().isAfter(mid) && (u.deactivatedAt() == null || u.deactivatedAt().isAfter(mid)))
                    .mapToDouble(Organisation.User::licenseMonthlyCost).sum();
            double people = org.users.size();
            recurring.put(month, new double[] {licences, people * 12.0, people * 6.0, people * 4.0});
        }
        int paybackIndex = months.size() / 2;
        double cumBenefit = 0;
        double cumRecurring = 0;
        for (int i = 0; i <= paybackIndex; i++) {
            cumBenefit += benefit.get(months.get(i));
            double[] r = recurring.get(months.get(i));
            cumRecurring += r[0] + r[1] + r[2] + r[3] + (i == 0 ? org.users.size() * 20.0 : 0);
        }
        double implementation = Math.max(0.0, Math.floor((cumBenefit - cumRecurring) * 0.97));
        try (CSVPrinter csv = printer(file, List.of("month", "category", "amount", "currency"))) {
            for (int i = 0; i < months.size(); i++) {
                YearMonth month = months.get(i);
                double[] r = recurring.get(month);
                csv.printRecord(month, "license", money(r[0]), roi.currency());
                if (i == 0) {
                    csv.printRecord(month, "implementation", money(implementation), roi.currency());
                    csv.printRecord(month, "training", money(org.users.size() * 20.0), roi.currency());
                }
                csv.printRecord(month, "support", money(r[1]), roi.currency());
                csv.printRecord(month, "customization", money(r[2]), roi.currency());
                csv.printRecord(month, "infrastructure", money(r[3]), roi.currency());
            }
        }
        return benefit;
    }

    static void writeGoals(Path file, Organisation org) throws IOException {
        LocalDate start = org.firstDay;
        LocalDate due = org.lastDay.plusDays(60);
        try (CSVPrinter csv = printer(file,
                List.of("goal_id", "kpi", "scope", "baseline", "target", "start_date", "due_date"))) {
            csv.printRecord("G1", "adoption_rate", "all", "0.2", "0.85", start, due);
            csv.printRecord("G2", "adoption_rate", "team:" + SamplePatterns.STRONG_TEAM, "0.2", "0.7", start, due);
            csv.printRecord("G3", "adoption_rate", "wave:" + SamplePatterns.LAGGING_WAVE, "0.0", "0.8", start, org.lastDay);
            csv.printRecord("G4", "stale_share_30d", "team:" + SamplePatterns.STALE_TEAM, "0.6", "0.2", start, due);
            csv.printRecord("G5", "trained_share", "all", "0.5", "0.95", start, due);
            csv.printRecord("G6", "duplicate_rate", "all", "0.1", "0.02", start, due);
            csv.printRecord("G7", "roi_cum", "all", "-1.0", "0.5", start, due);
            csv.printRecord("G8", "stickiness", "all", "0.2", "0.5", start, due);
        }
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSV);
        csv.printRecord(header);
        return csv;
    }
}
