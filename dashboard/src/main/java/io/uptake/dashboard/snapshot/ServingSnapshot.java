package io.uptake.dashboard.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.i18n.Text;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published snapshot held in memory (the layout of {@link Snapshot}): every mart's rows, and
 * for marts with a team column the rows of each team, indexed once at load so that no request scans
 * another team's rows.
 */
public final class ServingSnapshot {

    private final String runId;
    private final LocalDate asOf;
    private final Instant createdAt;
    private final List<String> teams;
    private final Map<String, List<JsonNode>> marts;
    private final Map<String, Map<String, List<JsonNode>>> byTeam;
    private final Map<String, List<JsonNode>> lists;
    private final Map<String, String> unavailable;
    private final JsonNode roiAssumptions;

    private ServingSnapshot(String runId, LocalDate asOf, Instant createdAt, List<String> teams,
                            Map<String, List<JsonNode>> marts, Map<String, List<JsonNode>> lists,
                            Map<String, String> unavailable, JsonNode roiAssumptions) {
        this.lists = Map.copyOf(lists);
        this.unavailable = Map.copyOf(unavailable);
        this.roiAssumptions = roiAssumptions;
        this.runId = requireNonNull(runId, "runId is null");
        this.asOf = requireNonNull(asOf, "asOf is null");
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
        this.teams = List.copyOf(teams);
        this.marts = Map.copyOf(marts);
        Map<String, Map<String, List<JsonNode>>> index = new LinkedHashMap<>();
        marts.forEach((mart, rows) -> {
            Map<String, List<JsonNode>> perTeam = new LinkedHashMap<>();
            for (JsonNode row : rows) {
                JsonNode team = row.get(Columns.TEAM);
                if (team != null && team.isTextual()) {
                    perTeam.computeIfAbsent(team.asText(), t -> new ArrayList<>()).add(row);
                }
            }
            Map<String, List<JsonNode>> frozen = new LinkedHashMap<>();
            perTeam.forEach((team, list) -> frozen.put(team, List.copyOf(list)));
            index.put(mart, Map.copyOf(frozen));
        });
        this.byTeam = Map.copyOf(index);
    }

    public static ServingSnapshot parse(InputStream in, ObjectMapper json) throws IOException {
        JsonNode root = json.readTree(in);
        if (root == null || !root.isObject()) {
            throw new FormatException(Text.of("snapshot_why_not_object"));
        }
        List<String> teams = new ArrayList<>();
        root.path(Snapshot.TEAMS).forEach(t -> teams.add(t.asText()));
        Map<String, List<JsonNode>> marts = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path(Snapshot.MARTS).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> mart = fields.next();
            marts.put(mart.getKey(), rowsOf(mart.getValue()));
        }
        Map<String, List<JsonNode>> lists = new LinkedHashMap<>();
        for (String list : List.of(Snapshot.DIRECTORY)) {
            lists.put(list, rowsOf(root.path(list)));
        }
        Map<String, String> unavailable = new LinkedHashMap<>();
        root.path(Snapshot.UNAVAILABLE).fields().forEachRemaining(e -> unavailable.put(e.getKey(), e.getValue().asText()));
        JsonNode assumptions = root.path(Snapshot.ROI_ASSUMPTIONS).isObject() ? root.get(Snapshot.ROI_ASSUMPTIONS) : null;
        try {
            return new ServingSnapshot(root.path(Snapshot.RUN_ID).asText(), LocalDate.parse(root.path(Snapshot.AS_OF).asText()),
                    Instant.parse(root.path(Snapshot.CREATED_AT).asText()), teams, marts, lists, unavailable, assumptions);
        } catch (RuntimeException e) {
            throw new FormatException(Text.of("snapshot_why_lacks_run", e.getMessage()));
        }
    }

    /** Valid JSON that is not a snapshot; the message says what is wrong and holds no figure of it. */
    static final class FormatException extends IOException {
        private final transient Text text;

        FormatException(Text text) {
            super(text.in(Language.EN));
            this.text = text;
        }

        /** The message in the reader's language: the health answer writes it in its caller's. */
        Text text() {
            return text;
        }
    }

    private static List<JsonNode> rowsOf(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>(array.size());
        array.forEach(rows::add);
        return List.copyOf(rows);
    }

    /** A list published beside the marts ({@link Snapshot#DIRECTORY}); empty if absent. */
    public List<JsonNode> list(String name) {
        return lists.getOrDefault(name, List.of());
    }

    /** Why a mart is not in this snapshot, or null when it is (or was never expected). */
    public String unavailable(String mart) {
        return unavailable.get(mart);
    }

    /** The ROI assumptions the run used, with their {@code source}; null when it computed no ROI. */
    public JsonNode roiAssumptions() {
        return roiAssumptions;
    }

    public String runId() {
        return runId;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The organisation's teams (human users' teams), sorted; {@code __all__} is not among them. */
    public List<String> teams() {
        return teams;
    }

    /** Every row of a mart; empty when the run did not publish it. */
    public List<JsonNode> rows(String mart) {
        return marts.getOrDefault(mart, List.of());
    }

    /** The rows of one team ({@code __all__} for the organisation's rows) of a per-team mart. */
    public List<JsonNode> rows(String mart, String team) {
        return byTeam.getOrDefault(mart, Map.of()).getOrDefault(team, List.of());
    }
}
