package io.uptake.dashboard.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.i18n.Text;
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

    /**
     * A trouble with a message safe to show anyone: no path but the file's name, no figure, no stack
     * trace. The message is kept unwritten, as the health answer writes it in its caller's language.
     */
    public record Problem(Trouble trouble, Text text) {
        public Problem {
            requireNonNull(trouble, "trouble is null");
            requireNonNull(text, "text is null");
        }

        /** The message in English, as the log has it. */
        public String message() {
            return text.in(Language.EN);
        }

        public String message(Language language) {
            return text.in(language);
        }
    }

    private record Loaded(ServingSnapshot snapshot, Object fileKey, Instant modified) {}

    /** The file identity of a refused snapshot, so that it is not read again every second. */
    private record Refused(Object fileKey, Instant modified, Problem problem) {}

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json;
    private final long maxBytes;
    /** Where the limit comes from, for the message: the heap, or "" when it was given. */
    private final Object limitNote;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private final AtomicReference<Problem> problem = new AtomicReference<>();
    private Refused refused;
    private volatile Instant nextCheck = Instant.MIN;
    private final ReentrantLock checking = new ReentrantLock();

    /** A store refusing snapshots over 1/{@link #HEAP_SHARE} of the heap. */
    public SnapshotStore(Path file, Clock clock, ObjectMapper json) {
        this(file, clock, json, Runtime.getRuntime().maxMemory() / HEAP_SHARE, Text.of("snapshot_heap_share", HEAP_SHARE));
    }

    /** A store refusing snapshots over {@code maxBytes}. */
    public SnapshotStore(Path file, Clock clock, ObjectMapper json, long maxBytes) {
        this(file, clock, json, maxBytes, "");
    }

    private SnapshotStore(Path file, Clock clock, ObjectMapper json, long maxBytes, Object limitNote) {
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
        return current().orElseThrow(() -> problem().filter(p -> p.trouble() != Trouble.NO_SNAPSHOT)
                .map(p -> new DashboardException(DashboardException.Code.NO_SNAPSHOT, "snapshot_cannot_serve", p.text()))
                .orElseGet(() -> new DashboardException(DashboardException.Code.NO_SNAPSHOT, "snapshot_none_published_reload")));
    }

    /** Loads the file if it is not the one in memory; keeps the old snapshot if the new one cannot be loaded. */
    public synchronized void refresh() {
        String name = file.getFileName().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            problem.set(new Problem(Trouble.NO_SNAPSHOT, loaded.get() == null
                    ? Text.of("snapshot_none_published")
                    : Text.of("snapshot_gone", name, stillServing())));
            return;
        } catch (IOException e) {
            LOG.warn("Cannot look at the snapshot {}: {}", file, e.toString());
            problem.set(new Problem(Trouble.SNAPSHOT_UNREADABLE,
                    Text.of("snapshot_unreadable", name, Text.of("snapshot_why_io"), stillServing())));
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
            Map<String, String> head = head();
            Object run = head.containsKey(Snapshot.RUN_ID) ? Text.of("snapshot_of_run", head.get(Snapshot.RUN_ID)) : "";
            Object asOf = head.containsKey(Snapshot.AS_OF) ? Text.of("snapshot_as_of", head.get(Snapshot.AS_OF)) : "";
            refusal = new Problem(Trouble.SNAPSHOT_TOO_LARGE, Text.of("snapshot_too_large", name, run, asOf,
                    megabytes(attributes.size()), megabytes(maxBytes), limitNote, stillServing()));
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                ServingSnapshot snapshot = ServingSnapshot.parse(in, json);
                loaded.set(new Loaded(snapshot, fileKey, modified));
                refused = null;
                problem.set(null);
                LOG.info("Serving snapshot of run {} as of {} ({})", snapshot.runId(), snapshot.asOf(), file);
                return;
            } catch (IOException e) {
                refusal = new Problem(Trouble.SNAPSHOT_UNREADABLE, Text.of("snapshot_unreadable", name, whatIsWrong(e), stillServing()));
                detail = " (" + e + ")";
            }
        }
        LOG.warn("Refused the snapshot {}: {}{}", file, refusal.message(), detail);
        refused = new Refused(fileKey, modified, refusal);
        problem.set(refusal);
    }

    /** What is wrong with a snapshot that does not parse, without quoting any of it. */
    private static Text whatIsWrong(IOException e) {
        if (e instanceof JsonEOFException) {
            return Text.of("snapshot_why_truncated");
        }
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return at == null ? Text.of("snapshot_why_not_json")
                    : Text.of("snapshot_why_not_json_at", at.getLineNr(), at.getColumnNr());
        }
        if (e instanceof ServingSnapshot.FormatException format) {
            return format.text();
        }
        return Text.of("snapshot_why_io");
    }

    /** One decimal and a point in every language: 9.6, as the limit is configured. */
    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }

    /**
     * The scalar fields the file starts with ({@link Snapshot#RUN_ID} and {@link Snapshot#AS_OF} come
     * first), read without reading the rest, to name the run of a snapshot too large to load.
     */
    private Map<String, String> head() {
        Map<String, String> head = new LinkedHashMap<>();
        try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return head;
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
        return head;
    }

    private Text stillServing() {
        Loaded current = loaded.get();
        return current == null ? Text.of("snapshot_nothing_served")
                : Text.of("snapshot_still_serving", current.snapshot().runId(), current.snapshot().asOf());
    }
}
