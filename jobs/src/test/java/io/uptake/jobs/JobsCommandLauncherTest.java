package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's part of {@code ./uptake jobs --watch}: the arguments reach the jobs' main class, or
 * spark-submit for a cluster master, and the JVM runs in the launcher's own process, so that a SIGTERM
 * sent to the launcher reaches the service. The real script runs from a copy of the project's layout
 * where {@code java} and {@code spark-submit} are stand-ins that print their process id and arguments:
 * no build, no Spark.
 */
class JobsCommandLauncherTest {

    private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("uptake");
    private static final String PRINT_ARGS = "#!/bin/sh\necho \"pid $$\"\nfor a in \"$@\"; do echo \"$a\"; done\n";

    @TempDir
    Path root;
    Path bin;
    Path sparkHome;

    @BeforeEach
    void copyTheLauncherBesideStandIns() throws IOException {
        Files.copy(LAUNCHER, root.resolve("uptake"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("pom.xml"), "<project>\n  <properties>\n"
                + "    <spark.jvm.options>--add-opens=java.base/java.nio=ALL-UNNAMED</spark.jvm.options>\n"
                + "  </properties>\n</project>\n");
        Path target = Files.createDirectories(root.resolve("jobs/target/classes")).getParent();
        Files.writeString(target.resolve("classpath.txt"), "/opt/lib/spark-sql.jar");
        Files.writeString(target.resolve("uptake-jobs-0.1.0-SNAPSHOT-spark.jar"), "");
        bin = executable(Files.createDirectories(root.resolve("bin")).resolve("java"));
        sparkHome = root.resolve("spark");
        executable(Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit"));
    }

    @Test
    void watchAndItsIntervalReachTheJobsCommandInTheLaunchersOwnProcess() throws Exception {
        Result result = launch(Map.of(), "jobs", "--watch", "--interval", "30", "--data", "/srv/uptake");

        assertThat(result.lines()).containsExactly("pid " + result.pid(), "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", root + "/jobs/target/classes:/opt/lib/spark-sql.jar", "io.uptake.jobs.JobsCommand",
                "--watch", "--interval", "30", "--data", "/srv/uptake");
    }

    @Test
    void aClusterMasterSendsWatchThroughSparkSubmitWhichTakesTheMaster() throws Exception {
        Result result = launch(Map.of("SPARK_HOME", sparkHome.toString()),
                "jobs", "--watch", "--master", "spark://spark-master:7077", "--data", "hdfs://namenode/uptake");

        assertThat(result.lines()).containsExactly("pid " + result.pid(), "--master", "spark://spark-master:7077",
                "--deploy-mode", "client", "--name", "uptake-jobs", "--class", "io.uptake.jobs.JobsCommand",
                root + "/jobs/target/uptake-jobs-0.1.0-SNAPSHOT-spark.jar", "--watch", "--data", "hdfs://namenode/uptake");
    }

    @Test
    void theUsageNamesWatchAndItsInterval() throws Exception {
        Result result = launch(Map.of(), "--help");

        assertThat(result.lines()).contains("  jobs --watch [--interval SECONDS] [--data DIR|URI] [--full] [--master URL]"
                + " [--max-days N] [--max-user-days N]");
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("uptake").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin.getParent() + ":" + System.getenv("PATH"));
        // the stand-in layout is never built: the launcher's own switch for running on what is there
        builder.environment().put("UPTAKE_NO_BUILD", "1");
        builder.environment().remove("UPTAKE_JAVA_OPTS");
        builder.environment().remove("SPARK_HOME");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new Result(process.pid(), output.lines().toList());
    }

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, PRINT_ARGS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private record Result(long pid, List<String> lines) {}
}
