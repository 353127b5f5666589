package io.uptake.dashboard.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes password guessing slow. Failed sign-ins are counted per username (case-insensitive) and per
 * client address:
 *
 * <ul>
 *   <li>after {@value #FREE_FAILURES} failures in a row for a username, its next attempt must wait
 *       2<sup>failures - 3</sup> seconds after the last one (1, 2, 4, ... up to {@link #MAX_DELAY});
 *   <li>{@value #LOCK_FAILURES} failures within {@link #LOCK_WINDOW} lock the username for
 *       {@link #LOCK_DURATION};
 *   <li>an address with {@value #ADDRESS_FREE_FAILURES} failures within {@link #LOCK_WINDOW}, whatever the
 *       usernames, waits the same growing delay, but is never locked (a whole office may share it);
 *   <li>a success forgets the username's failures.
 * </ul>
 *
 * Unknown usernames are counted like known ones, so a refusal says nothing about whether one exists.
 * A refused attempt is not checked at all, so it costs no bcrypt time and counts for nothing.
 */
public final class SignInThrottle {

    public static final int FREE_FAILURES = 3;
    public static final int LOCK_FAILURES = 10;
    public static final Duration LOCK_WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    public static final int ADDRESS_FREE_FAILURES = 20;
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A username without attempts for this long starts afresh; keeps the table small. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);

    /** Why an attempt may not be checked now, and when it may. */
    public record Refusal(boolean locked, Instant until, long retryAfterSeconds) {
        public Refusal {
            requireNonNull(until, "until is null");
        }
    }

    /** The failures of one username; guarded by the throttle's lock. */
    private static final class Failures {
        int inARow;
        Instant last = Instant.MIN;
        final Deque<Instant> recent = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final Map<String, Failures> byUsername = new HashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();
    private Instant nextClean = Instant.MIN;

    public SignInThrottle(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Asks to check a password for {@code username} from {@code address}: empty when the check may go
     * ahead, which then counts as a failure until {@link #succeeded} says otherwise. Counting before
     * the check means parallel guesses cannot all slip through while the first is being checked.
     */
    public synchronized Optional<Refusal> attempt(String username, String address) {
        Instant now = clock.instant();
        clean(now);
        Failures user = byUsername.computeIfAbsent(key(username), k -> new Failures());
        if (now.isBefore(user.lockedUntil)) {
            return Optional.of(refusal(true, user.lockedUntil, now));
        }
        Deque<Instant> fromAddress = byAddress.computeIfAbsent(address, k -> new ArrayDeque<>());
        dropBefore(user.recent, now.minus(LOCK_WINDOW));
        dropBefore(fromAddress, now.minus(LOCK_WINDOW));
        Instant userFree = user.inARow < FREE_FAILURES ? Instant.MIN : user.last.plus(delay(user.inARow - FREE_FAILURES));
        Instant addressFree = fromAddress.size() < ADDRESS_FREE_FAILURES ? Instant.MIN
                : fromAddress.getLast().plus(delay(fromAddress.size() - ADDRESS_FREE_FAILURES));
        Instant free = userFree.isAfter(addressFree) ? userFree : addressFree;
        if (now.isBefore(free)) {
            return Optional.of(refusal(false, free, now));
        }
        user.inARow++;
        user.last = now;
        user.recent.addLast(now);
        fromAddress.addLast(now);
        if (user.recent.size() >= LOCK_FAILURES) {
            user.lockedUntil = now.plus(LOCK_DURATION);
        }
        return Optional.empty();
    }

    /** The password of the last attempt was right: the username starts afresh. */
    public synchronized void succeeded(String username, String address) {
        byUsername.remove(key(username));
        Deque<Instant> fromAddress = byAddress.get(address);
        if (fromAddress != null) {
            fromAddress.pollLast();
        }
    }

    /** 2<sup>n</sup> seconds, at most {@link #MAX_DELAY}. */
    static Duration delay(int n) {
        Duration delay = n >= 20 ? MAX_DELAY : Duration.ofSeconds(1L << n);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Refusal refusal(boolean locked, Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return new Refusal(locked, until, Math.max(1, (millis + 999) / 1000));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static void dropBefore(Deque<Instant> times, Instant start) {
        while (!times.isEmpty() && !times.getFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    private void clean(Instant now) {
        if (now.isBefore(nextClean)) {
            return;
        }
        nextClean = now.plus(CLEAN_EVERY);
        byUsername.values().removeIf(f -> f.last.isBefore(now.minus(FORGET_AFTER)) && !now.isBefore(f.lockedUntil));
        byAddress.values().removeIf(times -> times.isEmpty() || !times.getLast().isAfter(now.minus(LOCK_WINDOW)));
    }
}
