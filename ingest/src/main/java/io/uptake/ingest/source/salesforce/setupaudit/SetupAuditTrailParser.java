package io.uptake.ingest.source.salesforce.setupaudit;

import io.uptake.ingest.Event;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.MappedEvent;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.salesforce.SalesforceIds;
import io.uptake.ingest.source.salesforce.WhoActed;
import io.uptake.ingest.source.salesforce.exports.ExportHeader;
import io.uptake.ingest.source.salesforce.exports.ExportRows;
import io.uptake.ingest.source.salesforce.exports.ExportRows.Shape;
import io.uptake.ingest.source.salesforce.exports.ExportTimes;
import io.uptake.ingest.source.salesforce.exports.Usernames;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Salesforce's Setup Audit Trail (DATA.md 1.1d) into {@code admin} events: a data export of the
 * SetupAuditTrail object ({@code Action} is a code such as {@code PermSetCreate}, people by
 * {@code CreatedById}) or the file View Setup Audit Trail → Download writes ({@code Action} is the
 * sentence the object calls {@code Display}, people by username). The sentence can name people, so it
 * is read for what kind of change it is and never stored.
 */
public final class SetupAuditTrailParser {

    public static final String SOURCE = "salesforce-setupaudittrail";
    static final String ID_PREFIX = "sf-setupaudit-";

    // Columns, as ExportHeader compares names.
    static final String CREATED_DATE = "createddate";
    static final String DATE = "date";
    static final String ACTION = "action";
    static final String SECTION = "section";
    static final String DISPLAY = "display";
    static final String CREATED_BY_ID = "createdbyid";
    static final String CREATED_BY_ID_FIELD = "createdby.id";
    static final String CREATED_BY_USERNAME = "createdby.username";
    static final String CREATED_BY_NAME = "createdby.name";
    static final String USER = "user";
    static final String DELEGATE_USER = "delegateuser";
    static final String CONTEXT = "createdbycontext";
    static final String NAMESPACE = "responsiblenamespaceprefix";
    static final String NAMESPACE_LABEL = "sourcenamespaceprefix";
    static final String ID = "id";

    /** The name Salesforce gives the user it makes its own changes as; its username starts {@code autoproc@}. */
    static final String AUTOMATED_PROCESS = "Automated Process";
    private static final String AUTOMATED_PROCESS_USERNAME = "autoproc@";

    /** Actions that are no change of a setting: an admin signing in as, and out of, another user (Login-As). */
    private static final Map<String, String> ACTION_EVENT_TYPES = Map.of(
            "suorgadminlogin", "login",
            "suorgadminlogout", "logout");
    /** How an Action code (PermSetCreate, createduser, deletedPicklistWithColor) says it created or deleted. */
    private static final List<String> CREATE_WORDS = List.of("create", "insert");
    private static final List<String> DELETE_WORDS = List.of("delete");
    /** How a Display sentence says it: "Created permission set ...", "Deleted value ... from ... picklist". */
    private static final String CREATED = "created ";
    private static final String DELETED = "deleted ";

    private final Pseudonymizer pseudonymizer;
    private final People people;

    public SetupAuditTrailParser(Pseudonymizer pseudonymizer, People people) {
        this.pseudonymizer = pseudonymizer;
        this.people = people;
    }

    /** True when the file's header is a SetupAuditTrail export's or the Setup Audit Trail download's. */
    public static boolean isSetupAuditTrail(InputFile file) throws IOException {
        return ExportRows.header(file).map(SetupAuditTrailParser::shape).isPresent();
    }

    /**
     * The file a header belongs to, or null. An object export has CreatedDate, Action, who made the change
     * and Section or Display; the download Date, User, Action, Section and Delegate User or Source Namespace
     * Prefix. An EventLogFile (EVENT_TYPE) is never one.
     */
    static Shape shape(ExportHeader header) {
        if (header.hasAny("event_type")) {
            return null;
        }
        if (header.hasAll(CREATED_DATE, ACTION) && header.hasAny(CREATED_BY_ID, CREATED_BY_ID_FIELD, CREATED_BY_USERNAME)
                && header.hasAny(SECTION, DISPLAY)) {
            return Shape.OBJECT_EXPORT;
        }
        if (header.hasAll(DATE, USER, ACTION, SECTION) && header.hasAny(DELEGATE_USER, NAMESPACE_LABEL)) {
            return Shape.DOWNLOAD;
        }
        return null;
    }

    /** Parses the file; returns the number of records read (each one accepted or rejected). */
    public long parse(InputFile file, InputSink sink) throws IOException {
        ExportTimes.DateOrder order = ExportTimes.dateOrder(ExportRows.headValues(file, CREATED_DATE, DATE));
        return ExportRows.read(file, sink, header -> {
            Shape shape = shape(header);
            if (shape == null) {
                return null;
            }
            boolean object = shape == Shape.OBJECT_EXPORT;
            return new Rows(shape, new ExportTimes.Column(object ? "CreatedDate" : "Date", header.note(object ? CREATED_DATE : DATE), order));
        });
    }

    /** {@code record_create} or {@code record_delete} when an Action code says so, else null. */
    static String byAction(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        String known = ACTION_EVENT_TYPES.get(lower);
        if (known != null) {
            return known;
        }
        if (CREATE_WORDS.stream().anyMatch(word -> lower.startsWith(word) || lower.endsWith(word) || lower.endsWith(word + "d"))) {
            return "record_create";
        }
        if (DELETE_WORDS.stream().anyMatch(word -> lower.startsWith(word) || lower.endsWith(word) || lower.endsWith(word + "d"))) {
            return "record_delete";
        }
        return null;
    }

    /** {@code record_create} or {@code record_delete} when a Display sentence says so, else null. */
    static String bySentence(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        return lower.startsWith(CREATED) ? "record_create" : lower.startsWith(DELETED) ? "record_delete" : null;
    }

    /** The rows of one file. */
    private final class Rows implements ExportRows.RowReader {
        private final Shape shape;
        private final ExportTimes.Column time;

        Rows(Shape shape, ExportTimes.Column time) {
            this.shape = shape;
            this.time = time;
        }

        @Override
        public MappedEvent read(ExportHeader.Row row) throws InvalidRecord {
            boolean platform = isAutomatedProcess(row);
            People.Person person = person(row, platform);
            String userKey = person.userKey();
            Instant at = time.instant(row.get(CREATED_DATE, DATE), userKey);
            String section = row.get(SECTION);
            // The download's Action column holds the sentence; the object's Action is a code, Display the sentence.
            String code = shape == Shape.OBJECT_EXPORT ? row.get(ACTION) : "";
            String sentence = shape == Shape.OBJECT_EXPORT ? row.get(DISPLAY) : row.get(ACTION);
            String eventType = code.isEmpty() ? null : byAction(code);
            if (eventType == null) {
                eventType = bySentence(sentence);
            }
            String sourceEventType = !code.isEmpty() ? code : !section.isEmpty() ? section : "SetupAuditTrail";
            if (Usernames.couldNameAPerson(sourceEventType)) {
                // Stored as it is: a value that could name a person means the row's columns are mixed up.
                throw new InvalidRecord((code.isEmpty() ? "Section" : "Action") + " holds a username or an address,"
                        + " not a kind of change: the row's columns are out of place", userKey);
            }
            String id = row.get(ID);
            String eventId = SalesforceIds.looksLikeId(id) ? ID_PREFIX + SalesforceIds.normalise(id)
                    : row.contentId(SOURCE, at, Set.of(CREATED_DATE, DATE));
            Event event = new Event(eventId, at, userKey, null, SOURCE, sourceEventType,
                    eventType == null ? "record_update" : eventType, "admin", null, null,
                    client(row, platform), "success", null, null);
            // The Automated Process is no person to match.
            return new MappedEvent(event, person.matched() || platform);
        }

        /**
         * Who made the change: Salesforce itself when the Automated Process did, a service such as Einstein
         * did (CreatedByContext) or a managed package's code did (its namespace prefix); else a person in
         * Setup. Neither file says whether a change came through Setup's pages or the Metadata API, so no
         * row is {@code api}.
         */
        private String client(ExportHeader.Row row, boolean platform) {
            boolean platformMade = platform || !row.get(CONTEXT).isEmpty() || !row.get(NAMESPACE, NAMESPACE_LABEL).isEmpty();
            return platformMade ? WhoActed.AUTOMATION : WhoActed.WEB;
        }

        private boolean isAutomatedProcess(ExportHeader.Row row) {
            String name = shape == Shape.OBJECT_EXPORT ? row.get(CREATED_BY_NAME) : row.get(USER);
            String username = shape == Shape.OBJECT_EXPORT ? row.get(CREATED_BY_USERNAME) : row.get(USER);
            return name.equalsIgnoreCase(AUTOMATED_PROCESS)
                    || username.toLowerCase(Locale.ROOT).startsWith(AUTOMATED_PROCESS_USERNAME);
        }

        /**
         * The person who made the change: the Delegate User when there is one (the Login-As user who acted
         * for the user the change is recorded under), else the user by id in an object export and by username
         * in the download. The Automated Process is keyed by its name and is no person to match.
         */
        private People.Person person(ExportHeader.Row row, boolean platform) throws InvalidRecord {
            String delegate = row.get(DELEGATE_USER);
            if (!delegate.isEmpty()) {
                return people.byExternalIdOrEmail(Usernames.SYSTEM, delegate,
                        Usernames.looksLikeUsername(delegate) ? delegate : null);
            }
            if (shape == Shape.OBJECT_EXPORT) {
                String id = row.get(CREATED_BY_ID, CREATED_BY_ID_FIELD);
                if (!id.isEmpty()) {
                    if (!SalesforceIds.looksLikeId(id)) {
                        throw new InvalidRecord("CreatedById is not a Salesforce user id (15 or 18 letters and digits)", null);
                    }
                    return new People.Person(pseudonymizer.userKey(id), true);
                }
            }
            String username = shape == Shape.OBJECT_EXPORT ? row.get(CREATED_BY_USERNAME) : row.get(USER);
            if (username.isEmpty()) {
                throw new InvalidRecord("Missing " + (shape == Shape.OBJECT_EXPORT ? "CreatedById" : "User")
                        + ": the change names no person", null);
            }
            if (platform && !Usernames.looksLikeUsername(username)) {
                return people.byExternalId(Usernames.SYSTEM, AUTOMATED_PROCESS);
            }
            if (!Usernames.looksLikeUsername(username)) {
                throw new InvalidRecord("User is neither a Salesforce username (in the form of an e-mail address) nor "
                        + AUTOMATED_PROCESS, null);
            }
            return Usernames.person(people, username);
        }

        @Override
        public People.Person person(ExportHeader.Row row) throws InvalidRecord {
            return person(row, isAutomatedProcess(row));
        }
    }
}
