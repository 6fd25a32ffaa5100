package dev.warden.server.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory (a restart signs everyone out). A session ends after
 * {@link #IDLE} without a request or {@link #ABSOLUTE} after it began, whichever comes first.
 * Signing in always makes a new session with a new id and a new CSRF token (no fixation).
 */
public final class ConsoleSessions {
    /** Idle timeout. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** Absolute timeout. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** Sessions held at most; beyond, the least recently seen are dropped (pre-sign-in ones first). */
    static final int MAX = 10_000;
    private static final int ID_BYTES = 32;

    private final Map<String, ConsoleSession> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random;

    /** Sessions timed by {@code clock}, ids and tokens drawn from {@code random}. */
    public ConsoleSessions(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new pre-sign-in session: it carries the CSRF token of the sign-in form. */
    public ConsoleSession anonymous() {
        return add(Optional.empty());
    }

    /** Ends {@code previous} (when given) and begins a session of {@code operator} with a new id and token. */
    public ConsoleSession signIn(Optional<String> previous, String operator) {
        previous.ifPresent(byId::remove);
        return add(Optional.of(operator));
    }

    /** The live session of this id, marked as seen now; a timed-out one is removed and not found. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            byId.remove(id, s);
            return Optional.empty();
        }
        ConsoleSession seen = s.seen(now);
        byId.replace(id, s, seen);
        return Optional.of(seen);
    }

    /**
     * The live session of this id without marking it as seen (a long-lived stream checks its
     * session with it, so the stream alone never keeps a session from timing out).
     */
    public Optional<ConsoleSession> peek(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession s = byId.get(id);
        if (s == null || expired(s, clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Ends the session of this id. */
    public void end(String id) {
        byId.remove(id);
    }

    /** Whether {@code offered} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(ConsoleSession s, String offered) {
        return offered != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8));
    }

    /** How many sessions are held now (live or not yet purged). */
    int size() {
        return byId.size();
    }

    private ConsoleSession add(Optional<String> operator) {
        Instant now = clock.instant();
        if (byId.size() >= MAX) {
            purge(now);
        }
        ConsoleSession s = new ConsoleSession(secret(), secret(), operator, now, now);
        byId.put(s.id(), s);
        return s;
    }

    private void purge(Instant now) {
        byId.values().removeIf(s -> expired(s, now));
        while (byId.size() >= MAX) {
            byId.values().stream()
                    .min(Comparator.comparing((ConsoleSession s) -> s.signedIn()).thenComparing(ConsoleSession::lastSeen))
                    .ifPresent(s -> byId.remove(s.id()));
        }
    }

    private static boolean expired(ConsoleSession s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.createdAt().plus(ABSOLUTE));
    }

    private String secret() {
        byte[] b = new byte[ID_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
