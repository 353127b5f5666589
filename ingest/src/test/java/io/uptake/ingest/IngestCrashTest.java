package io.uptake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.parquet.ParquetFiles;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DATA.md 2.3: a crash (kill -9) at any point of an ingest, followed by a rerun, ends with exactly the
 * events of the input, none lost and none twice. The real command runs in its own JVM and is killed
 * with SIGKILL after delays spread over its whole run; every warehouse is then rerun to completion
 * and compared with a clean ingest of the same input.
 *
 * <p>A warehouse is only worth killing until its ingest has committed: after that every rerun finds
 * its inputs already ingested. So the kills go to a series of warehouses, each killed until a kill
 * lands after the commit, a run ends before its kill, or it has taken {@value #KILLS_PER_WAREHOUSE}
 * kills; then it is rerun, checked, and replaced by a new one. Every other warehouse starts with an
 * earlier commit of part of the input and an older users.csv, so the killed ingest is a second commit
 * that reads back committed event ids and replaces a reference table.
 */
class IngestCrashTest {

    /** Seed of the kill delays. */
    private static final long SEED = 20251123L;
    private static final int KILLS = 20;
    private static final int KILLS_PER_WAREHOUSE = 7;
    /** Runs to reach {@link #KILLS}: runs that end before their kill do not count as kills. */
    private static final int MAX_RUNS = 45;
    private static final int DAYS = 10;
    /** Days of the sample's 90 to take: from the 37th, busy weekdays after go-live and a quiet weekend. */
    private static final int FIRST_DAY = 36;
    private static final int EARLIER_DAYS = 3;
    /** Users left out of the earlier users.csv, so the killed ingest has a different one to replace it with. */
    private static final int EARLIER_USERS_MISSING = 20;
    /** A bound on one complete run, so a hung child fails the test instead of hanging it. */
    private static final long RUN_LIMIT_SECONDS = 120;

    @TempDir
    Path tmp;

    /** The class path of the ingest runs. */
    private String classPath;

    /** How far a killed run got, read from its output and from what it left in the warehouse. */
    enum Phase {
        READING_INPUTS, COMMIT_STARTED, WRITING_DATA_FILES, WRITING_COMMIT_FILE, AFTER_COMMIT;

        boolean duringTheCommit() {
            return this == COMMIT_STARTED || this == WRITING_DATA_FILES || this == WRITING_COMMIT_FILE;
        }
    }

    /** The line the command prints for each input it has read. */
    private static final Pattern INPUT_REPORT = Pattern.compile(
            "(?m)^.+: read \\d+, to commit \\d+, duplicates \\d+, to quarantine \\d+( \\(already ingested\\))?$");

    /** What a correct warehouse holds: the clean ingest's event ids, and the rows of every table. */
    record Contents(List<String> eventIds, Map<String, Long> rowsByTable) {}

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killedIngestsFollowedByARerunEndWithExactlyTheEventsOfACleanIngest() throws Exception {
        long testStarted = System.nanoTime();
        classPath = snapshotClassPath(tmp.resolve("classpath"));
        Path sample = tmp.resolve("sample");
        GenerateCommand.generate(sample, 42, Size.SMALL);
        long generatedNanos = System.nanoTime();
        Path input = tmp.resolve("input");
        Path earlier = tmp.resolve("earlier");
        prepareInputs(sample, input, earlier);

        DataLayout clean = new DataLayout(tmp.resolve("clean"));
        long cleanMillis = runToCompletion(clean, input, "clean");
        long inputs = INPUT_REPORT.matcher(log("clean")).results().count();
        Contents expected = contents(clean);
        assertThat(new HashSet<>(expected.eventIds())).as("distinct event ids of the clean ingest")
                .hasSize(expected.eventIds().size());
        assertThat(expected.eventIds()).hasSizeGreaterThan(10_000);
        assertWarehouseIsWhole(clean, 1);

        // Uninterrupted into a warehouse holding the earlier part, the ingest ends the same; this run also
        // tells how long such a run takes, which differs: it reads back the ids of the days committed.
        DataLayout uninterrupted = newWarehouse("uninterrupted", clean, earlier);
        long laterMillis = runToCompletion(uninterrupted, input, "uninterrupted");
        assertHoldsTheCleanIngest(uninterrupted, expected, 2);

        Random random = new Random(SEED);
        Iterator<Double> killPoints = killPoints(random).iterator();
        // How long a run takes, into an empty warehouse and into one holding the earlier part: the kill
        // delays are fractions of it. Measured again on every run that ends before its kill, because other
        // builds on this machine make it vary.
        long[] runMillis = {cleanMillis, laterMillis};
        Map<Phase, Integer> kills = new EnumMap<>(Phase.class);
        int runs = 0;
        int endedBeforeTheirKill = 0;
        int warehouses = 0;
        DataLayout warehouse = null;
        int commitsBefore = 0;
        int killsHere = 0;
        while (kills.values().stream().mapToInt(Integer::intValue).sum() < KILLS) {
            assertThat(runs).as("runs needed for %d kills (runs ending before their kill do not count)", KILLS)
                    .isLessThan(MAX_RUNS);
            if (warehouse == null) {
                // Every other warehouse holds the earlier part.
                warehouse = warehouses % 2 == 0 ? newWarehouse("crash-" + warehouses, clean, null)
                        : newWarehouse("crash-" + warehouses, clean, earlier);
                commitsBefore = new CommitLog(warehouse).commits().size();
                killsHere = 0;
                warehouses++;
            }
            if (!killPoints.hasNext()) {
                killPoints = killPoints(random).iterator();
            }
            long delayMillis = Math.round(runMillis[commitsBefore] * killPoints.next());
            String run = "run-" + runs++;
            FileTime started = FileTime.from(Instant.now());
            long startedNanos = System.nanoTime();
            Process process = start(warehouse, input, run);
            // The deliberate kill delay: wait for it, unless the run ends on its own first.
            boolean ended = process.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            int exit = process.waitFor();
            boolean committed;
            if (exit == 0) {
                endedBeforeTheirKill++;
                runMillis[commitsBefore] = (System.nanoTime() - startedNanos) / 1_000_000;
                committed = true;
            } else {
                // 128 + 9: killed by SIGKILL, not failed on its own.
                assertThat(exit).as("exit code of killed %s; its output: %s", run, log(run)).isEqualTo(137);
                Phase phase = phaseReached(warehouse, commitsBefore, started, inputs, log(run));
                kills.merge(phase, 1, Integer::sum);
                killsHere++;
                committed = phase == Phase.AFTER_COMMIT;
            }
            // Spread over warehouses of both kinds, not all on the first that never gets committed.
            if (committed || killsHere == KILLS_PER_WAREHOUSE) {
                rerunAndCheck(warehouse, input, expected, commitsBefore + 1, "finish-" + warehouses);
                warehouse = null;
            }
        }
        if (warehouse != null) {
            rerunAndCheck(warehouse, input, expected, commitsBefore + 1, "finish-" + warehouses);
        }

        int total = kills.values().stream().mapToInt(Integer::intValue).sum();
        int duringCommit = kills.entrySet().stream().filter(e -> e.getKey().duringTheCommit())
                .mapToInt(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, """
                IngestCrashTest: sample generated in %.1f s; clean run %.1f s, %d events; last uninterrupted runs \
                %.1f s (empty warehouse) and %.1f s (after an earlier commit)
                IngestCrashTest: %d kills in %d runs over %d warehouses: %d before the commit (reading inputs), \
                %d during the commit (%d with every input read and no file written yet, %d writing data files, \
                %d writing the commit file), %d after the commit; %d runs ended before their kill; %.0f s in all
                """, (generatedNanos - testStarted) / 1e9, cleanMillis / 1e3, expected.eventIds().size(),
                runMillis[0] / 1e3, runMillis[1] / 1e3, total, runs, warehouses,
                kills.getOrDefault(Phase.READING_INPUTS, 0), duringCommit, kills.getOrDefault(Phase.COMMIT_STARTED, 0),
                kills.getOrDefault(Phase.WRITING_DATA_FILES, 0), kills.getOrDefault(Phase.WRITING_COMMIT_FILE, 0),
                kills.getOrDefault(Phase.AFTER_COMMIT, 0), endedBeforeTheirKill, (System.nanoTime() - testStarted) / 1e9);
        assertThat(total).isGreaterThanOrEqualTo(KILLS);
    }

    /**
     * When to kill, as fractions of a run's length: one point in each of {@value #KILLS} equal slices of
     * 30%-110%, in a random order, so that the kills cover the whole run evenly, its commit included.
     */
    private static List<Double> killPoints(Random random) {
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            points.add(0.3 + 0.8 * (i + random.nextDouble()) / KILLS);
        }
        Collections.shuffle(points, random);
        return points;
    }

    /**
     * The input: {@value #DAYS} days of the sample's EventLogFiles and JSON lines, its reference files,
     * and the shared fixtures so that quarantine and duplicates are part of it. The earlier part: the
     * first {@value #EARLIER_DAYS} of those days (the same bytes) and a users.csv without its last users.
     */
    private static void prepareInputs(Path sample, Path input, Path earlier) throws IOException {
        List<Path> days;
        try (Stream<Path> list = Files.list(sample.resolve("elf"))) {
            days = list.sorted().skip(FIRST_DAY).limit(DAYS).toList();
        }
        for (int i = 0; i < days.size(); i++) {
            String day = days.get(i).getFileName().toString();
            copyTree(days.get(i), input.resolve("elf").resolve(day));
            Path jsonl = sample.resolve("jsonl").resolve(day + ".jsonl");
            if (Files.exists(jsonl)) {
                copyTree(jsonl, input.resolve("jsonl").resolve(jsonl.getFileName()));
            }
            if (i < EARLIER_DAYS) {
                copyTree(days.get(i), earlier.resolve("elf").resolve(day));
            }
        }
        copyTree(sample.resolve("reference"), input.resolve("reference"));
        TestFixtures.write(input.resolve("fixtures/Login.csv"), TestFixtures.LOGIN_CSV);
        TestFixtures.write(input.resolve("fixtures/events.jsonl"), TestFixtures.EVENTS_JSONL);

        List<String> users = Files.readAllLines(sample.resolve("reference/users.csv"), StandardCharsets.UTF_8);
        TestFixtures.write(earlier.resolve("reference/users.csv"),
                String.join("\n", users.subList(0, users.size() - EARLIER_USERS_MISSING)) + "\n");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
    }

    /**
     * A new data directory with the clean ingest's key, so both pseudonymise alike, holding a commit of
     * the earlier part when one is given (committed in this JVM).
     */
    private DataLayout newWarehouse(String name, DataLayout clean, Path earlier) throws Exception {
        DataLayout warehouse = new DataLayout(tmp.resolve(name));
        Files.createDirectories(warehouse.dataDir());
        Files.copy(clean.keyFile(), warehouse.keyFile());
        if (earlier != null) {
            new Ingest(warehouse, Pseudonymizer.loadOrCreate(warehouse.keyFile()), Clock.systemUTC(), report -> { })
                    .run(List.of(earlier));
            assertThat(new CommitLog(warehouse).commits()).hasSize(1);
        }
        return warehouse;
    }

    /**
     * This JVM's class path with its directories copied: another build in the same working tree may
     * recompile target/classes while the runs start, one after another, for a minute or two.
     */
    private static String snapshotClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path copy = into.resolve(String.valueOf(entries.size()));
                copyTree(path, copy);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private Process start(DataLayout warehouse, Path input, String name) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small JVM that starts fast (C1 only, serial GC): this test starts dozens on two cores.
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, IngestCommand.class.getName(),
                "--data", warehouse.dataDir().toString(), input.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    }

    /** Runs the command to its end; returns how long it took, in milliseconds. */
    private long runToCompletion(DataLayout warehouse, Path input, String name) throws Exception {
        long started = System.nanoTime();
        Process process = start(warehouse, input, name);
        if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        assertThat(process.exitValue()).as("exit code of complete run %s; its output: %s", name, log(name)).isZero();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private String log(String name) throws IOException {
        return Files.readString(tmp.resolve(name + ".log"), StandardCharsets.UTF_8);
    }

    /** Reruns the ingest to its end and checks the warehouse against the clean one. */
    private void rerunAndCheck(DataLayout warehouse, Path input, Contents expected, int commits, String name)
            throws Exception {
        runToCompletion(warehouse, input, name);
        assertHoldsTheCleanIngest(warehouse, expected, commits);
    }

    /** The clean ingest's events, each once; as many rows in every table; whole, with the commits expected. */
    private static void assertHoldsTheCleanIngest(DataLayout warehouse, Contents expected, int commits)
            throws IOException {
        Contents actual = contents(warehouse);

        Map<String, Long> counts = actual.eventIds().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Set<String> expectedIds = new HashSet<>(expected.eventIds());
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("events stored twice in %s", warehouse.dataDir()).isEmpty();
        assertThat(expectedIds.stream().filter(id -> !counts.containsKey(id)).toList())
                .as("events lost in %s", warehouse.dataDir()).isEmpty();
        assertThat(counts.keySet().stream().filter(id -> !expectedIds.contains(id)).toList())
                .as("events not in the input in %s", warehouse.dataDir()).isEmpty();
        assertThat(actual.eventIds()).hasSameSizeAs(expected.eventIds());
        // Reference tables replaced exactly once, every rejected line quarantined exactly once.
        assertThat(actual.rowsByTable()).as("rows per table in %s", warehouse.dataDir())
                .isEqualTo(expected.rowsByTable());
        assertWarehouseIsWhole(warehouse, commits);
    }

    /**
     * Reads the warehouse as a reader does: live files from the commit log, every Parquet footer
     * opened, and the event ids of every live events file.
     */
    private static Contents contents(DataLayout warehouse) throws IOException {
        CommitLog commitLog = new CommitLog(warehouse);
        Map<String, Long> rows = new TreeMap<>();
        for (String file : commitLog.liveFiles()) {
            if (file.endsWith(".parquet")) {
                Path path = warehouse.warehouse().resolve(file);
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path))) {
                    rows.merge(file.substring(0, file.indexOf('/')), reader.getRecordCount(), Long::sum);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (Path file : commitLog.liveFiles(Tables.EVENTS)) {
            ids.addAll(ParquetFiles.readStrings(file, Columns.EVENT_ID));
        }
        return new Contents(List.copyOf(ids), Map.copyOf(rows));
    }

    /**
     * The commits expected, and no file in the warehouse that no commit names: no hidden temporary
     * file, no orphan. Files that a commit retired may still be there: the ingest may keep them a
     * while for readers that listed the live files before that commit.
     */
    private static void assertWarehouseIsWhole(DataLayout warehouse, int commits) throws IOException {
        CommitLog commitLog = new CommitLog(warehouse);
        List<CommitLog.Commit> log = commitLog.commits();
        assertThat(log).as("commits in %s", warehouse.dataDir()).hasSize(commits);
        Set<String> named = new HashSet<>(commitLog.liveFiles());
        named.add(Tables.COMMITS + "/.lock");
        for (CommitLog.Commit commit : log) {
            named.add(Tables.COMMITS + "/" + commit.fileName());
            named.addAll(commit.filesRemoved());
        }
        Set<String> leftovers = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(warehouse.warehouse())) {
            walk.filter(Files::isRegularFile)
                    .map(f -> warehouse.warehouse().relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !named.contains(f))
                    .forEach(leftovers::add);
        }
        assertThat(leftovers).as("files of %s that no commit names", warehouse.dataDir()).isEmpty();
    }

    /**
     * How far the killed run got: a new commit file means it committed; files it wrote under the
     * commit log or the tables mean it was writing the commit (config aside: an ingest may copy it
     * while reading); a report line for every input means it had read them all and begun the commit;
     * otherwise it was still reading its inputs.
     */
    private static Phase phaseReached(DataLayout warehouse, int commitsBefore, FileTime started, long inputs,
                                      String output) throws IOException {
        if (new CommitLog(warehouse).commits().size() > commitsBefore) {
            return Phase.AFTER_COMMIT;
        }
        Set<String> written = new HashSet<>();
        // A run killed before it took the lock has not even made the warehouse directory.
        try (Stream<Path> walk = Files.isDirectory(warehouse.warehouse()) ? Files.walk(warehouse.warehouse()) : Stream.empty()) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = warehouse.warehouse().relativize(file).toString().replace('\\', '/');
                if (Files.getLastModifiedTime(file).compareTo(started) >= 0 && !relative.startsWith("config/")
                        && !relative.equals(Tables.COMMITS + "/.lock")) {
                    written.add(relative);
                }
            }
        }
        if (written.stream().anyMatch(f -> f.startsWith(Tables.COMMITS + "/"))) {
            return Phase.WRITING_COMMIT_FILE;
        }
        if (!written.isEmpty()) {
            return Phase.WRITING_DATA_FILES;
        }
        return INPUT_REPORT.matcher(output).results().count() == inputs ? Phase.COMMIT_STARTED : Phase.READING_INPUTS;
    }
}
