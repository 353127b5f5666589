package io.uptake.ingest.collector;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.ingest.Event;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.PlausibleValues;
import io.uptake.ingest.collector.CollectorException.Code;
import io.uptake.ingest.collector.WriteAheadLog.Segment;
import io.uptake.ingest.source.jsonl.JsonLinesParser;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.ModuleMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events in and sees each into the warehouse exactly once (DATA.md 1.1c and 2.3).
 *
 * <p>{@link #accept} validates each event with {@link JsonLinesParser}, appends the valid ones to the
 * {@link WriteAheadLog} and forces them to disk before it returns: an accepted event survives a crash
 * right after the answer. A background flusher seals the open segment every flush interval (sooner
 * when it outgrows the segment size), commits the sealed segments to the warehouse with
 * {@link Ingest}, then deletes them. A crash between that commit and the delete adds nothing when
 * the segments are replayed, because Ingest skips an input whose sha256 is already committed and
 * de-duplicates events by {@code event_id}. A failed commit (such as the commit-log lock held by a
 * concurrent {@code ./uptake ingest}) keeps the segments and is retried at the next interval: events
 * are delayed, never dropped, and the backlog bound turns the delay into 429s for the senders. A
 * commit that fails on its data rather than on I/O is retried segment by segment, then in parts, and
 * the lines that still fail are set aside ({@link Quarantine}), so that no line can hold up the log.
 *
 * <p><b>Duplicates in the answer</b> are the ones the collector can see at once: an event id repeated
 * within the request, or accepted by this collector earlier, whether still in the write-ahead log
 * (ids are read back from it on start) or committed since start, among the last
 * {@link CollectorConfig#rememberedIds()} accepted ids. The collector does not read the warehouse in
 * the request path, so an event committed before this start (by an earlier run or by
 * {@code ./uptake ingest}) is answered as accepted; the warehouse's own {@code event_id}
 * de-duplication still stores it once. The duplicate count is thus a lower bound; nothing is ever
 * stored twice whatever it says.
 *
 * <p>Thread-safe. Appends, sealing and the remembered ids share one lock; commits run outside it,
 * one at a time, so requests are not held up by a commit.
 */
public final class Collector {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    /** The {@code source} of events whose sender gave none. */
    public static final String SOURCE = "collector";

    /** An event of the request that was not accepted: its 0-based position in the body, and why. */
    public record RejectedEvent(int index, String reason) {
        public RejectedEvent {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The answer to one request. Every event of the body is counted once: accepted, duplicate or rejected.
     * However many are rejected, the answer stays small: it lists the first {@link Rejections#LISTED}
     * rejected events with their reasons, and counts all of them by kind of reason.
     */
    public record Receipt(long accepted, long duplicates, long rejected, List<RejectedEvent> rejections,
                          Map<String, Long> rejectedByReason) {
        public Receipt {
            rejections = List.copyOf(rejections);
            rejectedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectedByReason));
            long counted = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
            if (rejected != counted || rejections.size() != Math.min(rejected, Rejections.LISTED)) {
                throw new IllegalArgumentException("rejected " + rejected + " <> " + counted + " counted, "
                        + rejections.size() + " listed");
            }
        }
    }

    /**
     * What {@code GET /v1/health} shows: the state, the accepted events not yet committed, the events the
     * write-ahead log set aside because they could not be committed, and why the last commit failed.
     */
    public record Health(String status, long backlog, long quarantined, String lastFlushError) {}

    private enum State { NEW, RUNNING, STOPPING, CLOSED }

    private final CollectorConfig config;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final JsonLinesParser parser;

    private final Object lock = new Object();
    private final Object flushLock = new Object();
    /** Accepted events not yet committed to the warehouse. */
    private final AtomicLong backlog = new AtomicLong();
    /** Events of the write-ahead log set aside since start because they could not be committed. */
    private final AtomicLong quarantined = new AtomicLong();
    private volatile State state = State.NEW;
    private volatile String lastFlushError;
    private WriteAheadLog wal;
    private final RecentIds recentIds;
    private volatile ScheduledExecutorService flusher;

    public Collector(CollectorConfig config, Pseudonymizer pseudonymizer, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.parser = new JsonLinesParser(pseudonymizer, ModuleMapping.defaults());
        this.recentIds = new RecentIds(config.rememberedIds());
    }

    /**
     * Opens the write-ahead log, commits whatever a previous run left in it, and starts the flusher.
     * If that first commit fails, the flusher retries it like any other.
     */
    public void start() throws IOException {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("The collector was already started");
            }
            wal = WriteAheadLog.open(config.walDir());
            wal.recoveredIds().forEach(recentIds::add);
            backlog.set(wal.sealed().stream().mapToLong(Segment::events).sum());
            state = State.RUNNING;
        }
        if (backlog.get() > 0) {
            LOG.info("Replaying {} events left in {} by the previous run", backlog.get(), config.walDir());
            flush();
        }
        flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "collector-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Collector started: write-ahead log {}, commits every {}", config.walDir(), seconds(config.flushInterval()));
    }

    /** Refuses 429 up front when the backlog is at its bound, before the body is read. */
    public void checkBacklog() {
        long pending = backlog.get();
        if (pending >= config.maxBacklog()) {
            throw new CollectorException(Code.BACKLOG_FULL, pending + " accepted events are waiting to be committed "
                    + "to the warehouse (bound " + config.maxBacklog() + "): retry after " + config.retryAfterSeconds()
                    + " s; nothing accepted is lost");
        }
    }

    /**
     * Validates the events (texts of JSON objects, in body order) and makes the valid, new ones durable.
     * Returns only once they are forced to disk. A request is admitted whole while the backlog is under
     * its bound, so one request can take the backlog past it; the next one is refused.
     */
    public Receipt accept(List<String> events) {
        Rejections rejections = new Rejections();
        List<String> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Instant receivedAt = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            String text = events.get(i);
            try {
                Event event = parser.toEvent(text, SOURCE);
                // Refused now, not accepted into the log: a value the warehouse cannot hold must never reach a commit.
                Optional<String> implausible = PlausibleValues.problem(event, receivedAt);
                if (implausible.isPresent()) {
                    rejections.add(i, implausible.get());
                    continue;
                }
                ids.add(event.eventId());
                lines.add(logLine(text));
            } catch (InvalidRecord e) {
                rejections.add(i, e.getMessage());
            }
        }
        long accepted;
        boolean full;
        synchronized (lock) {
            if (state != State.RUNNING) {
                throw new CollectorException(Code.UNAVAILABLE, "The collector is shutting down: retry in a moment");
            }
            checkBacklog();
            Set<String> inRequest = new HashSet<>();
            List<String> newIds = new ArrayList<>();
            List<String> newLines = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (inRequest.add(id) && !recentIds.contains(id)) {
                    newIds.add(id);
                    newLines.add(lines.get(i));
                }
            }
            try {
                wal.append(newLines);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to the write-ahead log in " + config.walDir(), e);
            }
            newIds.forEach(recentIds::add);
            backlog.addAndGet(newLines.size());
            accepted = newLines.size();
            full = wal.openBytes() >= config.segmentMaxBytes();
        }
        if (full) {
            flushSoon();
        }
        return new Receipt(accepted, ids.size() - accepted, rejections.count(), rejections.listed(), rejections.byReason());
    }

    /** The event as logged: as sent, plus {@code "source":"collector"} when the sender gave no source. */
    private static String logLine(String text) {
        try {
            ObjectNode event = (ObjectNode) RequestBody.JSON.readTree(text);
            if (!event.hasNonNull("source")) {
                event.put("source", SOURCE);
            }
            return RequestBody.JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event JsonLinesParser accepted is not a JSON object", e);
        }
    }

    private void flushSoon() {
        try {
            flusher.execute(this::flush);
        } catch (RejectedExecutionException e) {
            // The flusher is shut down: close() is committing everything accepted anyway.
        }
    }

    /**
     * Seals the open segment and commits every sealed segment to the warehouse, then deletes them.
     * Returns false, and keeps the segments for the next attempt, when the commit failed; never throws.
     */
    public boolean flush() {
        synchronized (flushLock) {
            List<Segment> segments;
            synchronized (lock) {
                if (wal == null) {
                    return true;
                }
                try {
                    wal.seal();
                } catch (IOException e) {
                    // The segment stays open; its events are durable and the next attempt seals it.
                    return failed("Cannot seal the open segment in " + config.walDir() + ": " + e.getMessage(), e);
                }
                segments = wal.sealed();
            }
            if (segments.isEmpty()) {
                return true;
            }
            long[] totals = new long[4];
            long setAside;
            try {
                try {
                    ingest(segments.stream().map(Segment::file).toList(), totals);
                    setAside = 0;
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                } catch (IngestException | RuntimeException e) {
                    LOG.warn("{}: committing the segments one at a time, to set aside what cannot be committed",
                            cannotCommit(segments, Quarantine.reason(e)));
                    // The failed ingest reported its inputs before its commit failed: count them again from zero.
                    Arrays.fill(totals, 0);
                    setAside = commitOneByOne(segments, totals);
                }
            } catch (IOException e) {
                return failed(cannotCommit(segments, e.getMessage()) + "; retrying every " + seconds(config.flushInterval()), e);
            } catch (NothingCommits e) {
                return failed(e.getMessage(), null);
            } catch (RuntimeException e) {
                // Never out of here: the flusher would stop for good, and with it every commit.
                return failed(cannotCommit(segments, Quarantine.reason(e)) + "; retrying every "
                        + seconds(config.flushInterval()), e);
            }
            synchronized (lock) {
                try {
                    for (Segment segment : segments) {
                        delete(segment);
                    }
                } catch (IOException e) {
                    // Committed but not deleted: the next flush finds the segment already ingested.
                    return failed("Cannot delete a committed segment in " + config.walDir() + ": " + e.getMessage(), e);
                }
            }
            lastFlushError = null;
            if (totals[3] > 0) {
                LOG.warn("{} lines of the write-ahead log were quarantined: see the warehouse's quarantine table", totals[3]);
            }
            LOG.info("Committed {} segments: {} lines, {} new events, {} already in the warehouse, {} quarantined, "
                            + "{} set aside; backlog {}",
                    segments.size(), totals[0], totals[1], totals[2], totals[3], setAside, backlog.get());
            return true;
        }
    }

    private static String cannotCommit(List<Segment> segments, String reason) {
        long events = segments.stream().mapToLong(Segment::events).sum();
        return "Cannot commit " + events + " events of " + segments.size() + " segments to the warehouse (" + reason + ")";
    }

    /** Commits the files to the warehouse with one ingest, adding its counts to the totals. */
    private void ingest(List<Path> files, long[] totals) throws IOException, IngestException {
        new Ingest(config.layout(), pseudonymizer, clock, report -> {
            totals[0] += report.read();
            totals[1] += report.committed();
            totals[2] += report.duplicates();
            totals[3] += report.quarantined();
        }).run(files);
    }

    /** Removes a committed segment from the log and its events from the backlog. Under the lock. */
    private void delete(Segment segment) throws IOException {
        wal.delete(List.of(segment));
        backlog.addAndGet(-segment.events());
    }

    /**
     * After the segments failed together on their data: commits each alone, and the parts of one that
     * fails alone ({@link Quarantine}), then sets aside the lines that cannot be committed and removes
     * the segments from the log. Returns the number of lines set aside. Lines are set aside only when
     * something else commits in the same flush: when nothing does, the fault is taken to be the
     * warehouse's or the collector's rather than the events', and every segment stays in the log.
     */
    private long commitOneByOne(List<Segment> segments, long[] totals) throws IOException, NothingCommits {
        Quarantine quarantine = new Quarantine(config.walDir(), file -> ingest(List.of(file), totals));
        Map<Segment, List<Quarantine.Line>> failing = new LinkedHashMap<>();
        boolean committedAny = false;
        String lastFailure = null;
        for (Segment segment : segments) {
            try {
                ingest(List.of(segment.file()), totals);
                committedAny = true;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (IngestException | RuntimeException e) {
                lastFailure = Quarantine.reason(e);
                Quarantine.Outcome outcome = quarantine.commitParts(segment.file(), lastFailure);
                committedAny |= outcome.committedAny();
                failing.put(segment, outcome.setAside());
            }
        }
        if (!committedAny) {
            throw new NothingCommits(cannotCommit(segments, lastFailure) + ", not even a single event of them, so the "
                    + "fault is taken to lie elsewhere than in the events (the warehouse, the disk, the clock): nothing "
                    + "is set aside; retrying every "
                    + seconds(config.flushInterval()));
        }
        long setAside = 0;
        for (Map.Entry<Segment, List<Quarantine.Line>> entry : failing.entrySet()) {
            List<Quarantine.Line> lines = entry.getValue();
            if (!lines.isEmpty()) {
                Path file = quarantine.write(entry.getKey().file(), lines);
                LOG.warn("Set aside {} of the {} events of {} in {}: they cannot be committed ({})", lines.size(),
                        entry.getKey().events(), entry.getKey().file().getFileName(), file, clip(lines.get(0).reason()));
            }
            setAside += lines.size();
        }
        quarantined.addAndGet(setAside);
        return setAside;
    }

    /** The start of a reason, for the log: the whole is in the quarantine file. */
    private static String clip(String reason) {
        return reason.length() <= 200 ? reason : reason.substring(0, 200) + "…";
    }

    /** No commit of a flush succeeded, whole or in parts, so nothing was set aside. */
    private static final class NothingCommits extends Exception {
        NothingCommits(String message) {
            super(message, null, false, false);
        }
    }

    private boolean failed(String message, Exception e) {
        lastFlushError = message;
        // Expected, retried failures (the commit lock held elsewhere) need no stack trace.
        if (e == null || e instanceof IOException || e instanceof IngestException || e instanceof OverlappingFileLockException) {
            LOG.warn(message);
        } else {
            LOG.error(message, e);
        }
        return false;
    }

    /** Stops taking events; those in flight finish first, later ones get 503. */
    public void stopAccepting() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.STOPPING;
            }
        }
    }

    /**
     * Stops taking events, commits everything accepted (retrying for up to the shutdown timeout), and
     * releases the write-ahead log. What could not be committed stays in the log for the next start.
     */
    public void close() {
        synchronized (lock) {
            if (state == State.NEW || state == State.CLOSED) {
                state = State.CLOSED;
                return;
            }
            state = State.STOPPING;
        }
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Measured on the monotonic clock: the injected one may stand still.
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        boolean committed = flush();
        while (!committed && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            committed = flush();
        }
        synchronized (lock) {
            if (!committed) {
                LOG.error("{} accepted events stay in the write-ahead log {}: the next start commits them",
                        backlog.get(), config.walDir());
            }
            try {
                wal.close();
            } catch (IOException e) {
                LOG.warn("Cannot release the write-ahead log {}: {}", config.walDir(), e.getMessage());
            }
            wal = null;
            state = State.CLOSED;
        }
        LOG.info("Collector stopped");
    }

    public Health health() {
        String error = lastFlushError;
        String status = switch (state) {
            case RUNNING -> error == null ? "ok" : "flush_failing";
            case NEW -> "starting";
            case STOPPING, CLOSED -> "stopping";
        };
        return new Health(status, backlog.get(), quarantined.get(), error);
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** The last accepted ids, oldest forgotten first. Not thread-safe: used under the collector's lock. */
    private static final class RecentIds {
        private final Map<String, Boolean> ids;

        RecentIds(int capacity) {
            this.ids = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }

        boolean contains(String id) {
            return ids.containsKey(id);
        }

        void add(String id) {
            ids.put(id, Boolean.TRUE);
        }
    }
}
