package io.uptake.dashboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts of the dashboard, read from the users file given with {@code --users}:
 *
 * <pre>
 * {"accounts": [{"username": "ana", "password_hash": "$2a$10$...", "role": "lead", "teams": ["Sales West"]}]}
 * </pre>
 *
 * Passwords are kept only as bcrypt hashes.
 */
public final class Accounts {

    /** bcrypt cost: about 50 ms a check on a small server, slow enough to make guessing expensive. */
    public static final int BCRYPT_COST = 10;
    /** bcrypt reads at most 72 bytes of a password; a longer one could never have been set. */
    public static final int MAX_PASSWORD_BYTES = 72;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Checked when the username is unknown, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = hash("not-a-password");

    private final Map<String, Account> byName;

    public Accounts(List<Account> accounts) {
        Map<String, Account> map = new LinkedHashMap<>();
        for (Account account : accounts) {
            if (map.put(account.username(), account) != null) {
                throw new IllegalArgumentException("account '" + account.username() + "' is listed twice");
            }
        }
        this.byName = Map.copyOf(map);
    }

    /** A bcrypt hash of the password; a password over {@value #MAX_PASSWORD_BYTES} bytes is refused. */
    public static String hash(String password) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("A password may be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt's limit); "
                    + "this one is " + bytes + " bytes: choose a shorter one");
        }
        return BCrypt.withDefaults().hashToString(BCRYPT_COST, password.toCharArray());
    }

    /** The account whose password matches, if any; a password too long to have been set matches none. */
    public Optional<Account> authenticate(String username, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        Account account = byName.get(username);
        String hash = account == null ? DUMMY_HASH : account.passwordHash();
        boolean verified = BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
        return verified && account != null ? Optional.of(account) : Optional.empty();
    }

    public int size() {
        return byName.size();
    }

    /** Reads a users file; the message of a bad file names the file and the entry to fix. */
    public static Accounts load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The users file " + file + " is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode list = root == null ? null : root.get("accounts");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("The users file " + file + " has no \"accounts\" array");
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String where = "account " + (i + 1) + " of " + file;
            String username = text(entry, "username", where);
            String hash = text(entry, "password_hash", where);
            if (!hash.startsWith("$2")) {
                throw new IllegalArgumentException("The password_hash of " + where + " is not a bcrypt hash");
            }
            String roleName = text(entry, "role", where);
            Role role = Role.parse(roleName).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown role '" + roleName + "' in " + where + ": expected executive, trainer or lead"));
            List<String> teams = new ArrayList<>();
            entry.path("teams").forEach(t -> teams.add(t.asText()));
            try {
                accounts.add(new Account(username, hash, role, teams));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " in " + file + ": give it \"teams\"");
            }
        }
        return new Accounts(accounts);
    }

    /** Writes a users file readable by its owner only. */
    public static void write(Path file, List<Account> accounts) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("accounts");
        for (Account account : accounts) {
            ObjectNode entry = list.addObject();
            entry.put("username", account.username());
            entry.put("password_hash", account.passwordHash());
            entry.put("role", account.role().id());
            ArrayNode teams = entry.putArray("teams");
            account.teams().forEach(teams::add);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".users", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Missing \"" + field + "\" in " + where);
        }
        return value.asText();
    }
}
