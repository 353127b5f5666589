package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Snapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs --watch} as its own JVM, stopped the way a service manager stops it: it publishes, then
 * SIGTERM makes it stop its service and Spark and exit 0, with the snapshot it published in place.
 */
class JobsCommandSignalTest {

    /** Generous: Spark starts and runs once in the child, which took over two minutes on a busy 2-core machine. */
    private static final long WAIT_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheWatchingServiceWithExitStatusZero() throws Exception {
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("users.csv"), KpiJobInputsTest.USERS_CSV);
        Files.writeString(input.resolve("waves.csv"), KpiJobInputsTest.WAVES_CSV);
        Files.writeString(input.resolve("events.jsonl"), """
                {"event_id":"e1","occurred_at":"2025-10-01T09:00:00Z","user_id":"%s","event_type":"record_update",\
                "module":"sales","client":"web","status":"success","source":"service-console"}
                {"event_id":"e2","occurred_at":"2025-10-03T09:00:00Z","user_id":"%s","event_type":"record_update",\
                "module":"sales","client":"web","status":"success","source":"service-console"}
                """.formatted(KpiJobInputsTest.ADA, KpiJobInputsTest.BOB));
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()),
                Clock.fixed(Instant.parse("2025-10-03T18:00:00Z"), ZoneOffset.UTC), report -> { }).run(List.of(input));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(sparkOptions());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), JobsCommand.class.getName(),
                "--watch", "--data", layout.dataDir().toString(), "--master", "local[1]"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> drain(process, lines), "watch-child-output");
        reader.start();
        try {
            awaitLine(lines, output, " published run ");
            process.toHandle().destroy();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("jobs --watch did not stop within %d s of SIGTERM; output:%n%s", WAIT_SECONDS, String.join("\n", output));
            }
        } finally {
            process.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        lines.drainTo(output);

        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output).contains("Stopping: abandoning any run in progress", "Stopped");
        // the latest event date on or before today (this machine's clock, long after 2025): Bob's 2025-10-03
        assertThat(new ObjectMapper().readTree(layout.snapshot().toFile()).path(Snapshot.AS_OF).asText())
                .isEqualTo("2025-10-03");
    }

    /** The JVM options this test JVM got for Spark (the parent pom's list), for the child. */
    private static List<String> sparkOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Dio.netty")
                        || a.startsWith("--sun-misc") || a.startsWith("--enable-native-access"))
                .toList();
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> output, String part)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            output.add(line);
            if (line.contains(part)) {
                return;
            }
        }
        fail("no line with '%s' within %d s; output:%n%s", part, WAIT_SECONDS, String.join("\n", output));
    }

    private static void drain(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e.getMessage() + ")");
        }
    }
}
