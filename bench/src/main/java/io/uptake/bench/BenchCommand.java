package io.uptake.bench;

import io.uptake.bench.duckdb.DuckDbPeer;
import io.uptake.bench.duckdb.OracleReport;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./uptake bench [--size small|medium|large] [--runs N]}: the figures of BENCHMARKS.md, each the
 * min / median / max of N runs (at least 3), Uptake beside DuckDB on the same files in the same command,
 * the oracle check that both computed the same marts, and the results written to
 * {@code bench/results/<date>.md} (and, for {@code medium}, to the README's table).
 *
 * <p>Every Uptake figure is a whole {@code ./uptake} process, JVM and Spark start included; DuckDB runs
 * in this process through JDBC, as an analyst's DuckDB would run in theirs.
 */
public final class BenchCommand {

    static final String USAGE = "Usage: ./uptake bench [--size small|medium|large] [--runs N] [--no-browser]";
    private static final List<String> SIZES = List.of("small", "medium", "large");
    private static final Pattern COMMITTED = Pattern.compile("Total: .* committed (\\d+)");
    private static final Pattern AS_OF = Pattern.compile(" as of (\\d{4}-\\d{2}-\\d{2})");
    private static final String PASSWORD = "bench";
    private static final String README_BEGIN = "<!-- bench:begin -->";
    private static final String README_END = "<!-- bench:end -->";

    private final Path root;
    private final String size;
    private final int runs;
    private final boolean browser;
    private final PrintStream log;
    private final Path work;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean allMet = true;
    private boolean oracleAgrees;

    private BenchCommand(Path root, String size, int runs, boolean browser, PrintStream log) {
        this.root = root;
        this.size = size;
        this.runs = runs;
        this.browser = browser;
        this.log = log;
        this.work = root.resolve("bench/work");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path root = Path.of(System.getProperty("uptake.root", ".")).toAbsolutePath().normalize();
        String size = "medium";
        int runs = 3;
        boolean browser = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--no-browser" -> browser = false;
                case "--size" -> {
                    if (i + 1 >= args.length || !SIZES.contains(args[i + 1])) {
                        return usage(err, "--size must be small, medium or large");
                    }
                    size = args[++i];
                }
                case "--runs" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("\\d+") || Integer.parseInt(args[i + 1]) < 3) {
                        return usage(err, "--runs must be a whole number of at least 3");
                    }
                    runs = Integer.parseInt(args[++i]);
                }
                default -> {
                    return usage(err, "unknown option '" + args[i] + "'");
                }
            }
        }
        try {
            BenchCommand bench = new BenchCommand(root, size, runs, browser, err);
            String report = bench.measure();
            out.println(report);
            return !bench.oracleAgrees ? 1 : bench.allMet ? 0 : 3;
        } catch (IOException | InterruptedException | RuntimeException e) {
            err.println("bench: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("bench: " + message);
        err.println(USAGE);
        return 2;
    }

    // ------------------------------------------------------------------------------------------ the run

    private String measure() throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path input = sample(size);
        List<Path> elfDays = list(input.resolve("elf"));
        List<Path> jsonl = list(input.resolve("jsonl"));
        String lastDay = elfDays.get(elfDays.size() - 1).getFileName().toString();
        List<Path> newDay = new ArrayList<>(List.of(elfDays.get(elfDays.size() - 1)));
        jsonl.stream().filter(f -> f.getFileName().toString().equals(lastDay + ".jsonl")).forEach(newDay::add);

        // ingest, against DuckDB's COPY of the same files
        Figure ingest = ingestRuns(input, "ingest-" + size);
        Stats copy = timed(() -> {
            Path out = fresh("duckdb-copy");
            try (DuckDbPeer peer = DuckDbPeer.open(cores())) {
                peer.copyToParquet(files(input.resolve("elf"), ".csv"), files(input.resolve("jsonl"), ".jsonl"), out);
            }
        });
        row("ingest rate, " + size, ingest.seconds().map(s -> ingest.events() / s).format("%,.0f ev/s"),
                copy.map(s -> ingest.events() / s).format("%,.0f ev/s"),
                ratio(ingest.seconds().median(), copy.median()), "≥ 400k ev/s; ratio ≤ 1.5",
                ingest.events() / ingest.seconds().median() >= 400_000 && ingest.seconds().median() / copy.median() <= 1.5);

        // the warehouse without its last day, then the full job against DuckDB's SQL marts
        Path base = fresh("base-" + size);
        List<String> baseInputs = new ArrayList<>(List.of(input.resolve("reference").toString()));
        elfDays.stream().filter(d -> !newDay.contains(d)).forEach(d -> baseInputs.add(d.toString()));
        jsonl.stream().filter(f -> !newDay.contains(f)).forEach(f -> baseInputs.add(f.toString()));
        uptake("base-ingest", Map.of(), concat(List.of("ingest", "--data", base.toString()), baseInputs));
        List<ChildProcess.Run> full = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            full.add(uptake("jobs-full-" + (i + 1), Map.of("UPTAKE_JAVA_OPTS", "-Xmx3g"), List.of("jobs", "--data", base.toString(), "--full")));
        }
        Stats fullSeconds = Stats.of(full.stream().map(ChildProcess.Run::seconds).toList());
        LocalDate asOf = asOf(full.get(0).output());
        OracleReport oracle;
        List<Double> peerSeconds = new ArrayList<>();
        try (DuckDbPeer peer = DuckDbPeer.open(cores())) {
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                peer.computeMarts(base, asOf);
                peerSeconds.add((System.nanoTime() - started) / 1e9);
            }
            oracle = peer.compare(base);
        }
        Stats peerFull = Stats.of(peerSeconds);
        row("full KPI run, " + size, fullSeconds.format("%.1f s"), peerFull.format("%.2f s"),
                ratio(fullSeconds.median(), peerFull.median()), "ratio ≤ 2", fullSeconds.median() / peerFull.median() <= 2);

        // one new day, then the job again
        List<Double> incremental = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path copyOfBase = fresh("incremental-" + size);
            Files.delete(copyOfBase);
            ChildProcess.run(List.of("cp", "-al", base.toString(), copyOfBase.toString()), Map.of(), work,
                    work.resolve("copy.log"));
            uptake("new-day-ingest-" + (i + 1), Map.of(), concat(List.of("ingest", "--data", copyOfBase.toString()),
                    newDay.stream().map(Path::toString).toList()));
            ChildProcess.Run run = uptake("jobs-incremental-" + (i + 1), Map.of("UPTAKE_JAVA_OPTS", "-Xmx3g"),
                    List.of("jobs", "--data", copyOfBase.toString()));
            if (!run.output().contains("incremental")) {
                throw new IOException("the run after one new day was not incremental:\n" + run.output());
            }
            incremental.add(run.seconds());
        }
        Stats inc = Stats.of(incremental);
        row("incremental run (1 new day), " + size, inc.format("%.1f s"), peerFull.format("%.2f s") + " (full)",
                ratio(inc.median(), peerFull.median()), "≤ 0.5 × DuckDB full", inc.median() / peerFull.median() <= 0.5);

        scale(ingest, fullSeconds);

        Stats jobRss = Stats.of(full.stream().map(ChildProcess.Run::peakRssMib).toList());
        dashboard(base, jobRss);

        notes.add("Oracle: " + (oracle.agrees() ? "DuckDB's marts and Uptake's agree." : "DuckDB's marts and Uptake's"
                + " DISAGREE.") + "\n\n```\n" + oracle.summary().strip() + "\n```");
        oracleAgrees = oracle.agrees();
        return report(ingest.events(), asOf);
    }

    /** The dashboard on the warehouse's snapshot: latency under wrk, the Overview in Chromium, memory. */
    private void dashboard(Path data, Stats jobRss) throws IOException, InterruptedException {
        Path users = work.resolve("bench-users.json");
        Accounts.write(users, List.of(new Account("exec", Accounts.hash(PASSWORD), Role.EXECUTIVE, List.of())));
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path serverLog = work.resolve("dashboard.log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("uptake").toString(), "dashboard", "--data",
                data.toString(), "--port", Integer.toString(port), "--users", users.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(serverLog.toFile());
        Process server = builder.start();
        try {
            waitHealthy(url, server, serverLog);
            LoadTest load = LoadTest.signedIn(url, work, "exec", PASSWORD);
            load.peak("/api/v1/overview", 8, 5); // warm-up: JIT and the snapshot's first reads
            List<LoadTest.Result> paced = new ArrayList<>();
            List<LoadTest.Result> peak = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                paced.add(load.paced("/api/v1/overview", 1000, 10, 10));
                peak.add(load.peak("/api/v1/overview", 32, 10));
            }
            Stats p99 = Stats.of(paced.stream().map(LoadTest.Result::p99Millis).toList());
            Stats pacedRate = Stats.of(paced.stream().map(LoadTest.Result::requestsPerSecond).toList());
            Stats peakRate = Stats.of(peak.stream().map(LoadTest.Result::requestsPerSecond).toList());
            row("dashboard p99 at ~1,000 req/s (" + pacedRate.format("%.0f") + " req/s achieved)",
                    p99.format("%.2f ms"), "—", "—", "p99 ≤ 10 ms", p99.median() <= 10);
            row("dashboard peak rate", peakRate.format("%,.0f req/s"), "—", "—", "≥ 10k req/s", peakRate.median() >= 10_000);
            if (browser && PageTimer.available()) {
                List<Double> page = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    page.add(PageTimer.overviewMillis(url, load.cookie(), work) / 1000);
                }
                Stats pageSeconds = Stats.of(page);
                row("Overview page, navigation to all charts drawn", pageSeconds.format("%.2f s"), "—", "—", "≤ 1.5 s",
                        pageSeconds.median() <= 1.5);
            } else {
                notes.add("Page time not measured: " + (browser ? "/usr/bin/chromium and /usr/bin/chromedriver are not"
                        + " installed (apt-get install chromium chromium-driver)" : "--no-browser"));
            }
            double dashboardRss = ChildProcess.peakRssKb(server.toHandle()) / 1024.0;
            row("peak RSS: full job (-Xmx3g); dashboard after the load", "job " + jobRss.format("%.0f")
                    + String.format(Locale.ROOT, " MiB; dashboard %.0f MiB", dashboardRss), "—", "—",
                    "job fits 3 GiB heap; dashboard ≤ 400 MB", dashboardRss * 1024 * 1024 <= 400e6);
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
    }

    /** Time per million events at each size up to this one: the full run and ingest. */
    private void scale(Figure ingest, Stats fullSeconds) throws IOException {
        List<String> parts = new ArrayList<>();
        List<Double> perMillion = new ArrayList<>();
        for (String s : SIZES.subList(0, SIZES.indexOf(size) + 1)) {
            Figure sizeIngest = s.equals(size) ? ingest : ingestRuns(sample(s), "ingest-" + s);
            Stats jobs = s.equals(size) ? fullSeconds : fullRuns(s);
            double millions = sizeIngest.events() / 1e6;
            perMillion.add(jobs.median() / millions);
            parts.add(String.format(Locale.ROOT, "%s %.2fM ev: job %.1f s/M ev, ingest %.1f s/M ev", s, millions,
                    jobs.median() / millions, sizeIngest.seconds().median() / millions));
        }
        boolean linear = true;
        for (int i = 1; i < perMillion.size(); i++) {
            linear &= perMillion.get(i) <= perMillion.get(i - 1) * 1.1;
        }
        row("scale: time per million events (medians)", String.join("; ", parts), "—", "—",
                "grows no faster than linearly", linear);
    }

    private Stats fullRuns(String s) throws IOException {
        Path data = fresh("scale-" + s);
        uptake("scale-ingest", Map.of(), List.of("ingest", "--data", data.toString(), sample(s).toString()));
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            seconds.add(uptake("scale-jobs-" + (i + 1), Map.of("UPTAKE_JAVA_OPTS", "-Xmx3g"),
                    List.of("jobs", "--data", data.toString(), "--full")).seconds());
        }
        return Stats.of(seconds);
    }

    /** Ingest of every event file (ELF and JSON lines, no reference data) into a new warehouse, N times. */
    private Figure ingestRuns(Path input, String name) throws IOException {
        List<Double> seconds = new ArrayList<>();
        long events = -1;
        for (int i = 0; i < runs; i++) {
            Path data = fresh(name);
            ChildProcess.Run run = uptake(name + "-" + (i + 1), Map.of(), List.of("ingest", "--data", data.toString(),
                    input.resolve("elf").toString(), input.resolve("jsonl").toString()));
            Matcher m = COMMITTED.matcher(run.output());
            if (!m.find()) {
                throw new IOException("ingest printed no total:\n" + run.output());
            }
            events = Long.parseLong(m.group(1));
            seconds.add(run.seconds());
        }
        deleteTree(work.resolve(name));
        return new Figure(events, Stats.of(seconds));
    }

    private record Figure(long events, Stats seconds) {}

    // --------------------------------------------------------------------------------------- the report

    private void row(String figure, String uptake, String duckdb, String ratio, String target, boolean met) {
        rows.add(new String[] {figure, uptake, duckdb, ratio, target, met ? "yes" : "**no**"});
        allMet &= met;
        log.println("bench: " + figure + ": " + uptake + " | DuckDB " + duckdb + " | " + ratio + " | " + (met ? "met" : "MISSED"));
    }

    private String report(long events, LocalDate asOf) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Size `%s` (%,d events, as of %s), %d runs each, min / median / max; "
                        + "%d cores, %s memory, Java %s, %s.%n%n", size, events, asOf, runs, cores(), memory(),
                System.getProperty("java.version"), today));
        table.append("| figure | Uptake | DuckDB | ratio (medians) | target | met |\n|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        table.append('\n');
        notes.forEach(n -> table.append("- ").append(n).append('\n'));
        String text = table.toString();
        Path results = root.resolve("bench/results/" + today + (size.equals("medium") ? "" : "-" + size) + ".md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, "# Benchmark, " + today + "\n\n`./uptake bench --size " + size + " --runs " + runs
                + "`\n\n" + text, StandardCharsets.UTF_8);
        log.println("bench: results written to " + root.relativize(results));
        if (size.equals("medium")) {
            updateReadme(text, root.relativize(results).toString());
        }
        return text;
    }

    private void updateReadme(String table, String results) throws IOException {
        Path readme = root.resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf(README_BEGIN);
        int end = text.indexOf(README_END);
        if (begin < 0 || end < begin) {
            log.println("bench: README.md has no " + README_BEGIN + " … " + README_END + " section; not updated");
            return;
        }
        String section = README_BEGIN + "\nLatest run (`" + results + "`):\n\n" + table;
        Files.writeString(readme, text.substring(0, begin) + section + text.substring(end));
    }

    private static String ratio(double uptake, double peer) {
        return String.format(Locale.ROOT, "%.2f", uptake / peer);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The sample of a size, generated once into bench/cache and reused by later runs. */
    private Path sample(String s) throws IOException {
        Path input = root.resolve("bench/cache/" + s);
        if (!Files.exists(input.resolve(".complete"))) {
            deleteTree(input);
            log.println("bench: generating the " + s + " sample once into " + root.relativize(input));
            uptake("generate-" + s, Map.of(), List.of("generate", "--out", input.toString(), "--size", s));
            Files.writeString(input.resolve(".complete"), "");
        }
        return input;
    }

    private ChildProcess.Run uptake(String name, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = concat(List.of(root.resolve("uptake").toString()), args);
        ChildProcess.Run run = ChildProcess.run(command, env, root, work.resolve(name + ".log"));
        log.printf(Locale.ROOT, "bench: %s %.1f s, peak RSS %.0f MiB%n", name, run.seconds(), run.peakRssMib());
        return run;
    }

    private interface Body {
        void run() throws IOException;
    }

    private Stats timed(Body body) throws IOException {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            body.run();
            seconds.add((System.nanoTime() - started) / 1e9);
        }
        return Stats.of(seconds);
    }

    private static LocalDate asOf(String jobOutput) throws IOException {
        Matcher m = AS_OF.matcher(jobOutput);
        if (!m.find()) {
            throw new IOException("the job printed no as-of date:\n" + jobOutput);
        }
        return LocalDate.parse(m.group(1));
    }

    private Path fresh(String name) throws IOException {
        Path dir = work.resolve(name);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.sorted().toList();
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String memory() throws IOException {
        Matcher m = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
        return m.find() ? String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(m.group(1)) / 1024.0 / 1024.0) : "?";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitHealthy(String url, Process server, Path serverLog) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!server.isAlive()) {
                throw new IOException("the dashboard stopped:\n" + Files.readString(serverLog));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("the dashboard did not answer on " + url + " within 60 s");
    }
}
