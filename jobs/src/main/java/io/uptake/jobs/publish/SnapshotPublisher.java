package io.uptake.jobs.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Snapshot;
import java.io.IOException;
import java.net.URI;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Publishes the serving snapshot the dashboard loads: every mart's rows, and the lists that serve its
 * filters and drill-downs ({@code lists}: name to rows, e.g. {@link Snapshot#DIRECTORY}), in one JSON
 * file, replaced whole by an atomic rename so the dashboard never reads half of it.
 */
public final class SnapshotPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotPublisher() {}

    private static void addRows(ArrayNode array, Dataset<Row> rows) throws IOException {
        for (String json : rows.toJSON().collectAsList()) {
            array.add(JSON.readTree(json));
        }
    }

    /** The ROI assumptions a run used, and where they came from (a warehouse file, or the defaults). */
    public record RoiBasis(String source, RoiAssumptions assumptions) {}

    /**
     * Marts are small (dates × teams, or one row per user), so collecting them to the driver is
     * bounded by the organisation's size, never by the number of events.
     */
    public static void publish(String snapshotUri, Configuration hadoop, String runId, LocalDate asOf, Instant createdAt, List<String> teams,
                               Map<String, Dataset<Row>> marts, Map<String, Dataset<Row>> lists,
                               Map<String, String> unavailable, Optional<RoiBasis> roiBasis) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put(Snapshot.RUN_ID, runId);
        root.put(Snapshot.AS_OF, asOf.toString());
        root.put(Snapshot.CREATED_AT, createdAt.toString());
        ArrayNode teamNames = root.putArray(Snapshot.TEAMS);
        teams.forEach(teamNames::add);
        ObjectNode martNodes = root.putObject(Snapshot.MARTS);
        for (Map.Entry<String, Dataset<Row>> mart : marts.entrySet()) {
            addRows(martNodes.putArray(mart.getKey()), mart.getValue());
        }
        for (Map.Entry<String, Dataset<Row>> list : lists.entrySet()) {
            addRows(root.putArray(list.getKey()), list.getValue());
        }
        ObjectNode reasons = root.putObject(Snapshot.UNAVAILABLE);
        unavailable.forEach(reasons::put);
        if (roiBasis.isPresent()) {
            ObjectNode basis = root.putObject(Snapshot.ROI_ASSUMPTIONS);
            basis.put(Snapshot.ROI_ASSUMPTIONS_SOURCE, roiBasis.get().source());
            basis.setAll((ObjectNode) JSON.readTree(roiBasis.get().assumptions().toJson()));
        }
        if (snapshotUri.startsWith("file:")) {
            writeLocal(Path.of(URI.create(snapshotUri)), root);
        } else {
            writeRemote(new org.apache.hadoop.fs.Path(snapshotUri), hadoop, root);
        }
    }

    /** On a local disk: written beside, forced to disk, renamed over the old one in one atomic step. */
    private static void writeLocal(Path snapshot, ObjectNode root) throws IOException {
        Files.createDirectories(snapshot.getParent());
        Path temp = snapshot.resolveSibling("." + snapshot.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            JSON.writeValue(out, root);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, snapshot, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * On another file system (HDFS, S3): written beside, then renamed into place; Hadoop's rename does not
     * replace, so the old snapshot is deleted first and a dashboard reading at that instant keeps the
     * snapshot it already has.
     */
    private static void writeRemote(org.apache.hadoop.fs.Path snapshot, Configuration hadoop, ObjectNode root)
            throws IOException {
        FileSystem fs = snapshot.getFileSystem(hadoop);
        org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(snapshot.getParent(), "." + snapshot.getName() + ".tmp");
        try (OutputStream out = fs.create(temp, true)) {
            JSON.writeValue(out, root);
        }
        fs.delete(snapshot, false);
        if (!fs.rename(temp, snapshot)) {
            throw new IOException("cannot move " + temp + " to " + snapshot);
        }
    }
}
