package dev.warden.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The shared plumbing of the stores: a connection pool for ordinary reads and writes, a source of
 * dedicated connections (for the audit writer), and the one place where JDBC failures become
 * {@link WardenException}s with {@link ErrorCode#STORE_UNAVAILABLE}.
 *
 * <p>While a thread runs work {@linkplain #joining joining} a transaction, every store call of that
 * thread on this database runs on the transaction's connection instead of the pool, so its writes
 * commit or roll back with that transaction (the audit writer's: see
 * {@link JdbcAuditStore#appendWithChanges}).
 */
final class Database {
    /** Work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(java.sql.ResultSet row) throws SQLException;
    }

    private final HikariDataSource pool;
    private final DataSource dedicated;
    private volatile boolean closed;
    /** The connection of the transaction the current thread's store calls join, if any. */
    private final ThreadLocal<Connection> joined = new ThreadLocal<>();

    Database(HikariDataSource pool, DataSource dedicated) {
        this.pool = pool;
        this.dedicated = dedicated;
    }

    /**
     * Runs work on a pooled connection (auto-commit on).
     *
     * @param what names the operation in the error message, e.g. "find agent"
     */
    <T> T call(String what, SqlWork<T> work) {
        checkOpen(what);
        Connection transaction = joined.get();
        if (transaction != null) {
            try {
                return work.run(transaction);
            } catch (SQLException | RuntimeException e) {
                throw unavailable(what, e);
            }
        }
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException | RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs an update with string parameters: whether it changed exactly one row. */
    boolean updateOne(String what, String sql, String... params) {
        return call(what, c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Runs a query with string parameters: every row, read by {@code reader}. */
    <T> java.util.List<T> query(String what, String sql, RowReader<T> reader, String... params) {
        return call(what, c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    java.util.List<T> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Runs work on this thread with every store call on this database joining the open
     * transaction of {@code transaction} (auto-commit off); the caller commits or rolls back.
     */
    <T> T joining(Connection transaction, java.util.function.Supplier<T> work) {
        Connection outer = joined.get();
        joined.set(transaction);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                joined.remove();
            } else {
                joined.set(outer);
            }
        }
    }

    /** Opens a new connection outside the pool; the caller owns and closes it. */
    Connection openDedicated(String what) {
        checkOpen(what);
        try {
            return dedicated.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw unavailable(what, e);
        }
    }

    void checkOpen(String what) {
        if (closed) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, what + " failed: the store is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the database closed: from now on every operation fails with STORE_UNAVAILABLE. */
    void markClosed() {
        closed = true;
    }

    /** Closes the pool (after {@link #markClosed()}). */
    void closePool() {
        pool.close();
    }

    /**
     * The exception to throw for a failure: a {@link WardenException} passes through unchanged
     * (it already carries its code, e.g. AGENT_NOT_FOUND); anything else is STORE_UNAVAILABLE.
     */
    static WardenException unavailable(String what, Exception e) {
        if (e instanceof WardenException w) {
            return w;
        }
        return new WardenException(ErrorCode.STORE_UNAVAILABLE, what + " failed: " + e.getMessage(), e);
    }
}
