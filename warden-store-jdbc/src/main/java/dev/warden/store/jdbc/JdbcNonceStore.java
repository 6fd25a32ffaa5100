package dev.warden.store.jdbc;

import dev.warden.agent.NonceStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link NonceStore} on the {@code nonces} table.
 *
 * <p>{@link #remember} is one atomic upsert: it inserts the key, or takes over a stored key that
 * has expired at {@code now}, and reports whether it did; a live key is left alone and the call
 * returns false. Of concurrent calls with the same key exactly one returns true. Expired rows are
 * also deleted in bulk, at most once per {@link #PURGE_INTERVAL} of the callers' clock.
 */
public final class JdbcNonceStore implements NonceStore {
    /** Minimum time between two bulk deletions of expired keys. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private static final String UPSERT = "INSERT INTO nonces (nonce_key, expires_at) VALUES (?, ?) "
            + "ON CONFLICT (nonce_key) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < ?";
    private static final String PURGE = "DELETE FROM nonces WHERE expires_at < ?";

    private final Database db;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    JdbcNonceStore(Database db) {
        this.db = db;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A stored key counts as expired when its {@code expiresAt} is strictly before {@code now}.
     */
    @Override
    public boolean remember(String key, Instant expiresAt, Instant now) {
        Objects.requireNonNull(key, "key");
        String expires = SqlTime.format(Objects.requireNonNull(expiresAt, "expiresAt"));
        String nowText = SqlTime.format(Objects.requireNonNull(now, "now"));
        purgeIfDue(now, nowText);
        return db.call("remember nonce", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setString(1, key);
                ps.setString(2, expires);
                ps.setString(3, nowText);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private void purgeIfDue(Instant now, String nowText) {
        Instant last = lastPurge.get();
        if (now.isBefore(last.plus(PURGE_INTERVAL)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        purgeExpired(nowText);
    }

    /** Deletes every key that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now) {
        return purgeExpired(SqlTime.format(now));
    }

    private int purgeExpired(String nowText) {
        return db.call("purge expired nonces", c -> {
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                ps.setString(1, nowText);
                return ps.executeUpdate();
            }
        });
    }

    /** The number of stored keys (for tests and diagnostics). */
    long size() {
        return db.call("count nonces", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM nonces");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
