package io.uptake.ingest.reference;

import static io.uptake.ingest.parquet.TableSchema.optional;
import static io.uptake.ingest.parquet.TableSchema.required;

import io.uptake.ingest.parquet.ColumnType;
import io.uptake.ingest.parquet.TableSchema;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Tables;
import io.uptake.warehouse.Vocabulary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How each reference CSV of DATA.md 1.2 becomes a warehouse table: which CSV column feeds which
 * warehouse column, typed, and which ids are pseudonymised. Raw ids and emails are never stored.
 */
public record ReferenceTable(String table, String fileName, TableSchema schema, List<Field> fields) {

    /** How a CSV column is turned into a warehouse value. */
    public enum Conversion {
        AS_IS,
        USER_KEY,
        /** An e-mail address becomes its keyed hash ({@code Pseudonymizer.emailKey}). */
        EMAIL_KEY,
        /** {@code system:id;system:id} becomes the keyed hash of each id, joined by {@code ;}. */
        EXTERNAL_KEYS
    }

    /** One warehouse column fed from one CSV column; {@code allowed} restricts the values if not empty. */
    public record Field(String csvColumn, TableSchema.Column column, Conversion conversion, Set<String> allowed) {}

    private static Field field(String csv, TableSchema.Column column) {
        return new Field(csv, column, Conversion.AS_IS, Set.of());
    }

    private static Field field(String csv, TableSchema.Column column, Set<String> allowed) {
        return new Field(csv, column, Conversion.AS_IS, Set.copyOf(allowed));
    }

    private static Field key(String csv, TableSchema.Column column) {
        return new Field(csv, column, Conversion.USER_KEY, Set.of());
    }

    private static ReferenceTable of(String table, Field... fields) {
        List<Field> list = List.of(fields);
        return new ReferenceTable(table, table + ".csv",
                new TableSchema(table, list.stream().map(Field::column).toList()), list);
    }

    public static final List<ReferenceTable> ALL = List.of(
            of(Tables.USERS,
                    key("user_id", required(Columns.USER_KEY, ColumnType.STRING)),
                    field("display_name", required(Columns.DISPLAY_NAME, ColumnType.STRING)),
                    field("team", required(Columns.TEAM, ColumnType.STRING)),
                    field("department", optional(Columns.DEPARTMENT, ColumnType.STRING)),
                    field("role", optional(Columns.ROLE, ColumnType.STRING)),
                    field("region", optional(Columns.REGION, ColumnType.STRING)),
                    key("manager_id", optional(Columns.MANAGER_KEY, ColumnType.STRING)),
                    field("license_type", required(Columns.LICENSE_TYPE, ColumnType.STRING), Set.copyOf(Vocabulary.LICENSE_TYPES)),
                    field("license_monthly_cost", required(Columns.LICENSE_MONTHLY_COST, ColumnType.DOUBLE)),
                    field("activated_at", required(Columns.ACTIVATED_AT, ColumnType.DATE)),
                    field("deactivated_at", optional(Columns.DEACTIVATED_AT, ColumnType.DATE)),
                    field("wave", optional(Columns.WAVE, ColumnType.STRING)),
                    new Field("email", optional(Columns.EMAIL_KEY, ColumnType.STRING), Conversion.EMAIL_KEY, Set.of()),
                    new Field("external_ids", optional(Columns.EXTERNAL_KEYS, ColumnType.STRING), Conversion.EXTERNAL_KEYS,
                            Set.of())),
            of(Tables.WAVES,
                    field("wave", required(Columns.WAVE, ColumnType.STRING)),
                    field("go_live_date", required(Columns.GO_LIVE_DATE, ColumnType.DATE)),
                    field("description", optional(Columns.DESCRIPTION, ColumnType.STRING))),
            of(Tables.TRAINING,
                    key("user_id", required(Columns.USER_KEY, ColumnType.STRING)),
                    field("course_id", required(Columns.COURSE_ID, ColumnType.STRING)),
                    field("module", required(Columns.MODULE, ColumnType.STRING), Set.copyOf(Vocabulary.MODULES)),
                    field("completed_at", required(Columns.COMPLETED_AT, ColumnType.DATE)),
                    field("format", optional(Columns.FORMAT, ColumnType.STRING), Set.of("classroom", "elearning", "hands_on")),
                    field("score", optional(Columns.SCORE, ColumnType.INT)),
                    field("hours", optional(Columns.HOURS, ColumnType.DOUBLE))),
            of(Tables.RECORDS,
                    field("object_type", required(Columns.OBJECT_TYPE, ColumnType.STRING)),
                    field("record_id", required(Columns.RECORD_ID, ColumnType.STRING)),
                    key("owner_id", required(Columns.OWNER_KEY, ColumnType.STRING)),
                    field("created_at", required(Columns.CREATED_AT, ColumnType.TIMESTAMP)),
                    field("last_modified_at", required(Columns.LAST_MODIFIED_AT, ColumnType.TIMESTAMP)),
                    field("required_fields_total", required(Columns.REQUIRED_FIELDS_TOTAL, ColumnType.INT)),
                    field("required_fields_filled", required(Columns.REQUIRED_FIELDS_FILLED, ColumnType.INT)),
                    field("dedupe_key", optional(Columns.DEDUPE_KEY, ColumnType.STRING)),
                    field("is_closed", required(Columns.IS_CLOSED, ColumnType.BOOLEAN)),
                    field("is_won", required(Columns.IS_WON, ColumnType.BOOLEAN)),
                    field("amount", optional(Columns.AMOUNT, ColumnType.DOUBLE)),
                    field("close_date", optional(Columns.CLOSE_DATE, ColumnType.DATE)),
                    field("source_system", optional(Columns.SOURCE_SYSTEM, ColumnType.STRING))),
            of(Tables.COSTS,
                    field("month", required(Columns.MONTH, ColumnType.STRING)),
                    field("category", required(Columns.CATEGORY, ColumnType.STRING),
                            Set.of("license", "implementation", "training", "support", "customization", "infrastructure")),
                    field("amount", required(Columns.AMOUNT, ColumnType.DOUBLE)),
                    field("currency", required(Columns.CURRENCY, ColumnType.STRING))),
            of(Tables.GOALS,
                    field("goal_id", required(Columns.GOAL_ID, ColumnType.STRING)),
                    field("kpi", required(Columns.KPI, ColumnType.STRING)),
                    field("scope", required(Columns.SCOPE, ColumnType.STRING)),
                    field("baseline", required(Columns.BASELINE, ColumnType.DOUBLE)),
                    field("target", required(Columns.TARGET, ColumnType.DOUBLE)),
                    field("start_date", required(Columns.START_DATE, ColumnType.DATE)),
                    field("due_date", required(Columns.DUE_DATE, ColumnType.DATE))));

    private static final Map<String, ReferenceTable> BY_FILE_NAME = Map.ofEntries(
            ALL.stream().map(t -> Map.entry(t.fileName(), t)).toArray(Map.Entry[]::new));

    /**
     * The field that names each row once, if the table has one: a person listed twice in users would
     * count twice, in two teams, so a users file that repeats a {@code user_id} is refused.
     */
    public Optional<Field> uniqueField() {
        return table.equals(Tables.USERS) ? Optional.of(fields.get(columnIndex(Columns.USER_KEY))) : Optional.empty();
    }

    /** The position of a warehouse column in this table's rows. */
    public int columnIndex(String column) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).column().name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + table + " has no column " + column);
    }

    /** The reference table a file feeds, by its name ({@code users.csv}, ...). */
    public static Optional<ReferenceTable> forFileName(String fileName) {
        return Optional.ofNullable(BY_FILE_NAME.get(fileName));
    }
}
