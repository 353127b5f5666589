package io.uptake.dashboard.auth;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions: the cookie holds only a random id. A session ends at sign-out or after
 * {@link #IDLE_TIMEOUT} without a request; a new id is issued at every sign-in.
 */
public final class SessionStore {

    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private record Session(Account account, Instant lastSeen) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public SessionStore(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts a session for the account and returns its id. */
    public String create(Account account) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(account, now));
        return id;
    }

    /** The account of a live session, marking it used now; an expired session is ended. */
    public Optional<Account> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(id, (key, s) -> expired(s, now) ? null : new Session(s.account(), now));
        return session == null ? Optional.empty() : Optional.of(session.account());
    }

    public void invalidate(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static boolean expired(Session session, Instant now) {
        return !session.lastSeen().plus(IDLE_TIMEOUT).isAfter(now);
    }
}
