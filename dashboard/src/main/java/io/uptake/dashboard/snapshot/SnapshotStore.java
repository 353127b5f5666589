package io.uptake.dashboard.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.dashboard.DashboardException;
import io.uptake.warehouse.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the published snapshot in memory and picks up a newly published one without a restart. The
 * jobs replace the file by an atomic rename, so a changed file identity means a whole new snapshot;
 * it is parsed aside and swapped in with one reference write, so a request sees the old snapshot or
 * the new one, never a mix. The file is looked at no more than once per {@link #CHECK_INTERVAL}.
 *
 * <p>A snapshot that cannot be loaded, because it is larger than {@code maxBytes} or broken, is
 * refused: the last good one keeps serving, and {@link #problem()} says why until a good one comes.
 * The size is checked before reading, as a snapshot too large for the heap would take the whole
 * server down with it.
 */
public final class SnapshotStore {

    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /**
     * The default size limit is 1/this of the heap: parsed, a snapshot takes about four times its size
     * in memory, a new one is parsed while the previous one still serves, and the answer cache and the
     * server need the rest. At the launcher's 192 MB heap that is about 9 MB; the {@code medium}
     * sample's snapshot is a few MB.
     */
    public static final int HEAP_SHARE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final double MB = 1024 * 1024;
    private static final int HEAD_VALUE_CHARS = 40;

    /** Why the dashboard serves no snapshot, or not the published one. */
    public enum Trouble {
        /** No snapshot has been published, or it has gone. */
        NO_SNAPSHOT,
        /** The published snapshot is larger than the limit. */
        SNAPSHOT_TOO_LARGE,
        /** The published snapshot is not one: truncated, not JSON, or lacking its run. */
        SNAPSHOT_UNREADABLE;

        /** As the health answer spells it: {@code snapshot_too_large}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A trouble with a message safe to show anyone: no path but the file's name, no figure, no stack trace. */
    public record Problem(Trouble trouble, String message) {
        public Problem {
            requireNonNull(trouble, "trouble is null");
            requireNonNull(message, "message is null");
        }
    }

    private record Loaded(ServingSnapshot snapshot, Object fileKey, Instant modified) {}

    /** The file identity of a refused snapshot, so that it is not read again every second. */
    private record Refused(Object fileKey, Instant modified, Problem problem) {}

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json;
    private final long maxBytes;
    /** Where the limit comes from, for the message: the heap, or nothing when it was given. */
    private final String limitNote;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private final AtomicReference<Problem> problem = new AtomicReference<>();
    private Refused refused;
    private volatile Instant nextCheck = Instant.MIN;
    private final ReentrantLock checking = new ReentrantLock();

    /** A store refusing snapshots over 1/{@link #HEAP_SHARE} of the heap. */
    public SnapshotStore(Path file, Clock clock, ObjectMapper json) {
        this(file, clock, json, Runtime.getRuntime().maxMemory() / HEAP_SHARE, " (1/" + HEAP_SHARE + " of the heap)");
    }

    /** A store refusing snapshots over {@code maxBytes}. */
    public SnapshotStore(Path file, Clock clock, ObjectMapper json, long maxBytes) {
        this(file, clock, json, maxBytes, "");
    }

    private SnapshotStore(Path file, Clock clock, ObjectMapper json, long maxBytes, String limitNote) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.limitNote = limitNote;
    }

    /** The latest published snapshot, or empty while the jobs have published none. */
    public Optional<ServingSnapshot> current() {
        Instant now = clock.instant();
        if (loaded.get() == null) {
            // Nothing to serve yet: wait for whichever request is loading it rather than answer "none".
            checking.lock();
            try {
                check(now);
            } finally {
                checking.unlock();
            }
        } else if (!now.isBefore(nextCheck) && checking.tryLock()) {
            // One request looks at the file; the others keep serving the snapshot in memory meanwhile.
            try {
                check(now);
            } finally {
                checking.unlock();
            }
        }
        Loaded current = loaded.get();
        return current == null ? Optional.empty() : Optional.of(current.snapshot());
    }

    /**
     * Why the snapshot served is not the published one, or none is served; empty when all is well.
     * As of the last look at the file ({@link #current()} looks).
     */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem.get());
    }

    /** Under {@link #checking}: looks at the file unless another request just did. */
    private void check(Instant now) {
        if (loaded.get() != null && now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(CHECK_INTERVAL);
        refresh();
    }

    /** The snapshot, or the error every data endpoint answers while there is none. */
    public ServingSnapshot require() {
        return current().orElseThrow(() -> new DashboardException(DashboardException.Code.NO_SNAPSHOT,
                problem().filter(p -> p.trouble() != Trouble.NO_SNAPSHOT)
                        .map(p -> "No KPI snapshot can be served: " + p.message())
                        .orElse("No KPI snapshot has been published yet: run ./uptake jobs, then reload this page")));
    }

    /** Loads the file if it is not the one in memory; keeps the old snapshot if the new one cannot be loaded. */
    public synchronized void refresh() {
        String name = file.getFileName().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            problem.set(new Problem(Trouble.NO_SNAPSHOT, loaded.get() == null
                    ? "No KPI snapshot has been published yet: run ./uptake jobs"
                    : name + " has gone" + stillServing()));
            return;
        } catch (IOException e) {
            LOG.warn("Cannot look at the snapshot {}: {}", file, e.toString());
            problem.set(new Problem(Trouble.SNAPSHOT_UNREADABLE, name + " cannot be read" + stillServing()));
            return;
        }
        Loaded current = loaded.get();
        Object fileKey = attributes.fileKey();
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (current != null && Objects.equals(current.fileKey(), fileKey) && current.modified().equals(modified)) {
            problem.set(null);
            return;
        }
        if (refused != null && Objects.equals(refused.fileKey(), fileKey) && refused.modified().equals(modified)) {
            problem.set(refused.problem());
            return;
        }
        Problem refusal;
        String detail = "";
        if (attributes.size() > maxBytes) {
            refusal = new Problem(Trouble.SNAPSHOT_TOO_LARGE, String.format(Locale.ROOT,
                    "%s%s is too large: %.1f MB over the %.1f MB limit%s%s", name, runOf(),
                    attributes.size() / MB, maxBytes / MB, limitNote, stillServing()));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                ServingSnapshot snapshot = ServingSnapshot.parse(in, json);
                loaded.set(new Loaded(snapshot, fileKey, modified));
                refused = null;
                problem.set(null);
                LOG.info("Serving snapshot of run {} as of {} ({})", snapshot.runId(), snapshot.asOf(), file);
                return;
            } catch (IOException e) {
                refusal = new Problem(Trouble.SNAPSHOT_UNREADABLE, name + " " + whatIsWrong(e) + stillServing());
                detail = " (" + e + ")";
            }
        }
        LOG.warn("Refused the snapshot {}: {}{}", file, refusal.message(), detail);
        refused = new Refused(fileKey, modified, refusal);
        problem.set(refusal);
    }

    /** What is wrong with a snapshot that does not parse, without quoting any of it. */
    private static String whatIsWrong(IOException e) {
        if (e instanceof JsonEOFException) {
            return "ends before its JSON does: a truncated file";
        }
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return at == null ? "is not valid JSON"
                    : "is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        if (e instanceof ServingSnapshot.FormatException) {
            return e.getMessage();
        }
        return "cannot be read";
    }

    /**
     * " of run R as of A" from the scalar fields the file starts with ({@link Snapshot#RUN_ID} and
     * {@link Snapshot#AS_OF} come first), read without reading the rest; empty if they are not there.
     */
    private String runOf() {
        Map<String, String> head = new LinkedHashMap<>();
        try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null || !value.isScalarValue()) {
                    break;
                }
                String text = parser.getText();
                head.put(field, text.length() > HEAD_VALUE_CHARS ? text.substring(0, HEAD_VALUE_CHARS) + "…" : text);
            }
        } catch (IOException e) {
            // the size alone says enough
        }
        String run = head.get(Snapshot.RUN_ID);
        String asOf = head.get(Snapshot.AS_OF);
        return (run == null ? "" : " of run " + run) + (asOf == null ? "" : " as of " + asOf);
    }

    private String stillServing() {
        Loaded current = loaded.get();
        return current == null ? "; nothing is served until a loadable one is published"
                : "; still serving run " + current.snapshot().runId() + " as of " + current.snapshot().asOf();
    }
}
