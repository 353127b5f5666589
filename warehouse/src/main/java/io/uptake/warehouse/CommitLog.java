package io.uptake.warehouse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The warehouse's commit log, {@code _commits/<20-digit sequence>.json}. A commit file appears by an
 * atomic rename after every data file it names is in place, so the set of live files changes all at
 * once: readers take the live files from here, never from a directory listing, and a crash leaves at
 * most orphans that the next ingest removes.
 */
public final class CommitLog {

    /** What one input contributed to a commit; read = committed + duplicates + quarantined. */
    public record InputEntry(@JsonProperty("input") String input,
                             @JsonProperty("sha256") String sha256,
                             @JsonProperty("kind") String kind,
                             @JsonProperty("read") long read,
                             @JsonProperty("committed") long committed,
                             @JsonProperty("duplicates") long duplicates,
                             @JsonProperty("quarantined") long quarantined) {
        public InputEntry {
            requireNonNull(input, "input is null");
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(kind, "kind is null");
            if (read != committed + duplicates + quarantined) {
                throw new IllegalArgumentException("input " + input + " does not reconcile: read " + read
                        + " <> committed " + committed + " + duplicates " + duplicates + " + quarantined " + quarantined);
            }
        }
    }

    /** One commit: the inputs it took in and the warehouse files it made live or retired. */
    public record Commit(@JsonProperty("seq") long seq,
                         @JsonProperty("committed_at") String committedAt,
                         @JsonProperty("inputs") List<InputEntry> inputs,
                         @JsonProperty("files_added") List<String> filesAdded,
                         @JsonProperty("files_removed") List<String> filesRemoved) {
        public Commit {
            requireNonNull(committedAt, "committedAt is null");
            inputs = List.copyOf(inputs);
            filesAdded = List.copyOf(filesAdded);
            filesRemoved = List.copyOf(filesRemoved);
        }

        public String fileName() {
            return fileName(seq);
        }

        public static String fileName(long seq) {
            return String.format("%020d.json", seq);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path warehouse;
    private final Path dir;

    public CommitLog(DataLayout layout) {
        this.warehouse = layout.warehouse();
        this.dir = layout.commits();
    }

    /** Every commit, in sequence order. */
    public List<Commit> commits() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Commit> commits = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> isCommitFile(f.getFileName().toString())).sorted().toList()) {
                commits.add(JSON.readValue(file.toFile(), Commit.class));
            }
        }
        return List.copyOf(commits);
    }

    /** True for the name of a commit file ({@code <20-digit sequence>.json}). */
    public static boolean isCommitFile(String name) {
        return name.matches("\\d{20}\\.json");
    }

    /** One commit file's content, from any file system. */
    public static Commit parse(InputStream in) throws IOException {
        return JSON.readValue(in, Commit.class);
    }

    /** The commit files' names, in order: what a job run records as the input commits it read. */
    public List<String> commitNames() throws IOException {
        return commits().stream().map(Commit::fileName).toList();
    }

    public long nextSeq() throws IOException {
        List<Commit> commits = commits();
        return commits.isEmpty() ? 1 : commits.get(commits.size() - 1).seq() + 1;
    }

    /** Live files, relative to the warehouse ({@code events/event_date=2025-10-03/part-...parquet}). */
    public Set<String> liveFiles() throws IOException {
        return liveFiles(commits());
    }

    /** The files live after {@code commits}, replayed in order, relative to the warehouse. */
    public static Set<String> liveFiles(List<Commit> commits) {
        Set<String> live = new LinkedHashSet<>();
        for (Commit commit : commits) {
            live.removeAll(commit.filesRemoved());
            live.addAll(commit.filesAdded());
        }
        return live;
    }

    /** Live files of one table, as absolute paths, in a stable order. */
    public List<Path> liveFiles(String table) throws IOException {
        String prefix = table + "/";
        return liveFiles().stream().filter(f -> f.startsWith(prefix)).sorted().map(warehouse::resolve).toList();
    }

    /** Makes a commit visible: written under a hidden name, forced to disk, renamed into place. */
    public void append(Commit commit) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(commit.fileName());
        if (Files.exists(target)) {
            throw new IOException("commit " + commit.fileName() + " already exists: is another ingest running?");
        }
        Path temp = dir.resolve("." + commit.fileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            JSON.writeValue(out, commit);
        }
        AtomicFiles.forceAndMove(temp, target);
    }

    /** An exclusive lock on the commit log, held while one process ingests. */
    public FileChannel lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            // Held by this very process (another thread's ingest).
            locked = false;
        }
        if (!locked) {
            channel.close();
            throw new IOException("another ingest holds the lock on " + dir + "; wait for it to finish");
        }
        return channel;
    }

    /** File-level helpers for the write-to-hidden-name-then-rename protocol. */
    public static final class AtomicFiles {
        private AtomicFiles() {}

        /** Forces {@code temp} to disk and renames it to {@code target} atomically. */
        public static void forceAndMove(Path temp, Path target) throws IOException {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }

        /** A hidden sibling name for writing {@code target}; readers ignore names starting with a dot. */
        public static Path hiddenTemp(Path target) {
            return target.resolveSibling("." + target.getFileName() + ".tmp");
        }
    }
}
