package io.uptake.ingest.source.salesforce;

import java.util.Map;
import java.util.Optional;

/**
 * Salesforce record and user ids come as 15 case-sensitive characters or as 18 characters whose
 * last three encode the case of the first fifteen. Keys are always built from the 18-character form,
 * so a user listed with either form joins (DATA.md 1.1a).
 */
public final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    /** The object of a record id's 3-character key prefix, for the standard objects Uptake maps to modules. */
    private static final Map<String, String> OBJECT_BY_PREFIX = Map.ofEntries(
            Map.entry("001", "Account"),
            Map.entry("003", "Contact"),
            Map.entry("006", "Opportunity"),
            Map.entry("00Q", "Lead"),
            Map.entry("500", "Case"),
            Map.entry("701", "Campaign"),
            Map.entry("0Q0", "Quote"),
            Map.entry("ka0", "Knowledge"),
            Map.entry("kA0", "Knowledge"),
            Map.entry("00O", "Report"),
            Map.entry("01Z", "Dashboard"),
            Map.entry("005", "User"));

    private SalesforceIds() {}

    /** True for 15 or 18 ASCII letters and digits, the shape of a Salesforce id. */
    public static boolean looksLikeId(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a Salesforce id: 15 letters and digits, or 18 whose last three are the checksum of the
     * first fifteen (in either case, as case-insensitive systems may lower them). Every id Salesforce
     * issues has digits in it (its instance and counter); a word of the same length does not pass.
     */
    public static boolean isValid(String id) {
        if (!looksLikeId(id) || id.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        return id.length() == 15 || to18(id).orElseThrow().substring(15).equalsIgnoreCase(id.substring(15));
    }

    /** True for a valid id of a User record: key prefix {@code 005}. */
    public static boolean isUserId(String id) {
        return isValid(id) && id.startsWith("005");
    }

    /**
     * The 18-character form of a 15- or 18-character id; an 18-character id keeps its first 15
     * characters and gets its checksum recomputed, so a lower-cased suffix cannot split one user in two.
     */
    public static Optional<String> to18(String id) {
        if (!looksLikeId(id)) {
            return Optional.empty();
        }
        String base = id.substring(0, 15);
        StringBuilder out = new StringBuilder(18).append(base);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = base.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return Optional.of(out.toString());
    }

    /** The user id as it is keyed: the 18-character form of a Salesforce id, any other id unchanged. */
    public static String normalise(String id) {
        return to18(id).orElse(id);
    }

    /** The standard object a record id belongs to, by its key prefix ({@code 006} Opportunity, ...). */
    public static Optional<String> objectOf(String id) {
        return keyPrefix(id).map(OBJECT_BY_PREFIX::get);
    }

    /** The 3-character key prefix of a record id ({@code 006} Opportunity, ...), if it is an id. */
    public static Optional<String> keyPrefix(String id) {
        return looksLikeId(id) ? Optional.of(id.substring(0, 3)) : Optional.empty();
    }
}
