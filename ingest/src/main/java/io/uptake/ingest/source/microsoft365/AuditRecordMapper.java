package io.uptake.ingest.source.microsoft365;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.MappedEvent;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.People;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Microsoft 365 audit record of the Dynamics 365 workload (the Management Activity API's common
 * and Dynamics 365 schemas) as a canonical event, or the reason it is none.
 */
final class AuditRecordMapper {

    static final String SOURCE = "dynamics365";
    static final String EVENT_ID_PREFIX = "m365-";

    /** The Workload values of Dynamics 365 records; RecordType 21 ({@code CRM}) when a record has no Workload. */
    private static final Set<String> DYNAMICS_WORKLOADS = Set.of("crm", "dynamics 365", "dynamics365");
    private static final Set<String> DYNAMICS_RECORD_TYPES = Set.of("21", "crm");
    private static final Set<String> FAILED = Set.of("failed", "failure", "false");
    /** UserId values that stand for nobody. */
    private static final Set<String> NO_PERSON = Set.of("unknown", "n/a", "null");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String NO_ENTITY = "00000000-0000-0000-0000-000000000000";

    /** Values the file gives beside the record: the columns of an audit search export. */
    record Fallbacks(String recordId, String creationDate, String userId, String operation) {
        static final Fallbacks NONE = new Fallbacks(null, null, null, null);
    }

    private final Pseudonymizer pseudonymizer;
    private final ModuleMapping modules;
    private final People people;

    AuditRecordMapper(Pseudonymizer pseudonymizer, ModuleMapping modules, People people) {
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.modules = requireNonNull(modules, "modules is null");
        this.people = requireNonNull(people, "people is null");
    }

    MappedEvent map(JsonNode record, Fallbacks fallbacks) throws InvalidRecord {
        if (record == null || !record.isObject()) {
            throw new InvalidRecord("Expected a JSON object (an audit record)", null);
        }
        String userId = first(text(record, "UserId"), fallbacks.userId());
        People.Person person = person(userId);
        String userKey = person == null ? null : person.userKey();

        String workload = text(record, "Workload");
        String recordType = text(record, "RecordType");
        if (workload != null ? !DYNAMICS_WORKLOADS.contains(workload.toLowerCase(Locale.ROOT))
                : recordType == null || !DYNAMICS_RECORD_TYPES.contains(recordType.toLowerCase(Locale.ROOT))) {
            throw new InvalidRecord("Not a Dynamics 365 record: " + (workload != null ? "Workload " + clip(workload)
                    : recordType != null ? "RecordType " + clip(recordType) : "no Workload or RecordType"), userKey);
        }
        if (person == null) {
            throw new InvalidRecord("Names no person: UserId is " + (userId == null ? "missing" : "a placeholder"), null);
        }

        Instant at = occurredAt(record, fallbacks, userKey);
        String message = first(text(record, "Message"), first(text(record, "Operation"), fallbacks.operation()));
        if (message == null) {
            throw new InvalidRecord("Missing Operation and Message", userKey);
        }
        String entity = first(text(record, "EntityName"), text(record, "ItemType"));
        String objectType = DynamicsMapping.objectType(entity);
        String client = DynamicsMapping.client(DynamicsMapping.userType(text(record, "UserType")), userId,
                text(record, "UserAgent"));
        String eventType = DynamicsMapping.eventType(message, entity, objectType, text(record, "Query"));
        if (!client.equals("web") && !client.equals("mobile") && DynamicsMapping.READS.contains(eventType)) {
            // A program reading records views no page: its reads are API calls, as in the other sources.
            eventType = "api_call";
        }
        String result = text(record, "ResultStatus");
        boolean failed = result != null && FAILED.contains(result.toLowerCase(Locale.ROOT));
        String module = eventType.equals("report_export") ? "analytics" : modules.module(objectType, null);
        String session = text(record.path("AppAccessContext"), "AADSessionId");

        Event event = new Event(eventId(record, fallbacks), at, userKey, session == null ? null : pseudonymizer.hmac(session),
                SOURCE, message, eventType, module, objectType, pseudonymizer.recordId(objectType, recordId(record)),
                client, failed ? "failure" : "success", failed ? result : null, null);
        return new MappedEvent(event, person.matched());
    }

    /**
     * CreationTime is UTC without an offset in the records Microsoft 365 writes ({@code 2025-10-01T09:00:03});
     * one with an offset is read with it. A record without one falls back to the export's CreationDate.
     */
    private static Instant occurredAt(JsonNode record, Fallbacks fallbacks, String userKey) throws InvalidRecord {
        String field = "CreationTime";
        String value = text(record, field);
        if (value == null) {
            field = "CreationDate";
            value = fallbacks.creationDate();
        }
        if (value == null) {
            throw new InvalidRecord("Missing CreationTime", userKey);
        }
        Instant at;
        try {
            at = hasOffset(value) ? Timestamps.parseOffsetDateTime(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidRecord("Cannot parse " + field + " '" + clip(value) + "': expected ISO-8601 such as 2025-10-01T09:00:03",
                    userKey);
        }
        if (at.isBefore(Timestamps.EARLIEST)) {
            throw new InvalidRecord(field + " " + clip(value) + " is before 2000-01-01", userKey);
        }
        return at;
    }

    private static boolean hasOffset(String value) {
        int time = value.indexOf('T');
        return value.endsWith("Z") || value.endsWith("z")
                || (time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0));
    }

    /** The record's own Id, a GUID, when it has one; else the hash of the record's content. */
    private static String eventId(JsonNode record, Fallbacks fallbacks) {
        String id = first(text(record, "Id"), fallbacks.recordId());
        if (id != null && GUID.matcher(id).matches()) {
            return EVENT_ID_PREFIX + id.toLowerCase(Locale.ROOT);
        }
        return Hashes.sha256(record.toString());
    }

    /** EntityId when it is a GUID of a record; the zero GUID marks records of no entity. */
    private static String recordId(JsonNode record) {
        String id = text(record, "EntityId");
        return id != null && GUID.matcher(id).matches() && !id.equals(NO_ENTITY) ? id : null;
    }

    /** The person a UserId (a UPN) names; null for none. */
    private People.Person person(String userId) {
        boolean names = userId != null && !userId.isBlank() && !NO_PERSON.contains(userId.strip().toLowerCase(Locale.ROOT));
        return names ? people.byEmail(userId.strip()) : null;
    }

    /** The key of the person a UserId names, for a record rejected before it could be read; null for none. */
    String userKeyOf(String userId) {
        People.Person person = person(userId);
        return person == null ? null : person.userKey();
    }

    /** A field's text, numbers as written; null when missing, null, blank or a structure. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String first(String value, String fallback) {
        return value != null ? value : fallback == null || fallback.isBlank() ? null : fallback.strip();
    }

    static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
