package io.uptake.ingest.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.CommitLog;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Removes a user's rows from the serving snapshot the dashboard loads ({@link Snapshot}): every row of
 * every mart array whose {@code user_key} or {@code manager_key} is the user's. The file is replaced
 * whole, written under a hidden name, forced to disk and renamed, as the jobs publish it.
 */
final class SnapshotErasure {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> USER_FIELDS = List.of(Columns.USER_KEY, Columns.MANAGER_KEY);

    private SnapshotErasure() {}

    /** The outcome, or empty when no snapshot has been published. */
    static Optional<Erasure.Outcome> erase(Path snapshot, String userKey) throws IOException {
        if (!Files.exists(snapshot)) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(snapshot.toFile());
        long removed = 0;
        for (JsonNode mart : root.path(Snapshot.MARTS)) {
            if (mart instanceof ArrayNode rows) {
                for (int i = rows.size() - 1; i >= 0; i--) {
                    JsonNode row = rows.get(i);
                    if (USER_FIELDS.stream().anyMatch(field -> userKey.equals(row.path(field).textValue()))) {
                        rows.remove(i);
                        removed++;
                    }
                }
            }
        }
        if (removed > 0) {
            Path temp = CommitLog.AtomicFiles.hiddenTemp(snapshot);
            try (OutputStream out = Files.newOutputStream(temp)) {
                JSON.writeValue(out, root);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(Erasure.Outcome.of(Tables.SERVING + "/" + snapshot.getFileName(), removed, 0));
    }
}
