package io.uptake.jobs.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages a run's marts several at a time on one Spark session. A mart starts as soon as the marts it
 * reads are staged, so marts that do not depend on each other overlap: one's planning on the driver
 * runs while another's tasks use the cores, which matters on a small machine where most marts are
 * small. The run still reports them in the order they were planned.
 */
public final class ConcurrentStaging implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentStaging.class);

    private final MartWriter writer;
    private final String runId;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Long>> planned = new LinkedHashMap<>();

    public ConcurrentStaging(MartWriter writer, String runId, int threads) {
        this.writer = writer;
        this.runId = runId;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "mart-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Plans one mart: once every mart of {@code after} is staged, {@code data} builds it and it is
     * staged with its rows sorted by {@code sortColumns}. A mart whose input failed is not attempted.
     */
    public void stage(String mart, List<String> after, Supplier<Dataset<Row>> data, String... sortColumns) {
        CompletableFuture<?>[] inputs = after.stream().map(this::future).toArray(CompletableFuture[]::new);
        planned.put(mart, CompletableFuture.allOf(inputs).thenApplyAsync(ignored -> {
            long rows = writer.stage(mart, data.get(), sortColumns);
            LOG.info("Run {}: {} rows in {}", runId, rows, mart);
            return rows;
        }, pool));
    }

    /** Whether {@code mart} has been planned in this run. */
    public boolean planned(String mart) {
        return planned.containsKey(mart);
    }

    /**
     * Waits for every planned mart and returns their row counts in the order they were planned. When
     * any failed, waits for the others to finish too (nothing is left writing) and throws the first
     * failure in that order.
     */
    public Map<String, Long> awaitAll() {
        awaitQuietly();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Long>> mart : planned.entrySet()) {
            try {
                rows.put(mart.getKey(), mart.getValue().join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return rows;
    }

    /** Waits until no planned mart is running any more, whether they succeeded or not. */
    public void awaitQuietly() {
        CompletableFuture.allOf(planned.values().toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
    }

    private CompletableFuture<Long> future(String mart) {
        CompletableFuture<Long> future = planned.get(mart);
        if (future == null) {
            throw new IllegalStateException("mart " + mart + " is read before it is planned");
        }
        return future;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
