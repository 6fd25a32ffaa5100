/**
 * JDBC implementations of Warden's persistence SPIs on SQLite: the agent registry, approvals, the
 * audit log and the replay (nonce) cache.
 *
 * <p>Entry point: {@link dev.warden.store.jdbc.JdbcStores#openSqlite(java.nio.file.Path)}. The schema
 * is created and upgraded by Flyway migrations under {@code db/migration/sqlite}. Every
 * {@link java.sql.SQLException} surfaces as a {@link dev.warden.WardenException} with
 * {@link dev.warden.ErrorCode#STORE_UNAVAILABLE}, so callers fail closed.
 */
package dev.warden.store.jdbc;
