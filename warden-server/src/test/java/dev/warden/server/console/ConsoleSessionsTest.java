package dev.warden.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's session store: ids, timeouts, rotation at sign-in, CSRF comparison, the cap. */
class ConsoleSessionsTest {
    final MutableClock clock = new MutableClock();
    final ConsoleSessions sessions = new ConsoleSessions(clock, new SecureRandom());

    @Test
    void ids_andTokens_are256RandomBits_allDifferent() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ConsoleSession s = sessions.anonymous();
            assertThat(Base64.getUrlDecoder().decode(s.id())).hasSize(32);
            assertThat(Base64.getUrlDecoder().decode(s.csrf())).hasSize(32);
            assertThat(seen.add(s.id())).isTrue();
            assertThat(seen.add(s.csrf())).isTrue();
        }
        assertThat(sessions.anonymous().toString()).doesNotContain(sessions.anonymous().id());
    }

    @Test
    void idleTimeout_countsFromTheLastRequest() {
        ConsoleSession s = sessions.signIn(Optional.empty(), "alice");
        clock.advance(ConsoleSessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(ConsoleSessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(s.id())).isPresent();
        clock.advance(ConsoleSessions.IDLE);
        assertThat(sessions.find(s.id())).isEmpty();
        // gone for good, even were the clock to step back
        clock.advance(ConsoleSessions.IDLE.negated());
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void absoluteTimeout_endsABusySession() {
        ConsoleSession s = sessions.signIn(Optional.empty(), "alice");
        Duration step = Duration.ofMinutes(20);
        for (Duration t = Duration.ZERO; t.plus(step).compareTo(ConsoleSessions.ABSOLUTE) < 0; t = t.plus(step)) {
            clock.advance(step);
            assertThat(sessions.find(s.id())).isPresent();
        }
        clock.advance(step);
        assertThat(sessions.find(s.id())).isEmpty();
    }

    @Test
    void signIn_dropsThePreviousSession_andIssuesANewIdAndToken() {
        ConsoleSession pre = sessions.anonymous();
        ConsoleSession in = sessions.signIn(Optional.of(pre.id()), "alice");

        assertThat(in.id()).isNotEqualTo(pre.id());
        assertThat(in.csrf()).isNotEqualTo(pre.csrf());
        assertThat(sessions.find(pre.id())).isEmpty();
        assertThat(sessions.find(in.id())).get().extracting(ConsoleSession::operator).isEqualTo(Optional.of("alice"));
    }

    @Test
    void csrf_matchesOnlyTheSessionsOwnToken() {
        ConsoleSession a = sessions.anonymous();
        ConsoleSession b = sessions.anonymous();
        assertThat(ConsoleSessions.csrfMatches(a, a.csrf())).isTrue();
        assertThat(ConsoleSessions.csrfMatches(a, b.csrf())).isFalse();
        assertThat(ConsoleSessions.csrfMatches(a, null)).isFalse();
        assertThat(ConsoleSessions.csrfMatches(a, "")).isFalse();
        assertThat(ConsoleSessions.csrfMatches(a, a.csrf() + "x")).isFalse();
    }

    @Test
    void aFloodOfSignInPages_cannotPushOutSignedInSessions() {
        ConsoleSession in = sessions.signIn(Optional.empty(), "alice");
        for (int i = 0; i < ConsoleSessions.MAX + 50; i++) {
            sessions.anonymous();
        }
        assertThat(sessions.size()).isLessThanOrEqualTo(ConsoleSessions.MAX);
        assertThat(sessions.find(in.id())).isPresent();
    }
}
