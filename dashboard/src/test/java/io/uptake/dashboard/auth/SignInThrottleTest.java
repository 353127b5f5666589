package io.uptake.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.dashboard.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    final TestClock clock = new TestClock(START);
    final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void theDelayDoublesFromOneSecondUpToFifteenMinutes() {
        assertThat(SignInThrottle.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInThrottle.delay(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(SignInThrottle.delay(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignInThrottle.delay(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.delay(63)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void threeAttemptsGoAheadAndTheFourthWaitsOneSecondRoundedUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt("ana", "10.0.0.1")).isEmpty();
        }
        clock.advance(Duration.ofMillis(200));

        assertThat(throttle.attempt("ANA", "10.0.0.1"))
                .contains(new SignInThrottle.Refusal(false, START.plusSeconds(1), 1));
        assertThat(throttle.attempt("bob", "10.0.0.1")).as("other usernames go ahead").isEmpty();
        assertThat(throttle.attempt("ana", "10.0.0.2")).as("other addresses go ahead").isEmpty();
    }

    @Test
    void theTenthFailureWithinTheWindowLocksAndSuccessUnlocks() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("ana", "10.0.0.1");
        }
        for (int delay : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            clock.advance(Duration.ofSeconds(delay));
            assertThat(throttle.attempt("ana", "10.0.0.1")).isEmpty();
        }
        Instant tenth = START.plusSeconds(127);

        assertThat(throttle.attempt("ana", "10.0.0.1"))
                .contains(new SignInThrottle.Refusal(true, tenth.plus(Duration.ofMinutes(15)), 900));
        // The tenth attempt was in fact right.
        throttle.succeeded("ana", "10.0.0.1");
        assertThat(throttle.attempt("ana", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
        // Two minutes apart: longer than the delay after each of the first nine failures (64 s at most),
        // and only 8 of the 10, from minute 6 to minute 20, fall in the last 15 minutes.
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(2));
            assertThat(throttle.attempt("ana", "10.0.0.1")).as("attempt %d", i + 1).isEmpty();
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(throttle.attempt("ana", "10.0.0.1")).contains(new SignInThrottle.Refusal(false,
                START.plus(Duration.ofMinutes(20)).plusSeconds(128), 127));
    }

    @Test
    void tenFailuresFromOneAddressLockOnlyThatAddressOutAndTheRightPasswordFromAnotherGetsIn() {
        lockFrom("exec", "10.0.0.1");
        Instant tenth = START.plusSeconds(127);

        assertThat(throttle.attempt("exec", "10.0.0.1"))
                .contains(new SignInThrottle.Refusal(true, tenth.plus(Duration.ofMinutes(15)), 900));
        assertThat(throttle.attempt("EXEC", "10.0.0.2")).as("the owner elsewhere is not locked out").isEmpty();
        throttle.succeeded("exec", "10.0.0.2");
        assertThat(throttle.attempt("exec", "10.0.0.1")).as("still locked where the guesses came from")
                .contains(new SignInThrottle.Refusal(true, tenth.plus(Duration.ofMinutes(15)), 900));
    }

    @Test
    void guessesFromManyAddressesSlowTheUsernameDownByUpToAMinuteExceptWhereItSignedInBefore() {
        assertThat(throttle.attempt("exec", "192.168.1.5")).isEmpty();
        throttle.succeeded("exec", "192.168.1.5");
        for (int i = 1; i <= 20; i++) {
            assertThat(throttle.attempt("exec", "10.0.1." + i)).as("address %d", i).isEmpty();
        }

        // From the 21st failure on: 1, 2, 4, 8, 16, 32 seconds, then at most a minute.
        int address = 100;
        for (int wait : new int[] {1, 2, 4, 8, 16, 32, 60, 60}) {
            assertThat(throttle.attempt("exec", "10.0.2." + address++)).as("wait %d s", wait)
                    .contains(new SignInThrottle.Refusal(false, clock.instant().plusSeconds(wait), wait));
            assertThat(throttle.attempt("exec", "192.168.1.5")).as("the owner's usual address").isEmpty();
            throttle.succeeded("exec", "192.168.1.5");
            clock.advance(Duration.ofSeconds(wait));
            assertThat(throttle.attempt("exec", "10.0.2." + address++)).as("after %d s", wait).isEmpty();
        }
        assertThat(throttle.attempt("ana", "10.0.2.1")).as("other usernames are not slowed").isEmpty();
    }

    /** Ten failures for {@code username} from {@code address}, each as soon as the delay allows: 127 s. */
    private void lockFrom(String username, String address) {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt(username, address)).isEmpty();
        }
        for (int delay : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            clock.advance(Duration.ofSeconds(delay));
            assertThat(throttle.attempt(username, address)).isEmpty();
        }
    }
}
