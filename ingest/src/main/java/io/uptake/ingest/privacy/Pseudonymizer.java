package io.uptake.ingest.privacy;

import io.uptake.ingest.source.salesforce.SalesforceIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns CRM user ids into {@code user_key}s: HMAC-SHA-256 of the normalised id (the 18-character
 * form of a Salesforce id) under a key kept beside the warehouse, never inside it. Whoever has the
 * warehouse alone cannot recompute a key from a known id.
 */
public final class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Values whose key is remembered, per kind. A user id or session recurs on many events, and an
     * HMAC per event was most of the ingest's cost; past this bound a cache is emptied and refills.
     */
    static final int CACHED_VALUES = 1 << 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final Map<String, String> userKeys = new ConcurrentHashMap<>();
    private final Map<String, String> hmacs = new ConcurrentHashMap<>();

    private Pseudonymizer(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static Pseudonymizer withKey(byte[] key) {
        return new Pseudonymizer(key.clone());
    }

    /**
     * Loads the key file, creating it on first use with owner-only permissions. Creation goes through
     * a temporary file and a hard link that fails if the key exists, so two processes starting at
     * once still end up with one key.
     */
    public static Pseudonymizer loadOrCreate(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path temp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, HEX.formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
            try {
                // A hard link is created atomically and fails if the name exists: the first process wins.
                Files.createLink(keyFile, temp);
            } catch (FileAlreadyExistsException e) {
                // Another process created the key first; use theirs.
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        try {
            byte[] key = HEX.parseHex(text);
            if (key.length < 16) {
                throw new IllegalArgumentException("too short");
            }
            return new Pseudonymizer(key);
        } catch (IllegalArgumentException e) {
            throw new IOException("The pseudonymisation key " + keyFile + " is not a hex key of at least 16 bytes");
        }
    }

    /** The user_key of a raw CRM user id. */
    public String userKey(String rawUserId) {
        String known = userKeys.get(rawUserId);
        if (known == null) {
            known = computeHmac(SalesforceIds.normalise(rawUserId.strip()));
            remember(userKeys, rawUserId, known);
        }
        return known;
    }

    /**
     * A record id as it may be stored. A User record's id is a user id, which never reaches the
     * warehouse raw (DATA.md 2.1): it is stored as that user's key, so it still joins users.user_key.
     */
    public String recordId(String objectType, String recordId) {
        if (recordId == null) {
            return null;
        }
        boolean user = "User".equals(objectType) || SalesforceIds.keyPrefix(recordId).filter("005"::equals).isPresent();
        return user ? userKey(recordId) : recordId;
    }

    /**
     * The key of an e-mail address or UPN, compared without regard to case: how a person named by e-mail
     * is found in {@code users} (its {@code email_key}) without the address being stored.
     */
    public String emailKey(String email) {
        return hmac("email:" + email.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The key of a person's id in another system, as {@code users.external_ids} lists it ({@code hubspot:123}). */
    public String externalKey(String system, String id) {
        return hmac("id:" + system.strip().toLowerCase(java.util.Locale.ROOT) + ":" + id.strip());
    }

    /** A keyed hash of any other identifier (session ids). */
    public String hmac(String value) {
        String known = hmacs.get(value);
        if (known == null) {
            known = computeHmac(value);
            remember(hmacs, value, known);
        }
        return known;
    }

    private static void remember(Map<String, String> cache, String value, String key) {
        if (cache.size() >= CACHED_VALUES) {
            cache.clear();
        }
        cache.put(value, key);
    }

    private String computeHmac(String value) {
        Mac mac = macs.get();
        return HEX.formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
