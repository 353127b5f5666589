package io.uptake.ingest.source.salesforce.exports;

import io.uptake.ingest.source.People;
import java.util.regex.Pattern;

/**
 * People as Salesforce's Setup downloads name them: by username, a login name in the form of an e-mail
 * address that is often, but not always, the person's e-mail. A username is found in {@code users} as
 * {@code salesforce-username:<username>} in {@code external_ids}, or else as the person's {@code email}.
 */
public final class Usernames {

    /** The system name of a Salesforce username in {@code users.external_ids}. */
    public static final String SYSTEM = "salesforce-username";

    private static final Pattern USERNAME = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern IPV4 = Pattern.compile(".*\\d+\\.\\d+\\.\\d+\\.\\d+.*");

    private Usernames() {}

    /** True for a value in a username's form, {@code name@domain}. */
    public static boolean looksLikeUsername(String value) {
        return USERNAME.matcher(value).matches();
    }

    /** The person a username names: by {@code external_ids}, else by e-mail. */
    public static People.Person person(People people, String username) {
        return people.byExternalIdOrEmail(SYSTEM, username, username);
    }

    /**
     * A value as a rejection reason may quote it: clipped, and withheld when it could be a person's
     * username or e-mail or an IP address, which no reason may carry.
     */
    public static String quotable(String value) {
        if (value.indexOf('@') >= 0 || IPV4.matcher(value).matches() || value.indexOf("::") >= 0) {
            return "(a value not shown here)";
        }
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}
