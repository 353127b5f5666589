package io.uptake.system;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One file of every input format Uptake reads, taken from the {@code small} sample organisation
 * (generated once per test JVM): each Salesforce EventLogFile shape, the Salesforce downloads, each
 * HubSpot export, both Dynamics 365 shapes, JSON lines, every reference file and the ROI assumptions.
 */
final class Specimens {

    /** The moment of every ingest and job run: the morning after the sample's last day. */
    static final Instant RUN_TIME = Instant.parse("2026-01-01T06:00:00Z");
    static final Clock CLOCK = Clock.fixed(RUN_TIME, ZoneOffset.UTC);

    /** A name per format, and the sample path (relative, with '/') of the file that stands for it. */
    private static final Map<String, String> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("elf-login", "elf/2025-12-23/Login\\.csv");
        FORMATS.put("elf-page-view", "elf/2025-12-23/LightningPageView\\.csv");
        FORMATS.put("elf-apex-trigger", "elf/2025-12-23/ApexTrigger\\.csv");
        FORMATS.put("elf-api", "elf/2025-12-23/API\\.csv");
        FORMATS.put("elf-gzip", "exports/salesforce-elf/gzip/.*/URI\\.csv\\.gz");
        FORMATS.put("elf-lowercase", "exports/salesforce-elf/lowercase/.*/Search\\.csv");
        FORMATS.put("elf-ndjson", "exports/salesforce-elf/elastic/.*/Login\\.ndjson");
        FORMATS.put("elf-json-array", "exports/salesforce-elf/sentinel/.*\\.json");
        FORMATS.put("salesforce-login-history", "exports/salesforce/LoginHistory-.*\\.csv");
        FORMATS.put("salesforce-setup-audit-trail", "exports/salesforce/SetupAuditTrail-.*\\.csv");
        FORMATS.put("hubspot-login", "exports/hubspot/login-.*\\.json");
        FORMATS.put("hubspot-audit-logs", "exports/hubspot/audit-logs-.*\\.json");
        FORMATS.put("hubspot-security", "exports/hubspot/security-.*\\.json");
        FORMATS.put("dynamics365-purview-csv", "exports/dynamics365/purview-audit-.*\\.csv");
        FORMATS.put("dynamics365-api-json", "exports/dynamics365/audit-general-.*\\.json");
        FORMATS.put("jsonl", "jsonl/2025-12-22\\.jsonl");
        FORMATS.put("users", "reference/users\\.csv");
        FORMATS.put("waves", "reference/waves\\.csv");
        FORMATS.put("training", "reference/training\\.csv");
        FORMATS.put("records", "reference/records\\.csv");
        FORMATS.put("costs", "reference/costs\\.csv");
        FORMATS.put("goals", "reference/goals\\.csv");
        FORMATS.put("roi-assumptions", "reference/roi_assumptions\\.json");
    }

    private static Path sample;
    private static Map<String, String> specimens;

    private Specimens() {}

    /** Format name → the specimen's path relative to the sample. */
    static synchronized Map<String, String> all() {
        if (specimens == null) {
            Map<String, String> found = new LinkedHashMap<>();
            List<String> files = files(sample());
            FORMATS.forEach((format, pattern) -> found.put(format, files.stream()
                    .filter(Pattern.compile(pattern).asMatchPredicate()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the sample has no " + format + " file (" + pattern + ")"))));
            specimens = Map.copyOf(found);
        }
        return specimens;
    }

    static List<String> formats() {
        return List.copyOf(FORMATS.keySet());
    }

    static byte[] bytes(String format) {
        try {
            return Files.readAllBytes(sample().resolve(all().get(format)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} under {@code dir} at the specimen's relative path (names matter: reference files). */
    static Path write(Path dir, String format, byte[] bytes) throws IOException {
        Path file = dir.resolve(all().get(format));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /** What one ingest run made of its inputs: the reports, or the refusal's message. */
    record Outcome(List<Ingest.InputReport> reports, Optional<String> refusal) {}

    /** One ingest run at {@link #RUN_TIME}; files no source recognises are skipped and reported so. */
    static Outcome ingest(DataLayout layout, Path input) throws IOException {
        List<Ingest.InputReport> reports = new ArrayList<>();
        try {
            new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), CLOCK, reports::add, true).run(List.of(input));
            return new Outcome(reports, Optional.empty());
        } catch (IngestException e) {
            return new Outcome(reports, Optional.of(e.getMessage()));
        }
    }

    /** Rows of a table's live files, counted by one of its required columns. */
    static long liveRows(DataLayout layout, String table, String column) throws IOException {
        long rows = 0;
        for (Path file : new CommitLog(layout).liveFiles(table)) {
            rows += ParquetFiles.readStrings(file, column).size();
        }
        return rows;
    }

    static long liveEvents(DataLayout layout) throws IOException {
        return liveRows(layout, Tables.EVENTS, Columns.EVENT_ID);
    }

    static long liveQuarantine(DataLayout layout) throws IOException {
        return liveRows(layout, Tables.QUARANTINE, Columns.REASON);
    }

    /** Whether a report is of an event source (not a reference table, the ROI assumptions or a skipped file). */
    static boolean ofEvents(Ingest.InputReport report) {
        return !report.wasSkipped() && !report.kind().startsWith("reference:") && !report.kind().equals("config");
    }

    private static synchronized Path sample() {
        if (sample == null) {
            try {
                Path dir = Files.createTempDirectory("uptake-specimens-");
                GenerateCommand.generate(dir, 42, Size.SMALL);
                sample = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sample;
    }

    private static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
