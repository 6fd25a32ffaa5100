package dev.warden.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
    private final MutableClock clock = new MutableClock();
    private final SignInLimiter limiter = new SignInLimiter(clock, 3, 5, Duration.ofMinutes(10));

    @Test
    void aNameIsBlockedAfterItsFailures_untilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.blockedUntil("ivan", "10.0.0." + i)).isEmpty();
            limiter.failed("ivan", "10.0.0." + i);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(limiter.blockedUntil("ivan", "10.0.0.9")).contains(MutableClock.START.plus(Duration.ofMinutes(10)));
        assertThat(limiter.blockedUntil("other", "10.0.0.9")).isEmpty();
        clock.set(MutableClock.START.plus(Duration.ofMinutes(10)));
        assertThat(limiter.blockedUntil("ivan", "10.0.0.9")).isEmpty();
    }

    @Test
    void aSourceIsBlockedAcrossNames_andSuccessClearsOnlyTheName() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("name-" + i, "10.0.0.1");
        }
        assertThat(limiter.blockedUntil("fresh", "10.0.0.1")).isPresent();
        assertThat(limiter.blockedUntil("fresh", "10.0.0.2")).isEmpty();
        limiter.failed("kim", "10.0.0.3");
        limiter.failed("kim", "10.0.0.3");
        limiter.succeeded("kim");
        limiter.failed("kim", "10.0.0.3");
        assertThat(limiter.blockedUntil("kim", "10.0.0.4")).isEmpty();
    }
}
