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
     * True for a value that could be a username, an e-mail or an IP address: what a type or status column
     * never holds, unless the row is damaged, and what no event or reason may carry.
     */
    public static boolean couldNameAPerson(String value) {
        return value.indexOf('@') >= 0 || IPV4.matcher(value).matches() || value.contains("::");
    }

    /** A value as a rejection reason may quote it: clipped, and withheld when it {@linkplain #couldNameAPerson could name a person}. */
    public static String quotable(String value) {
        if (couldNameAPerson(value)) {
            return "(a value not shown here)";
        }
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}
