package dev.warden.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Operator credentials recently found valid, with their operator, keyed by the credential's hash:
 * an operator request then costs a map lookup instead of two store reads. An entry is used for at
 * most {@link #MAX_AGE}; the credential's own expiry is still checked on every use by the caller.
 *
 * <p>Every change that can make a credential invalid (disable, roles, key revocation) calls
 * {@link #invalidate()} after the store has it. A lookup that read the store before such a change
 * must not put its stale answer back afterwards: entries are only added under the generation they
 * were read in.
 */
final class CredentialCache {
    /** Longest time an entry is trusted without reading the store again. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /** Entries kept at most; the cache starts over when full (sign-ins are far fewer). */
    static final int CAPACITY = 10_000;

    /** A credential found valid at {@code readAt}, with its operator as read then. */
    record Entry(OperatorCredential credential, Operator operator, Instant readAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The entry for a credential hash, unless it is older than {@link #MAX_AGE} at {@code now}. */
    Optional<Entry> find(String hash, Instant now) {
        Entry e = entries.get(hash);
        if (e == null || !now.isBefore(e.readAt().plus(MAX_AGE)) || now.isBefore(e.readAt())) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** The generation to pass to {@link #put}, taken before reading the store. */
    long generation() {
        return generation.get();
    }

    /** Adds an entry read from the store in generation {@code readIn}, unless a change came since. */
    void put(String hash, Entry entry, long readIn) {
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        if (generation.get() == readIn) {
            entries.put(hash, entry);
            if (generation.get() != readIn) {
                entries.remove(hash, entry); // a change raced the put: its invalidation may have missed this entry
            }
        }
    }

    /** Forgets every entry: a credential or operator changed. */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
