package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import io.uptake.ingest.privacy.Pseudonymizer;
import java.util.Map;

/**
 * The people of {@code users}, found by what other systems call them: an e-mail or UPN (compared
 * without regard to case) or an id listed in {@code external_ids}. Both are looked up by their keyed
 * hash, never by the raw value. A person not found keeps the hash of the name they were given as their
 * {@code user_key}: their events are kept, and count in no adoption figure, as for any unknown user.
 */
public final class People {

    /** A person as a source names them: their {@code user_key}, and whether it is one of {@code users}. */
    public record Person(String userKey, boolean matched) {
        public Person {
            requireNonNull(userKey, "userKey is null");
        }
    }

    private final Pseudonymizer pseudonymizer;
    private final Map<String, String> userKeyByIdentity;

    private People(Pseudonymizer pseudonymizer, Map<String, String> userKeyByIdentity) {
        this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
        this.userKeyByIdentity = Map.copyOf(userKeyByIdentity);
    }

    /** Nobody known: every person named by e-mail or external id is unmatched. */
    public static People none(Pseudonymizer pseudonymizer) {
        return new People(pseudonymizer, Map.of());
    }

    /**
     * The people whose identity keys ({@link Pseudonymizer#emailKey}, {@link Pseudonymizer#externalKey})
     * map to their {@code user_key}.
     */
    public static People of(Pseudonymizer pseudonymizer, Map<String, String> userKeyByIdentity) {
        return new People(pseudonymizer, userKeyByIdentity);
    }

    /** How many identities are known. */
    public int size() {
        return userKeyByIdentity.size();
    }

    /** The person with this e-mail address or UPN. */
    public Person byEmail(String email) {
        return find(pseudonymizer.emailKey(email));
    }

    /** The person with this id in another system ({@code hubspot}, ...), as {@code external_ids} lists it. */
    public Person byExternalId(String system, String id) {
        return find(pseudonymizer.externalKey(system, id));
    }

    /**
     * The person named by another system's id, or failing that by e-mail: the id when {@code users}
     * knows it, else the e-mail when it knows that, else unmatched under the e-mail's key (or the id's,
     * when there is no e-mail).
     */
    public Person byExternalIdOrEmail(String system, String id, String email) {
        boolean hasId = id != null && !id.isBlank();
        boolean hasEmail = email != null && !email.isBlank();
        if (hasId) {
            Person person = byExternalId(system, id);
            if (person.matched() || !hasEmail) {
                return person;
            }
        }
        if (!hasEmail) {
            throw new IllegalArgumentException("neither an id nor an e-mail names the person");
        }
        return byEmail(email);
    }

    private Person find(String identityKey) {
        String userKey = userKeyByIdentity.get(identityKey);
        return userKey != null ? new Person(userKey, true) : new Person(identityKey, false);
    }
}
