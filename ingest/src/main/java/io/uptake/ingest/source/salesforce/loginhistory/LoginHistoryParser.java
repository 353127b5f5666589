package io.uptake.ingest.source.salesforce.loginhistory;

import io.uptake.ingest.Event;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.MappedEvent;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.salesforce.SalesforceIds;
import io.uptake.ingest.source.salesforce.exports.ExportHeader;
import io.uptake.ingest.source.salesforce.exports.ExportRows;
import io.uptake.ingest.source.salesforce.exports.ExportRows.Shape;
import io.uptake.ingest.source.salesforce.exports.ExportTimes;
import io.uptake.ingest.source.salesforce.exports.Usernames;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;

/**
 * Reads Salesforce LoginHistory (DATA.md 1.1d) into login events: a data export of the LoginHistory
 * object (Data Loader, {@code sf data query}; people by {@code UserId}) or the file Setup → Login History
 * → Download writes (people by {@code Username}). Columns are found by name; each login is classified
 * from its login type, sub-type, API type, application, browser and platform ({@link LoginClient}).
 */
public final class LoginHistoryParser {

    public static final String SOURCE = "salesforce-loginhistory";
    static final String ID_PREFIX = "sf-loginhistory-";

    // Columns, as ExportHeader compares names: an object export's API name and a download's label are one.
    static final String TIME = "logintime";
    static final String USER_ID = "userid";
    static final String USERNAME = "username";
    static final String LOGIN_TYPE = "logintype";
    static final String SUB_TYPE = "loginsubtype";
    static final String API_TYPE = "apitype";
    static final String LOGIN_URL = "loginurl";
    static final String APPLICATION = "application";
    static final String BROWSER = "browser";
    static final String PLATFORM = "platform";
    static final String STATUS = "status";
    static final String ID = "id";

    private final Pseudonymizer pseudonymizer;
    private final People people;

    public LoginHistoryParser(Pseudonymizer pseudonymizer, People people) {
        this.pseudonymizer = pseudonymizer;
        this.people = people;
    }

    /** True when the file's header is a LoginHistory export's or the Login History download's. */
    public static boolean isLoginHistory(InputFile file) throws IOException {
        return ExportRows.header(file).map(LoginHistoryParser::shape).isPresent();
    }

    /**
     * The file a header belongs to, or null: an object export has LoginTime and UserId (people by user id),
     * the download Login Time and Username (people by username), both a login type or status. An
     * EventLogFile (EVENT_TYPE) is never one.
     */
    static Shape shape(ExportHeader header) {
        if (header.hasAny("event_type") || !header.hasAll(TIME)) {
            return null;
        }
        if (header.hasAll(USER_ID) && header.hasAny(LOGIN_TYPE, STATUS)) {
            return Shape.OBJECT_EXPORT;
        }
        if (header.hasAll(USERNAME, LOGIN_TYPE, STATUS)) {
            return Shape.DOWNLOAD;
        }
        return null;
    }

    /** Parses the file; returns the number of records read (each one accepted or rejected). */
    public long parse(InputFile file, InputSink sink) throws IOException {
        ExportTimes.DateOrder order = ExportTimes.dateOrder(ExportRows.headValues(file, TIME));
        return ExportRows.read(file, sink, header -> {
            Shape shape = shape(header);
            return shape == null ? null
                    : new Rows(shape, new ExportTimes.Column(shape == Shape.OBJECT_EXPORT ? "LoginTime" : "Login Time",
                            header.note(TIME), order));
        });
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
            People.Person person = person(row);
            String userKey = person.userKey();
            Instant at = time.instant(row.get(TIME), userKey);
            String loginType = LoginClient.loginType(row.get(LOGIN_TYPE));
            // Both are stored as they are: a value that could name a person means the row's columns are mixed up.
            String status = row.get(STATUS);
            if (Usernames.couldNameAPerson(loginType) || Usernames.couldNameAPerson(status)) {
                throw new InvalidRecord("Login Type or Status holds a username or an address, not a login type"
                        + " or status: the row's columns are out of place", userKey);
            }
            String client = LoginClient.of(loginType, row.get(SUB_TYPE), row.get(API_TYPE), row.get(LOGIN_URL),
                    row.get(APPLICATION), row.get(BROWSER), row.get(PLATFORM));
            // Status is "Success" or the reason the login failed, such as "Invalid Password".
            boolean success = status.equalsIgnoreCase("Success");
            String id = row.get(ID);
            String eventId = SalesforceIds.looksLikeId(id) ? ID_PREFIX + SalesforceIds.normalise(id)
                    : row.contentId(SOURCE, at, Set.of(TIME));
            Event event = new Event(eventId, at, userKey, null, SOURCE, loginType.isEmpty() ? "LoginHistory" : loginType,
                    "login", "other", null, null, client, success ? "success" : "failure",
                    success || status.isEmpty() ? null : status, null);
            return new MappedEvent(event, person.matched());
        }

        /** The person who signed in: by user id in an object export, by username in the download. */
        @Override
        public People.Person person(ExportHeader.Row row) throws InvalidRecord {
            if (shape == Shape.OBJECT_EXPORT) {
                String id = row.get(USER_ID);
                if (id.isEmpty()) {
                    throw new InvalidRecord("Missing UserId: the login names no person", null);
                }
                if (!SalesforceIds.looksLikeId(id)) {
                    throw new InvalidRecord("UserId is not a Salesforce user id (15 or 18 letters and digits)", null);
                }
                // A user id joins users.user_key directly: users lists the people by their Salesforce id.
                return new People.Person(pseudonymizer.userKey(id), true);
            }
            String username = row.get(USERNAME);
            if (username.isEmpty()) {
                throw new InvalidRecord("Missing Username: the login names no person", null);
            }
            if (!Usernames.looksLikeUsername(username)) {
                throw new InvalidRecord("Username is not a Salesforce username, which has the form of an e-mail address", null);
            }
            return Usernames.person(people, username);
        }
    }
}
