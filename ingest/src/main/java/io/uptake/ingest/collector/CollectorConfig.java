package io.uptake.ingest.collector;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.DataLayout;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the collector is built from. The write-ahead log lives in the data directory beside the
 * warehouse ({@code DATA/collector-wal/}), never inside it: its lines still hold raw user ids.
 *
 * @param layout          the data directory: the warehouse the events go to, and the log beside it
 * @param token           the ingest token senders present as {@code Authorization: Bearer <token>}
 * @param maxBodyBytes    request bodies over this size are refused with 413
 * @param maxBacklog      accepted events not yet committed to the warehouse above which requests get 429
 * @param flushInterval   how often the open log segment is sealed and committed to the warehouse
 * @param segmentMaxBytes an open segment this large is sealed and committed at once
 * @param rememberedIds   how many recently accepted event ids are kept to answer "duplicate"
 * @param shutdownTimeout how long a graceful stop keeps retrying to commit what was accepted
 * @param maxInFlight     request bodies read at once; one more is refused with 503 and {@code Retry-After},
 *                        so that memory holds at most this many bodies of {@code maxBodyBytes}
 */
public record CollectorConfig(DataLayout layout, String token, long maxBodyBytes, long maxBacklog,
                              Duration flushInterval, long segmentMaxBytes, int rememberedIds,
                              Duration shutdownTimeout, int maxInFlight) {

    public static final String WAL_DIR = "collector-wal";
    public static final long DEFAULT_MAX_BODY_BYTES = 5L << 20;
    public static final long DEFAULT_MAX_BACKLOG = 100_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(30);
    public static final long DEFAULT_SEGMENT_MAX_BYTES = 64L << 20;
    public static final int DEFAULT_REMEMBERED_IDS = 200_000;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Four bodies of 5 MiB, each held several times over while it is parsed, stay well within a small heap. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;

    public CollectorConfig {
        requireNonNull(layout, "layout is null");
        requireNonNull(token, "token is null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("The ingest token is empty");
        }
        requireNonNull(flushInterval, "flushInterval is null");
        requireNonNull(shutdownTimeout, "shutdownTimeout is null");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
        }
        if (maxBacklog < 1) {
            throw new IllegalArgumentException("maxBacklog must be at least 1, got " + maxBacklog);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
        if (segmentMaxBytes < 1) {
            throw new IllegalArgumentException("segmentMaxBytes must be at least 1, got " + segmentMaxBytes);
        }
        if (rememberedIds < 0) {
            throw new IllegalArgumentException("rememberedIds must not be negative, got " + rememberedIds);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + shutdownTimeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }

    /** The defaults of DATA.md 1.1c: 5 MiB bodies, commits every 30 s. */
    public static CollectorConfig defaults(DataLayout layout, String token) {
        return new CollectorConfig(layout, token, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BACKLOG, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_SEGMENT_MAX_BYTES, DEFAULT_REMEMBERED_IDS, DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_MAX_IN_FLIGHT);
    }

    public CollectorConfig withMaxBodyBytes(long value) {
        return new CollectorConfig(layout, token, value, maxBacklog, flushInterval, segmentMaxBytes, rememberedIds, shutdownTimeout, maxInFlight);
    }

    public CollectorConfig withMaxBacklog(long value) {
        return new CollectorConfig(layout, token, maxBodyBytes, value, flushInterval, segmentMaxBytes, rememberedIds, shutdownTimeout, maxInFlight);
    }

    public CollectorConfig withFlushInterval(Duration value) {
        return new CollectorConfig(layout, token, maxBodyBytes, maxBacklog, value, segmentMaxBytes, rememberedIds, shutdownTimeout, maxInFlight);
    }

    public CollectorConfig withSegmentMaxBytes(long value) {
        return new CollectorConfig(layout, token, maxBodyBytes, maxBacklog, flushInterval, value, rememberedIds, shutdownTimeout, maxInFlight);
    }

    public CollectorConfig withShutdownTimeout(Duration value) {
        return new CollectorConfig(layout, token, maxBodyBytes, maxBacklog, flushInterval, segmentMaxBytes, rememberedIds, value, maxInFlight);
    }

    public CollectorConfig withMaxInFlight(int value) {
        return new CollectorConfig(layout, token, maxBodyBytes, maxBacklog, flushInterval, segmentMaxBytes, rememberedIds,
                shutdownTimeout, value);
    }

    /** {@code DATA/collector-wal/}. */
    public Path walDir() {
        return layout.dataDir().resolve(WAL_DIR);
    }

    /** What a 429 tells the sender to wait: one flush interval, in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        long seconds = flushInterval.toSeconds();
        return Math.max(1, flushInterval.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "CollectorConfig[dataDir=" + layout.dataDir() + ", token=***, maxBodyBytes=" + maxBodyBytes
                + ", maxBacklog=" + maxBacklog + ", flushInterval=" + flushInterval + ", segmentMaxBytes=" + segmentMaxBytes
                + ", rememberedIds=" + rememberedIds + ", shutdownTimeout=" + shutdownTimeout + ", maxInFlight=" + maxInFlight + "]";
    }
}
