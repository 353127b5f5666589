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
 * Makes password guessing slow without letting a stranger lock someone else out. Failed sign-ins are
 * counted per username (case-insensitive) and client address together, per username alone, and per
 * address alone:
 *
 * <ul>
 *   <li>after {@value #FREE_FAILURES} failures in a row for a username from one address, the next
 *       attempt from there must wait 2<sup>failures - 3</sup> seconds after the last one (1, 2, 4, ...
 *       up to {@link #MAX_DELAY});
 *   <li>{@value #LOCK_FAILURES} failures within {@link #LOCK_WINDOW} lock the username from that
 *       address for {@link #LOCK_DURATION}; other addresses are not locked out;
 *   <li>a username with {@value #USERNAME_FREE_FAILURES} failures within {@link #LOCK_WINDOW}, from
 *       any addresses, waits a growing delay of at most {@link #USERNAME_MAX_DELAY} between attempts,
 *       except from an address it signed in from within {@link #KNOWN_FOR}: guessing from many
 *       addresses stays slow, and the owner at their usual place still gets in;
 *   <li>an address with {@value #ADDRESS_FREE_FAILURES} failures within {@link #LOCK_WINDOW}, whatever the
 *       usernames, waits the same growing delay, but is never locked (a whole office may share it);
 *   <li>a success forgets the failures of the username from that address.
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
    public static final int USERNAME_FREE_FAILURES = 20;
    public static final Duration USERNAME_MAX_DELAY = Duration.ofMinutes(1);
    public static final Duration KNOWN_FOR = Duration.ofDays(30);
    public static final int ADDRESS_FREE_FAILURES = 20;
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** A username and address without attempts for this long start afresh; keeps the table small. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Duration CLEAN_EVERY = Duration.ofMinutes(1);

    /** Why an attempt may not be checked now, and when it may. */
    public record Refusal(boolean locked, Instant until, long retryAfterSeconds) {
        public Refusal {
            requireNonNull(until, "until is null");
        }
    }

    /** The failures of one username from one address; guarded by the throttle's lock. */
    private static final class Failures {
        int inARow;
        Instant last = Instant.MIN;
        final Deque<Instant> recent = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final Map<String, Failures> byUsernameAndAddress = new HashMap<>();
    private final Map<String, Deque<Instant>> byUsername = new HashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();
    /** The last success of each username and address. */
    private final Map<String, Instant> signedIn = new HashMap<>();
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
        String pair = key(username, address);
        Failures failures = byUsernameAndAddress.computeIfAbsent(pair, k -> new Failures());
        if (now.isBefore(failures.lockedUntil)) {
            return Optional.of(refusal(true, failures.lockedUntil, now));
        }
        Deque<Instant> forUsername = byUsername.computeIfAbsent(username.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        Deque<Instant> fromAddress = byAddress.computeIfAbsent(address, k -> new ArrayDeque<>());
        dropBefore(failures.recent, now.minus(LOCK_WINDOW));
        dropBefore(forUsername, now.minus(LOCK_WINDOW));
        dropBefore(fromAddress, now.minus(LOCK_WINDOW));
        Instant free = failures.inARow < FREE_FAILURES ? Instant.MIN : failures.last.plus(delay(failures.inARow - FREE_FAILURES));
        free = later(free, growing(fromAddress, ADDRESS_FREE_FAILURES, MAX_DELAY));
        if (!known(pair, now)) {
            free = later(free, growing(forUsername, USERNAME_FREE_FAILURES, USERNAME_MAX_DELAY));
        }
        if (now.isBefore(free)) {
            return Optional.of(refusal(false, free, now));
        }
        failures.inARow++;
        failures.last = now;
        failures.recent.addLast(now);
        forUsername.addLast(now);
        fromAddress.addLast(now);
        if (failures.recent.size() >= LOCK_FAILURES) {
            failures.lockedUntil = now.plus(LOCK_DURATION);
        }
        return Optional.empty();
    }

    /** The password of the last attempt was right: the username starts afresh from this address. */
    public synchronized void succeeded(String username, String address) {
        String pair = key(username, address);
        byUsernameAndAddress.remove(pair);
        signedIn.put(pair, clock.instant());
        Deque<Instant> forUsername = byUsername.get(username.toLowerCase(Locale.ROOT));
        if (forUsername != null) {
            forUsername.pollLast();
        }
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

    /** When the next attempt may go ahead after {@code times} failures, the first {@code free} of them free. */
    private static Instant growing(Deque<Instant> times, int free, Duration max) {
        if (times.size() < free) {
            return Instant.MIN;
        }
        Duration delay = delay(times.size() - free);
        return times.getLast().plus(delay.compareTo(max) > 0 ? max : delay);
    }

    private boolean known(String pair, Instant now) {
        Instant last = signedIn.get(pair);
        return last != null && last.isAfter(now.minus(KNOWN_FOR));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Refusal refusal(boolean locked, Instant until, Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return new Refusal(locked, until, Math.max(1, (millis + 999) / 1000));
    }

    private static String key(String username, String address) {
        return username.toLowerCase(Locale.ROOT) + "\n" + address;
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
        byUsernameAndAddress.values().removeIf(f -> f.last.isBefore(now.minus(FORGET_AFTER)) && !now.isBefore(f.lockedUntil));
        byUsername.values().removeIf(times -> times.isEmpty() || !times.getLast().isAfter(now.minus(LOCK_WINDOW)));
        byAddress.values().removeIf(times -> times.isEmpty() || !times.getLast().isAfter(now.minus(LOCK_WINDOW)));
        signedIn.values().removeIf(last -> !last.isAfter(now.minus(KNOWN_FOR)));
    }
}
