package dev.warden.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits failed sign-ins per operator name and per source address in a sliding window: once a name
 * or a source has {@code max} failures within the window, further attempts are refused without
 * checking the password until the oldest failure leaves the window. A successful sign-in clears
 * its name's failures (not its source's). Thread-safe; keeps at most {@value #MAX_KEYS} keys per
 * kind, forgetting the quiet ones first.
 */
public final class SignInLimiter {
    /** The default limits: 5 failures per name and 20 per source within 15 minutes. */
    public static final int NAME_MAX = 5;
    /** Failures per source address. */
    public static final int SOURCE_MAX = 20;
    /** The window. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final int nameMax;
    private final int sourceMax;
    private final Duration window;
    private final Map<String, Deque<Instant>> byName = new HashMap<>();
    private final Map<String, Deque<Instant>> bySource = new HashMap<>();

    /** A limiter with the default limits. */
    public SignInLimiter(Clock clock) {
        this(clock, NAME_MAX, SOURCE_MAX, WINDOW);
    }

    /** A limiter with these limits. */
    public SignInLimiter(Clock clock, int nameMax, int sourceMax, Duration window) {
        this.clock = clock;
        this.nameMax = nameMax;
        this.sourceMax = sourceMax;
        this.window = window;
    }

    /**
     * Whether a sign-in may be tried now.
     *
     * @return empty when it may; else when it may be tried again
     */
    public synchronized Optional<Instant> blockedUntil(String name, String source) {
        Instant now = clock.instant();
        Optional<Instant> a = blocked(byName, name, nameMax, now);
        Optional<Instant> b = blocked(bySource, source, sourceMax, now);
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
        }
        return a.isPresent() ? a : b;
    }

    /**
     * Whether a sign-in from this source may be tried now, before the name is known (an OIDC
     * sign-in's name comes from its token, trusted only once the token is checked).
     *
     * @return empty when it may; else when it may be tried again
     */
    public synchronized Optional<Instant> blockedUntilSource(String source) {
        return blocked(bySource, source, sourceMax, clock.instant());
    }

    /** Counts a failed sign-in against its source only (a refused token names no one reliably). */
    public synchronized void failedSource(String source) {
        add(bySource, source, clock.instant());
    }

    /** Counts a failed sign-in. */
    public synchronized void failed(String name, String source) {
        Instant now = clock.instant();
        add(byName, name, now);
        add(bySource, source, now);
    }

    /** Clears the name's failures after a successful sign-in. */
    public synchronized void succeeded(String name) {
        byName.remove(name);
    }

    private Optional<Instant> blocked(Map<String, Deque<Instant>> map, String key, int max, Instant now) {
        Deque<Instant> q = map.get(key);
        if (q == null) {
            return Optional.empty();
        }
        prune(q, now);
        if (q.isEmpty()) {
            map.remove(key);
            return Optional.empty();
        }
        return q.size() >= max ? Optional.of(q.peekFirst().plus(window)) : Optional.empty();
    }

    private void add(Map<String, Deque<Instant>> map, String key, Instant now) {
        if (map.size() >= MAX_KEYS && !map.containsKey(key)) {
            map.values().removeIf(q -> {
                prune(q, now);
                return q.isEmpty();
            });
            if (map.size() >= MAX_KEYS) {
                map.remove(map.keySet().iterator().next());
            }
        }
        Deque<Instant> q = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(q, now);
        q.addLast(now);
        while (q.size() > Math.max(nameMax, sourceMax)) {
            q.removeFirst();
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant oldest = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(oldest)) {
            q.removeFirst();
        }
    }
}
