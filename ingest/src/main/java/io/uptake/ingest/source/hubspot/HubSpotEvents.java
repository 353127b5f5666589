package io.uptake.ingest.source.hubspot;

import static io.uptake.ingest.source.hubspot.HubSpotMapping.normalise;

import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.MappedEvent;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.People.Person;
import io.uptake.ingest.source.hubspot.HubSpotMapping.Area;
import io.uptake.ingest.source.hubspot.HubSpotMapping.CategoryRule;
import io.uptake.ingest.source.hubspot.HubSpotMapping.ObjectKind;
import io.uptake.warehouse.Vocabulary;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link HubSpotRecord} into an event: the person from users by HubSpot user id or e-mail, the
 * time, the id, and the rest from {@link HubSpotMapping}. A record that cannot become an event says
 * why in an {@link InvalidRecord}, which never quotes a user id, e-mail or IP address.
 */
final class HubSpotEvents {

    static final String SOURCE = "hubspot";
    /** The system name of HubSpot user ids in users' {@code external_ids}: {@code hubspot:876}. */
    static final String SYSTEM = "hubspot";

    /** Beyond this no Parquet timestamp (microseconds since 1970 in a long) is safe from overflow. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    /** A HubSpot user id: a whole number, read without leading zeros (the API's own example has one). */
    private static final Pattern USER_ID = Pattern.compile("0*(\\d{1,19})");
    /** A HubSpot CRM record id: a whole number. */
    private static final Pattern RECORD_ID = Pattern.compile("\\d{1,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,200}@[^@\\s]{1,200}");
    /** The vendor's own record ids are short tokens; anything else is no id and the content is hashed. */
    private static final Pattern VENDOR_ID = Pattern.compile("[A-Za-z0-9_.:=+/-]{1,200}");
    /** Time values that may be quoted in a reason: a date and time, or epoch digits; never a name or address. */
    private static final Pattern QUOTABLE_TIME = Pattern.compile("\\d{4}-[0-9TZ:.+\\- ]{0,35}( UTC| GMT)?|\\d{1,15}");
    /** An IPv4 or IPv6 address, which a type name must never carry into the warehouse. */
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:");

    private final People people;

    HubSpotEvents(People people) {
        this.people = people;
    }

    MappedEvent toEvent(HubSpotRecord record) throws InvalidRecord {
        Person person = person(record);
        String userKey = person.userKey();
        Instant at = time(record, userKey);
        Event event = switch (record.kind()) {
            case LOGIN -> login(record, at, userKey);
            case AUDIT -> audit(record, at, userKey);
            case SECURITY -> security(record, at, userKey);
        };
        return new MappedEvent(event, person.matched());
    }

    private Person person(HubSpotRecord record) throws InvalidRecord {
        String userId = userId(record.userId());
        String email = record.email() != null && EMAIL.matcher(record.email().strip()).matches() ? record.email().strip() : null;
        if (userId == null && email == null) {
            throw new InvalidRecord("Names no user: no numeric HubSpot user id and no e-mail address", null);
        }
        return people.byExternalIdOrEmail(SYSTEM, userId, email);
    }

    /** A user id in its one form ({@code 089274502} is {@code 89274502}), or null when it is no user id. */
    static String userId(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = USER_ID.matcher(value.strip());
        return m.matches() ? m.group(1) : null;
    }

    private static Instant time(HubSpotRecord record, String userKey) throws InvalidRecord {
        String field = record.timeField();
        String text = record.time() == null ? "" : record.time().strip();
        if (text.isEmpty()) {
            throw new InvalidRecord("Missing " + field, userKey);
        }
        Instant at = parseTime(text);
        if (at == null) {
            throw new InvalidRecord("Cannot parse " + field + " " + quoted(text)
                    + ": expected ISO-8601 with an offset or Z, such as 2025-02-07T20:58:49.529Z, or epoch milliseconds",
                    userKey);
        }
        if (at.isBefore(Timestamps.EARLIEST)) {
            throw new InvalidRecord(field + " " + quoted(text) + " is before 2000-01-01: a clock error, not activity", userKey);
        }
        if (at.isAfter(LATEST)) {
            throw new InvalidRecord(field + " " + quoted(text) + " is after 9999-12-31: a clock error, not activity", userKey);
        }
        return at;
    }

    /**
     * ISO-8601 with an offset, also with a space for the {@code T} or a {@code UTC} suffix as exports
     * write it, or epoch milliseconds; null for anything else, and for a time without an offset: an
     * export's local time would be a guess.
     */
    static Instant parseTime(String text) {
        if (text.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        String iso = text;
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + "T" + iso.substring(11);
        }
        if (iso.endsWith(" UTC") || iso.endsWith(" GMT")) {
            iso = iso.substring(0, iso.length() - 4) + "Z";
        }
        try {
            return Timestamps.parseOffsetDateTime(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A time value as a reason may show it: quoted when it is only digits and separators. */
    private static String quoted(String text) {
        return QUOTABLE_TIME.matcher(text).matches() ? "'" + text + "'" : "(a value that is no timestamp, not shown)";
    }

    private Event login(HubSpotRecord record, Instant at, String userKey) throws InvalidRecord {
        String status = loginStatus(record, userKey);
        String loginType = vendorValue(record.type());
        String type = loginType == null ? "login" : clip(loginType.strip());
        return new Event(eventId(record), at, userKey, null, SOURCE, type, "login", "other", null, null,
                HubSpotMapping.loginClient(record.type(), record.userAgent()), status, null, null);
    }

    private static String loginStatus(HubSpotRecord record, String userKey) throws InvalidRecord {
        String value = record.succeeded();
        if (value == null) {
            // A login export without a success column: HubSpot's login history lists the logins made.
            return Vocabulary.STATUS_SUCCESS;
        }
        String flag = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (flag) {
            case "true", "yes", "y", "1", "ok", "success", "succeeded", "successful", "loginsucceeded" -> Vocabulary.STATUS_SUCCESS;
            case "false", "no", "n", "0", "fail", "failed", "failure", "unsuccessful", "loginfailed", "error" ->
                    Vocabulary.STATUS_FAILURE;
            case "" -> throw new InvalidRecord("Missing " + record.succeededField(), userKey);
            default -> throw new InvalidRecord("Cannot tell from " + record.succeededField()
                    + " whether the login succeeded: expected true or false", userKey);
        };
    }

    private Event audit(HubSpotRecord record, Instant at, String userKey) {
        String category = normalise(vendorValue(record.category()));
        String subCategory = normalise(vendorValue(record.subCategory()));
        String action = normalise(vendorValue(record.action()));
        StringJoiner type = new StringJoiner("/");
        for (String part : new String[] {category, subCategory, action}) {
            if (part != null) {
                type.add(part);
            }
        }
        String sourceEventType = type.length() == 0 ? "audit" : clip(type.toString());
        String eventType = action == null ? "other" : HubSpotMapping.ACTIONS.getOrDefault(action, "other");
        CategoryRule rule = HubSpotMapping.lookup(HubSpotMapping.CATEGORIES, category);
        Area area = rule != null ? rule.area() : Area.OTHER;
        ObjectKind object = HubSpotMapping.lookup(HubSpotMapping.OBJECTS, subCategory);
        if (object == null) {
            // A category may itself name the object: CONTACT, DEALS.
            object = HubSpotMapping.lookup(HubSpotMapping.OBJECTS, category);
        }
        String status = Vocabulary.STATUS_SUCCESS;
        String module;
        String objectType;
        switch (area) {
            case LOGIN -> {
                eventType = "login";
                module = "other";
                objectType = null;
                boolean failed = (subCategory != null && subCategory.contains("FAIL")) || (action != null && action.contains("FAIL"));
                status = failed ? Vocabulary.STATUS_FAILURE : Vocabulary.STATUS_SUCCESS;
            }
            case ADMIN -> {
                module = "admin";
                objectType = rule.objectType();
            }
            case MARKETING -> {
                module = "marketing";
                objectType = rule.objectType() != null ? rule.objectType()
                        : object != null && object.module().equals("marketing") ? object.objectType() : null;
            }
            case ANALYTICS -> {
                module = "analytics";
                objectType = rule.objectType();
                if (eventType.equals("record_view")) {
                    eventType = objectType.equals("Dashboard") ? "dashboard_view" : "report_run";
                }
            }
            default -> {
                module = object != null ? object.module() : "other";
                objectType = object != null ? object.objectType() : null;
            }
        }
        String recordId = recordId(objectType, record.target());
        // HubSpot's audit log records only actions of HubSpot users (not of integrations or workflows).
        return new Event(eventId(record), at, userKey, null, SOURCE, sourceEventType, eventType, module, objectType,
                recordId, "web", status, null, null);
    }

    private Event security(HubSpotRecord record, Instant at, String userKey) {
        String type = normalise(vendorValue(record.type()));
        if (type == null) {
            type = "UNKNOWN";
        }
        ObjectKind object = HubSpotMapping.securityObject(type);
        return new Event(eventId(record), at, userKey, null, SOURCE, clip(type), HubSpotMapping.securityEventType(type),
                object.module(), object.objectType(), recordId(object.objectType(), record.target()),
                HubSpotMapping.securityClient(type), Vocabulary.STATUS_SUCCESS, null, null);
    }

    /**
     * The record id an event may keep: a user's id becomes that person's key (no raw user id is
     * stored), a CRM record's numeric id is kept as it is, and any other target (a pipeline's name, an
     * id of an object whose kind is unknown, which could be a user's) is dropped.
     */
    private String recordId(String objectType, String target) {
        if (objectType == null || target == null) {
            return null;
        }
        if (objectType.equals("User")) {
            String userId = userId(target);
            return userId == null ? null : people.byExternalId(SYSTEM, userId).userKey();
        }
        String id = target.strip();
        return HubSpotMapping.CRM_OBJECT_TYPES.contains(objectType) && RECORD_ID.matcher(id).matches() ? id : null;
    }

    /** The vendor's id with the record's kind ({@code hubspot-login-5432653}), else a hash of the content. */
    private static String eventId(HubSpotRecord record) {
        String id = record.id() == null ? "" : record.id().strip();
        return VENDOR_ID.matcher(id).matches() ? "hubspot-" + record.kind().label + "-" + id : Hashes.sha256(record.content());
    }

    /**
     * A vendor's type or category name as it may be stored, or null: a value with an e-mail or IP
     * address in it (a damaged file's columns shifted) is no type name, and must not reach events.
     */
    static String vendorValue(String value) {
        if (value == null || value.isBlank() || value.contains("@") || IP_ADDRESS.matcher(value).find()) {
            return null;
        }
        return value;
    }

    private static String clip(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }
}
