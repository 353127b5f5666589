package io.uptake.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.JobsCommand;
import io.uptake.jobs.KpiJob;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The jobs on a real Spark standalone cluster: a master and two workers (1 core, 1 GiB each) as
 * separate JVMs on 127.0.0.1, started from a SPARK_HOME built in target/cluster/ out of the jobs
 * module's own Spark jars. The ingested `small` sample is copied twice; the jobs run once in this JVM
 * with {@code local[*]} and once through {@code ./uptake jobs --master spark://...}, which submits the
 * jobs jar with spark-submit. Both runs must write the same marts, and the cluster run must have run
 * on the workers' executors.
 *
 * <p>Tagged {@code cluster}: `mvn verify` leaves it out (it takes minutes); `.ci/run` runs it after
 * the suite. Logs of every process stay in target/cluster/logs/.
 */
@Tag("cluster")
class ClusterTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final Path WORK = MODULE.resolve(Path.of("target", "cluster"));
    private static final Path LOGS = WORK.resolve("logs");
    private static final String APP_NAME = "uptake-jobs";
    private static final double TOLERANCE = 1e-9;
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration JOBS_TIMEOUT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<Process> processes = new ArrayList<>();
    private static SparkSession spark;
    private static int masterWebUiPort;
    private static Path localData;
    private static Path clusterData;
    private static List<Path> workerDirs;

    @BeforeAll
    static void runTheJobsLocallyAndOnACluster() throws Exception {
        requireJobsJar();
        deleteRecursively(WORK);
        Files.createDirectories(LOGS);
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterTest::stopProcesses));
        Path sparkHome = sparkHome();

        // The cluster starts while the sample is generated, ingested and computed locally.
        int masterPort = freePort();
        masterWebUiPort = freePort();
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        Process master = startDaemon(sparkHome, "master", List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterWebUiPort)));
        workerDirs = List.of(WORK.resolve("worker-1"), WORK.resolve("worker-2"));
        for (int i = 0; i < workerDirs.size(); i++) {
            Files.createDirectories(workerDirs.get(i));
            startDaemon(sparkHome, "worker-" + (i + 1), List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", "1g",
                    "--work-dir", workerDirs.get(i).toString(), masterUrl));
        }

        Path input = WORK.resolve("input");
        GenerateCommand.generate(input, 42, Size.SMALL);
        Path ingested = WORK.resolve("ingested");
        DataLayout ingestedLayout = new DataLayout(ingested);
        new Ingest(ingestedLayout, Pseudonymizer.loadOrCreate(ingestedLayout.keyFile()), Clock.systemUTC(), report -> { })
                .run(List.of(input));
        localData = WORK.resolve("data-local");
        clusterData = WORK.resolve("data-cluster");
        copyRecursively(ingested, localData);
        copyRecursively(ingested, clusterData);

        spark = JobsCommand.session(Optional.of("local[*]"));
        KpiJob.run(spark, new JobConfig(new DataLayout(localData), Optional.empty(), "local[*]", Clock.systemUTC()));

        awaitWorkers(master, 2);
        Path jobsLog = LOGS.resolve("jobs-cluster.log");
        ProcessBuilder jobs = new ProcessBuilder(ROOT.resolve("uptake").toString(), "jobs",
                "--master", masterUrl, "--data", clusterData.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(jobsLog.toFile());
        // Maven has just built the jobs jar; SparkSubmit from the module's own jars, not an installed Spark.
        jobs.environment().remove("SPARK_HOME");
        jobs.environment().put("UPTAKE_NO_BUILD", "1");
        jobs.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        jobs.environment().put("UPTAKE_JAVA_OPTS", "-Xmx1g");
        Process submit = start(jobs);
        if (!submit.waitFor(JOBS_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            fail("./uptake jobs --master " + masterUrl + " did not finish in " + JOBS_TIMEOUT + "; " + tail(jobsLog));
        }
        assertThat(submit.exitValue()).as("exit code of ./uptake jobs --master %s; %s", masterUrl, tail(jobsLog)).isZero();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        stopProcesses();
    }

    @Test
    void clusterRunWritesTheSameMartsAsTheLocalRun() {
        List<String> marts = martNames(localData);
        assertThat(marts).hasSize(17).contains(Marts.ADOPTION_DAILY, Marts.ROI_SUMMARY, Marts.TRAINING_GAP);
        assertThat(martNames(clusterData)).containsExactlyElementsOf(marts);

        // The one figure measured from the run's own start, or from the end of the as-of day when that is
        // earlier (KPIS.md): the cluster run's reference is later by this much (0 for a past as-of date).
        Duration later = Duration.between(freshnessReference(localData), freshnessReference(clusterData));
        Map<String, Double> shifts = Map.of(Marts.HOURS_SINCE_LAST_EVENT, later.toNanos() / 3.6e12);
        List<String> differences = new ArrayList<>();
        for (String mart : marts) {
            Dataset<Row> local = spark.read().parquet(new DataLayout(localData).mart(mart).toString());
            Dataset<Row> cluster = spark.read().parquet(new DataLayout(clusterData).mart(mart).toString());
            assertThat(cluster.schema()).as("schema of %s", mart).isEqualTo(local.schema());
            differences.addAll(differences(mart, local.schema().fields(), shifts, sortedRows(local), sortedRows(cluster)));
        }
        assertThat(differences).as("rows that differ between the local and the cluster run").isEmpty();
    }

    @Test
    void bothRunsRecordTheSameRowCountsAndAsOfDate() {
        Row local = onlyRun(localData);
        Row cluster = onlyRun(clusterData);
        assertThat(cluster.<Object>getAs(Marts.AS_OF)).isEqualTo(local.getAs(Marts.AS_OF));
        assertThat(cluster.<Object>getAs(Marts.ROWS_WRITTEN)).isEqualTo(local.getAs(Marts.ROWS_WRITTEN));
    }

    @Test
    void clusterRunRanOnBothWorkersExecutors() throws Exception {
        JsonNode app = awaitCompletedApp();
        assertThat(app.path("state").asText()).isEqualTo("FINISHED");
        String appId = app.path("id").asText();
        for (Path worker : workerDirs) {
            Path appDir = worker.resolve(appId);
            List<Path> executors = list(appDir);
            assertThat(executors).as("executor directories of %s under %s", appId, worker).hasSize(1);
            Path executor = executors.get(0);
            assertThat(executor.resolve("uptake-jobs-" + version() + "-spark.jar")).as("the jobs jar fetched by the executor")
                    .exists();
            assertThat(Files.readString(executor.resolve("stderr"), StandardCharsets.UTF_8))
                    .as("the executor's log in %s", executor)
                    .contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")
                    .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                    .containsPattern("Finished task \\S+ in stage");
        }
    }

    /** The spark-submit jar that `mvn package` builds in jobs/target/. */
    private static void requireJobsJar() {
        Path jar = ROOT.resolve(Path.of("jobs", "target", "uptake-jobs-" + version() + "-spark.jar"));
        assertThat(jar).as("the jobs jar; build with mvn -pl system-tests -am verify").exists();
    }

    /** The project version, as Maven gives it to the tests. */
    private static String version() {
        return required("uptake.version");
    }

    /**
     * A Spark distribution's layout (RELEASE and jars/) holding links to the jobs module's runtime jars
     * less our own: the workers launch executors with SPARK_HOME/jars as their classpath, so the
     * executors get our code only from the submitted jar, as on a real cluster.
     */
    private static Path sparkHome() throws IOException {
        Path home = WORK.resolve("spark-home");
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        String classpath = Files.readString(ROOT.resolve(Path.of("jobs", "target", "classpath.txt"))).trim();
        for (String entry : classpath.split(":")) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar") && !name.startsWith("uptake-") && !name.startsWith("commonmark")) {
                Files.createSymbolicLink(jars.resolve(name), jar);
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + " from the Uptake jobs module's dependencies, for the cluster test\n");
        return home;
    }

    private static Process startDaemon(Path sparkHome, String name, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(required("uptake.spark.jvm.options").trim().split("\\s+")));
        command.addAll(List.of("-Xmx256m", "-cp", sparkHome.resolve("jars") + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return start(builder);
    }

    private static synchronized Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Stops every process started here and their children (the launcher's JVM, the executors). */
    private static synchronized void stopProcesses() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }

    /** Polls the master's /json/ until {@code count} workers are alive; waits on the master process. */
    private static void awaitWorkers(Process master, int count) throws Exception {
        Instant deadline = Instant.now().plus(REGISTRATION_TIMEOUT);
        int alive = 0;
        while (Instant.now().isBefore(deadline)) {
            alive = masterState().map(state -> state.path("aliveworkers").asInt()).orElse(0);
            if (alive >= count) {
                return;
            }
            if (master.waitFor(1, TimeUnit.SECONDS)) {
                fail("the Spark master exited with " + master.exitValue() + "; " + tail(LOGS.resolve("master.log")));
            }
        }
        fail(alive + " of " + count + " workers registered with the master in " + REGISTRATION_TIMEOUT + "; "
                + tail(LOGS.resolve("worker-1.log")) + tail(LOGS.resolve("worker-2.log")));
    }

    /** The master marks the application finished once the driver has gone, which may lag its exit. */
    private static JsonNode awaitCompletedApp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        List<JsonNode> apps = List.of();
        Process master = processes.get(0);
        while (Instant.now().isBefore(deadline)) {
            apps = masterState().map(state -> stream(state.path("completedapps"))).orElse(List.of());
            if (!apps.isEmpty()) {
                break;
            }
            master.waitFor(1, TimeUnit.SECONDS);
        }
        assertThat(apps).as("the master's completed applications").hasSize(1);
        assertThat(apps.get(0).path("name").asText()).isEqualTo(APP_NAME);
        return apps.get(0);
    }

    private static Optional<JsonNode> masterState() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the web UI is not up yet
        }
    }

    private static List<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static List<String> martNames(Path data) {
        return list(new DataLayout(data).marts()).stream()
                .map(path -> path.getFileName().toString())
                .filter(name -> !name.startsWith(".") && !name.equals(Marts.RUNS))
                .sorted()
                .toList();
    }

    private static Row onlyRun(Path data) {
        List<Row> runs = spark.read().parquet(new DataLayout(data).mart(Marts.RUNS).toString()).collectAsList();
        assertThat(runs).as("runs recorded in %s", data).hasSize(1);
        return runs.get(0);
    }

    /** What hours_since_last_event is measured from: the earlier of the run's start and the end of its as-of day. */
    private static Instant freshnessReference(Path data) {
        Row run = onlyRun(data);
        Instant started = run.<Timestamp>getAs(Marts.STARTED_AT).toInstant();
        Instant endOfAsOf = run.<java.sql.Date>getAs(Marts.AS_OF).toLocalDate().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        return started.isBefore(endOfAsOf) ? started : endOfAsOf;
    }

    /**
     * A mart's rows in an order that does not depend on partitioning: by their exact values first and
     * their doubles last, since doubles may differ in the last bits between the two runs.
     */
    private static List<List<Object>> sortedRows(Dataset<Row> mart) {
        Comparator<List<Object>> byDoubles = (a, b) -> Arrays.compare(doubles(a), doubles(b));
        return mart.collectAsList().stream()
                .map(row -> Stream.iterate(0, i -> i < row.size(), i -> i + 1).map(row::get).toList())
                .sorted(Comparator.comparing(ClusterTest::exactValues).thenComparing(byDoubles))
                .toList();
    }

    private static String exactValues(List<Object> values) {
        return values.stream().filter(v -> !(v instanceof Double)).map(String::valueOf).collect(Collectors.joining("\u0001"));
    }

    private static double[] doubles(List<Object> values) {
        return values.stream().filter(v -> v instanceof Double).mapToDouble(v -> (Double) v).toArray();
    }

    /**
     * Doubles match within 1e-9, relative to their size above 1, after adding a column's shift (if any)
     * to the local value; every other value matches exactly.
     */
    private static List<String> differences(String mart, StructField[] fields, Map<String, Double> shifts,
            List<List<Object>> local, List<List<Object>> cluster) {
        if (local.size() != cluster.size()) {
            return List.of(mart + ": " + local.size() + " rows locally, " + cluster.size() + " on the cluster");
        }
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < local.size(); r++) {
            for (int c = 0; c < fields.length; c++) {
                Object expected = local.get(r).get(c);
                Object actual = cluster.get(r).get(c);
                boolean same = fields[c].dataType().equals(DataTypes.DoubleType) && expected != null && actual != null
                        ? close((Double) expected + shifts.getOrDefault(fields[c].name(), 0.0), (Double) actual)
                        : Objects.equals(expected, actual);
                if (!same) {
                    differences.add(mart + " row " + r + " " + fields[c].name() + ": local " + expected + ", cluster " + actual
                            + " (local row " + local.get(r) + ")");
                }
            }
        }
        return differences;
    }

    private static boolean close(double expected, double actual) {
        return Double.compare(expected, actual) == 0
                || Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by system-tests/pom.xml)", property).isNotBlank();
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                    + "\n";
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
