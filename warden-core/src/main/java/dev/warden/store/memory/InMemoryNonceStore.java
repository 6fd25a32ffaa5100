package dev.warden.store.memory;

import dev.warden.agent.NonceStore;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NonceStore} in memory, for tests and embedded use. */
public final class InMemoryNonceStore implements NonceStore {
    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public boolean remember(String key, Instant expiresAt, Instant now) {
        seen.values().removeIf(exp -> exp.isBefore(now));
        return seen.putIfAbsent(key, expiresAt) == null;
    }
}
