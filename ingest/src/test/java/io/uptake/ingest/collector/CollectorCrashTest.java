package io.uptake.ingest.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.ingest.WarehouseRows;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector as a separate JVM ({@code CollectorCommand}, as the launcher runs it), killed with
 * SIGKILL at random points while batches are being sent to it, and restarted each time; then started
 * once more and stopped with SIGTERM. Every event that got a 202 must be in the warehouse exactly once;
 * the only others allowed are events of a request the kill cut off before its answer arrived.
 */
class CollectorCrashTest {

    private static final String TOKEN = "crash-test-token-0123456789";
    private static final int KILLS = 20;
    private static final int BATCH = 5;
    /** Kill points. */
    private static final int ANSWERS = 0;
    private static final int COMMIT = 1;
    private static final int REPLAY = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile("Collector on http://[^/ ]+:(\\d+)/v1/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyAcceptedEventIsInTheWarehouseExactlyOnceAfterRepeatedKills() throws Exception {
        DataLayout layout = new DataLayout(tmp.resolve("data"));
        Random random = new Random(20251001);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> cutOff = ConcurrentHashMap.newKeySet();
        AtomicInteger nextEvent = new AtomicInteger();
        long started = System.nanoTime();
        int kills = 0;
        int[] killsAt = new int[3];
        int answeredBeforeKills = 0;

        while (kills < KILLS) {
            // A commit every 0.1 s, so that kills land in commits as well as in appends.
            Child child = Child.start(layout, "0.1");
            // Where to kill: after some answers (mostly lands in the next request), right after a commit
            // (between the commit and the deletion of its segments), or while the start replays the log.
            int killAt = random.nextInt(3);
            String line = child.awaitLine(l -> READY.matcher(l).find() || (killAt == REPLAY && l.contains("Replaying")));
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                Sender sender = new Sender(Integer.parseInt(ready.group(1)), nextEvent, acknowledged, cutOff);
                sender.start();
                if (killAt == COMMIT) {
                    child.awaitLine(l -> l.contains("Ingest - Commit"));
                } else {
                    int answers = random.nextInt(5);
                    sender.awaitAnswers(answers);
                    answeredBeforeKills += answers;
                }
                child.kill();
                sender.join(WAIT.toMillis());
                sender.assertNoSurprises();
                killsAt[killAt == REPLAY ? ANSWERS : killAt]++;
            } else {
                child.kill();
                killsAt[REPLAY]++;
            }
            kills++;
        }

        // Once more, undisturbed and without a timed commit: it replays what the kills left, takes one last
        // batch, and SIGTERM must commit that batch before the JVM exits.
        Child last = Child.start(layout, "3600");
        Matcher ready = READY.matcher(last.awaitLine(l -> READY.matcher(l).find()));
        assertThat(ready.find()).isTrue();
        int port = Integer.parseInt(ready.group(1));
        Sender finalBatch = new Sender(port, nextEvent, acknowledged, cutOff);
        assertThat(finalBatch.sendOne()).isEqualTo(202);
        assertThat(health(port).get("backlog").asLong()).isEqualTo(BATCH);
        int exit = last.terminate();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(exit).as("exit status after SIGTERM; output:%n%s", last.output()).isEqualTo(143);
        assertThat(last.output()).anyMatch(l -> l.contains("Collector stopped"));
        List<Map<String, Object>> rows = WarehouseRows.rows(layout, Tables.EVENTS);
        List<String> ids = rows.stream().map(r -> (String) r.get(Columns.EVENT_ID)).toList();
        Set<String> allowed = new HashSet<>(acknowledged);
        allowed.addAll(cutOff);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo((answeredBeforeKills + 1) * BATCH);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsAll(acknowledged);
        assertThat(allowed).containsAll(ids);
        for (Map<String, Object> row : rows) {
            String id = (String) row.get(Columns.EVENT_ID);
            assertThat(row.get(Columns.OCCURRED_AT)).as(id).isEqualTo(Instant.parse(occurredAt(number(id))));
        }
        // Every live file is whole: its footer reads, and its row counts add up to the rows read.
        long footerRows = 0;
        for (Path file : new CommitLog(layout).liveFiles(Tables.EVENTS)) {
            footerRows += footerRowCount(file);
        }
        assertThat(footerRows).isEqualTo(rows.size());
        // No torn log line ever reached the warehouse as a rejected event.
        assertThat(new CommitLog(layout).liveFiles(Tables.QUARANTINE)).isEmpty();
        assertThat(logSegments(layout)).isEmpty();

        Set<String> cutOffButStored = new HashSet<>(ids);
        cutOffButStored.retainAll(cutOff);
        System.out.printf("CollectorCrashTest: %d kills (%d after answers, %d after a commit, %d during a replay), "
                        + "%d events acknowledged, %d cut off of which %d stored, %d in the warehouse, %.1f s%n",
                kills, killsAt[ANSWERS], killsAt[COMMIT], killsAt[REPLAY], acknowledged.size(), cutOff.size(),
                cutOffButStored.size(), ids.size(), seconds);
    }

    private static String eventId(int n) {
        return String.format("e-%05d", n);
    }

    private static int number(String eventId) {
        return Integer.parseInt(eventId.substring(2));
    }

    /** Spread over two days, so that commits write two partitions. */
    private static String occurredAt(int n) {
        return String.format("2025-10-0%dT%02d:%02d:00Z", 1 + n % 2, n / 60 % 24, n % 60);
    }

    private static String event(int n) {
        String[] types = {"login", "page_view", "record_update", "search"};
        return "{\"event_id\":\"" + eventId(n) + "\",\"occurred_at\":\"" + occurredAt(n) + "\",\"user_id\":\"u-" + (n % 7)
                + "\",\"event_type\":\"" + types[n % types.length] + "\"}";
    }

    private static long footerRowCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
        }
    }

    private static List<Path> logSegments(DataLayout layout) throws IOException {
        try (Stream<Path> files = Files.list(layout.dataDir().resolve(CollectorConfig.WAL_DIR))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static JsonNode health(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Sends batches of new events until the collector goes away, sorting each batch by how it ended. */
    private static final class Sender extends Thread {
        private final int port;
        private final AtomicInteger nextEvent;
        private final Set<String> acknowledged;
        private final Set<String> cutOff;
        private final Semaphore answered = new Semaphore(0);
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final List<String> surprises = new ArrayList<>();

        Sender(int port, AtomicInteger nextEvent, Set<String> acknowledged, Set<String> cutOff) {
            super("crash-test-sender");
            setDaemon(true);
            this.port = port;
            this.nextEvent = nextEvent;
            this.acknowledged = acknowledged;
            this.cutOff = cutOff;
        }

        @Override
        public void run() {
            try {
                while (sendOne() == 202) {
                    answered.release();
                }
            } catch (IOException e) {
                // The kill: expected.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One batch; returns its status, or throws when the connection broke (the batch is then cut off). */
        int sendOne() throws IOException, InterruptedException {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                int n = nextEvent.getAndIncrement();
                ids.add(eventId(n));
                body.append(event(n)).append('\n');
            }
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .timeout(WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                cutOff.addAll(ids);
                throw e;
            }
            if (response.statusCode() == 202
                    && JSON.readTree(response.body()).get("accepted").asInt() == BATCH) {
                acknowledged.addAll(ids);
            } else {
                synchronized (surprises) {
                    surprises.add(response.statusCode() + " " + response.body());
                }
            }
            return response.statusCode();
        }

        void awaitAnswers(int count) throws InterruptedException {
            if (!answered.tryAcquire(count, WAIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("No %d answers from the collector within %s", count, WAIT);
            }
        }

        void assertNoSurprises() {
            synchronized (surprises) {
                assertThat(surprises).as("answers other than 202 with every event accepted").isEmpty();
            }
        }
    }

    /** A collector JVM with its output (stdout and stderr) read line by line. */
    private static final class Child {
        /** Put in the queue when the output ends. */
        private static final String END = new String("end of output");

        private final Process process;
        private Thread reader;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> output = new ArrayList<>();

        private Child(Process process) {
            this.process = process;
        }

        static Child start(DataLayout layout, String flushSeconds) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CollectorCommand.class.getName(),
                    "--data", layout.dataDir().toString(), "--port", "0", "--flush-interval", flushSeconds)
                    .redirectErrorStream(true);
            builder.environment().put(CollectorCommand.TOKEN_ENV, TOKEN);
            Child child = new Child(builder.start());
            child.reader = new Thread(child::drain, "crash-test-child-output");
            child.reader.setDaemon(true);
            child.reader.start();
            return child;
        }

        private void drain() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed while its output was read: nothing more to read.
            } finally {
                lines.add(END);
            }
        }

        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == END) {
                    break;
                }
                if (line != null && wanted.test(line)) {
                    return line;
                }
            }
            process.destroyForcibly();
            return fail("The collector did not get to the expected line; its output:%n%s", String.join("\n", output()));
        }

        /** SIGKILL: no shutdown hook runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /**
         * SIGTERM: the shutdown hook commits what was accepted. Returns the exit status. Sent through the
         * process handle, because {@link Process#destroy()} also closes the pipe the last lines come through.
         */
        int terminate() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("The collector did not stop within %s after SIGTERM", WAIT);
            }
            reader.join(WAIT.toMillis());
            return process.exitValue();
        }

        List<String> output() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }
    }
}
