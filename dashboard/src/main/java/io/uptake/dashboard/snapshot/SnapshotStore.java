package io.uptake.dashboard.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.dashboard.DashboardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 */
public final class SnapshotStore {

    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private record Loaded(ServingSnapshot snapshot, Object fileKey, Instant modified) {}

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();
    private volatile Instant nextCheck = Instant.MIN;
    private final ReentrantLock checking = new ReentrantLock();

    public SnapshotStore(Path file, Clock clock, ObjectMapper json) {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.json = requireNonNull(json, "json is null");
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
                "No KPI snapshot has been published yet: run ./uptake jobs, then reload this page"));
    }

    /** Loads the file if it is not the one in memory; keeps the old snapshot if the new one is unreadable. */
    public void refresh() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Cannot look at the snapshot {}: {}", file, e.getMessage());
            return;
        }
        Loaded current = loaded.get();
        Instant modified = attributes.lastModifiedTime().toInstant();
        if (current != null && Objects.equals(current.fileKey(), attributes.fileKey()) && current.modified().equals(modified)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            ServingSnapshot snapshot = ServingSnapshot.parse(in, json);
            loaded.set(new Loaded(snapshot, attributes.fileKey(), modified));
            LOG.info("Serving snapshot of run {} as of {} ({})", snapshot.runId(), snapshot.asOf(), file);
        } catch (IOException e) {
            LOG.warn("Cannot load the snapshot {}, still serving the previous one: {}", file, e.getMessage());
        }
    }
}
