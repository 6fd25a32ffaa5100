package dev.warden.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.AgentStore;
import dev.warden.agent.NonceStore;
import dev.warden.catalog.ToolPinStore;
import dev.warden.approval.ApprovalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The JDBC stores of one database, opened together.
 *
 * <p>SQLite setup: WAL journal, {@code busy_timeout=10000}, {@code foreign_keys=ON} and
 * {@code synchronous} chosen by {@link Durability}. Ordinary reads and writes go through a small
 * HikariCP pool; audit appends go through one dedicated connection (see {@link JdbcAuditStore}).
 * The schema is migrated by Flyway on open.
 *
 * <p>One store per database file at a time: while a store is open, its lock file
 * ({@code <file>.lock}, see {@link DatabaseLock}) is locked, and opening the file again, from
 * this process or another, fails with {@link ErrorCode#STORE_IN_USE} naming the directory.
 *
 * <p>Thread-safe. After {@link #close()} every store method throws a {@link WardenException} with
 * {@link ErrorCode#STORE_UNAVAILABLE}.
 */
public final class JdbcStores implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JdbcStores.class.getName());
    /** Size of the connection pool for everything but audit appends. */
    static final int POOL_SIZE = 4;
    /** How long a statement waits for a lock held by another connection. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** How much a committed transaction survives. */
    public enum Durability {
        /**
         * {@code synchronous=NORMAL}: a committed transaction survives a crash or kill of the process;
         * a power loss or OS crash may lose the last transactions (never corrupts the database).
         */
        PROCESS_CRASH_SAFE,
        /** {@code synchronous=FULL}: a committed transaction also survives a power loss (fsync per commit). */
        POWER_LOSS_SAFE
    }

    private final Path dbFile;
    private final Database database;
    /** Copies the WAL back into the database off the audit writer's path (see {@link #checkpoint}). */
    private final java.util.concurrent.ScheduledExecutorService checkpointer;
    private static final long CHECKPOINT_MILLIS = 500;
    /**
     * Audit commits since the last checkpoint that make the next round checkpoint; with fewer, a
     * round waits until {@link #CHECKPOINT_MAX_WAIT} has passed since the last one. A checkpoint that
     * copies the whole WAL syncs the database file, and the commit after it starts the WAL over and
     * syncs the WAL's new header on the audit commit path; checkpointing each round at a few calls a
     * second made every governed call pay for both (see {@link #checkpoint}).
     */
    static final long CHECKPOINT_COMMITS = 256;
    /** The longest committed audit records wait in the WAL for a checkpoint. */
    static final java.time.Duration CHECKPOINT_MAX_WAIT = java.time.Duration.ofSeconds(30);
    /** What {@link #checkpoint} answers for a round it skipped. */
    static final long SKIPPED = -2;
    private volatile long checkpointCommits = CHECKPOINT_COMMITS;
    private volatile long checkpointMaxWaitNanos = CHECKPOINT_MAX_WAIT.toNanos();
    /**
     * Held while a round runs ({@link #checkpoint} is also called from tests); not this store's
     * monitor, which {@link #close} holds while it waits for the checkpointer thread to end.
     */
    private final Object checkpointLock = new Object();
    /** The audit commit count at the last checkpoint, and when it ran (guarded by {@link #checkpointLock}). */
    private long commitsAtCheckpoint;
    private long checkpointedAt = System.nanoTime();
    /** WAL frames (256 MiB) past which the audit writer resets the WAL; rare, as a reset holds the commit lock. */
    static final long WAL_LIMIT_FRAMES = 65_536;
    private volatile long walLimitFrames = WAL_LIMIT_FRAMES;
    /** Syncs the database file before a WAL reset (see {@link #checkpoint}); released after the connections close. */
    private final DatabaseFileSync dataSync;
    /** This store's exclusive hold on the database (see {@link DatabaseLock}); released last. */
    private final DatabaseLock lock;
    private volatile boolean syncBeforeReset = true;
    private final JdbcAgentStore agents;
    private final JdbcApprovalStore approvals;
    private final JdbcAuditStore audit;
    private final JdbcCheckpointStore checkpoints;
    private final JdbcNonceStore nonces;
    private final ToolPinStore toolPins;
    private final JdbcRollbackPlanStore rollbackPlans;
    private final JdbcAlertStore alerts;
    private final JdbcBaselineStore baselines;
    private final JdbcIncidentStore incidents;
    private final JdbcOperatorStore operators;
    private final JdbcGrantStore grants;
    private final JdbcEvidenceStore evidence;
    private final JdbcDemotionStore demotions;

    private JdbcStores(Path dbFile, Database database, DatabaseFileSync dataSync, DatabaseLock lock) {
        this.dbFile = dbFile;
        this.lock = lock;
        this.database = database;
        this.dataSync = dataSync;
        this.agents = new JdbcAgentStore(database);
        this.approvals = new JdbcApprovalStore(database);
        this.audit = new JdbcAuditStore(database);
        this.checkpoints = new JdbcCheckpointStore(database);
        this.nonces = new JdbcNonceStore(database);
        this.toolPins = new JdbcToolPinStore(database);
        this.rollbackPlans = new JdbcRollbackPlanStore(database);
        this.alerts = new JdbcAlertStore(database);
        this.baselines = new JdbcBaselineStore(database, java.time.Clock.systemUTC());
        this.incidents = new JdbcIncidentStore(database);
        this.operators = new JdbcOperatorStore(database);
        this.grants = new JdbcGrantStore(database);
        this.evidence = new JdbcEvidenceStore(database);
        this.demotions = new JdbcDemotionStore(database);
        this.checkpointer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-sqlite-checkpoint").daemon(true).factory());
        checkpointer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_MILLIS, CHECKPOINT_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (creating if needed) a SQLite database with {@link Durability#PROCESS_CRASH_SAFE}.
     *
     * @see #openSqlite(Path, Durability)
     */
    public static JdbcStores openSqlite(Path dbFile) {
        return openSqlite(dbFile, Durability.PROCESS_CRASH_SAFE);
    }

    /**
     * Opens (creating if needed) a SQLite database file: creates the parent directories, opens the
     * connection pool and migrates the schema to the latest version.
     *
     * @param dbFile     the database file; {@code -wal} and {@code -shm} files are kept next to it
     * @param durability how much a committed transaction survives
     * @throws WardenException with {@link ErrorCode#STORE_IN_USE} if another store, in this process
     *                         or another, has the database open; with
     *                         {@link ErrorCode#STORE_UNAVAILABLE} if it cannot be created, opened or
     *                         migrated
     */
    public static JdbcStores openSqlite(Path dbFile, Durability durability) {
        Objects.requireNonNull(dbFile, "dbFile");
        Objects.requireNonNull(durability, "durability");
        Path file = dbFile.toAbsolutePath().normalize();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException | RuntimeException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE,
                    "create the directory of the database " + file + " failed: " + e, e);
        }
        DatabaseLock lock = DatabaseLock.acquire(file); // before any connection: a second writer is refused, not raced
        String url = "jdbc:sqlite:" + file;
        HikariDataSource pool = null;
        try {
            SQLiteDataSource sqlite = new SQLiteDataSource(config(durability));
            sqlite.setUrl(url);
            probe(sqlite, file);

            HikariConfig hikari = new HikariConfig();
            hikari.setPoolName("warden-sqlite-" + file.getFileName());
            hikari.setDataSource(sqlite);
            hikari.setMaximumPoolSize(POOL_SIZE);
            hikari.setMinimumIdle(1);
            hikari.setAutoCommit(true);
            hikari.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
            hikari.setInitializationFailTimeout(1);
            pool = new HikariDataSource(hikari);

            Flyway.configure(JdbcStores.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new JdbcStores(file, new Database(pool, sqlite), DatabaseFileSync.acquire(file), lock);
        } catch (IOException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            lock.release();
            if (e instanceof WardenException w) {
                throw w;
            }
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "open the database " + file + " failed: " + e, e);
        }
    }

    /**
     * Opens one connection and reads the schema, so that a missing, unreadable or corrupt database
     * fails at once with SQLite's own message (the pool would retry before giving up).
     */
    private static void probe(SQLiteDataSource sqlite, Path file) {
        try (Connection c = sqlite.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            rs.next();
        } catch (SQLException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "open the database " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config(Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.POWER_LOSS_SAFE
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalSizeLimit((int) (WAL_LIMIT_FRAMES * 4096)); // the WAL file is cut back to this when it starts over
        config.enforceForeignKeys(true);
        return config;
    }

    /**
     * Runs a passive WAL checkpoint. The audit writer's connection has automatic checkpoints turned
     * off, so the 4-6 ms a checkpoint takes is not paid inside an audit commit that decisions wait on.
     *
     * <p>A passive checkpoint never blocks writers, but under a steady stream of audit commits it
     * never finds the WAL fully copied (new frames arrive while it runs), so SQLite never starts the
     * WAL over and the file grows without bound (1.3 GB in a three-minute benchmark). When the WAL
     * holds more than {@link #walLimitFrames} frames, the audit writer is asked to checkpoint from
     * its own connection between two batches ({@link JdbcAuditStore#requestWalReset}): that one
     * copies the few frames written since this one, the WAL starts over at the next commit, and
     * {@code journal_size_limit} cuts the file back. (A blocking checkpoint from this thread would
     * stall audit commits in SQLite's busy handler for up to 100 ms.)
     *
     * <p>Before it asks for the reset, this thread syncs the database file: the passive checkpoints
     * leave the pages they copied unsynced (SQLite syncs the database file only when a checkpoint
     * copies the whole WAL), so without that the reset's own sync wrote tens of seconds of pages
     * with the commit lock held.
     *
     * <p>A round checkpoints only once {@link #CHECKPOINT_COMMITS} audit batches were committed since
     * the last checkpoint, or some were and {@link #CHECKPOINT_MAX_WAIT} has passed. When calls come
     * a few a second, as an agent makes them, a checkpoint copies the whole WAL: it syncs the
     * database file, and the next audit commit starts the WAL over and syncs its header before the
     * decision is answered. Checkpointing every round put that sync, and the checkpoint's own, beside
     * nearly every such call; under load 256 commits come within a round, so nothing changes there.
     *
     * @return the WAL's size in frames before the reset, -1 if the checkpoint failed, or
     *         {@link #SKIPPED} when the round had too little to copy
     */
    long checkpoint() {
        synchronized (checkpointLock) {
            if (database.isClosed()) {
                return -1;
            }
            long commits = audit.commits();
            long since = commits - commitsAtCheckpoint;
            if (since == 0 || since < checkpointCommits && System.nanoTime() - checkpointedAt < checkpointMaxWaitNanos) {
                return SKIPPED;
            }
            try {
                long frames = database.call("wal checkpoint", c -> {
                    try (Statement st = c.createStatement()) {
                        return passiveCheckpoint(st);
                    }
                });
                if (frames >= 0) {
                    commitsAtCheckpoint = commits;
                    checkpointedAt = System.nanoTime();
                }
                if (frames > walLimitFrames) {
                    if (syncBeforeReset) {
                        syncDatabaseFile();
                    }
                    audit.requestWalReset();
                }
                return frames;
            } catch (RuntimeException e) {
                return -1; // best effort: the next round (or SQLite's own checkpoints on other connections) catches up
            }
        }
    }

    /**
     * Writes the pages the passive checkpoints copied into the database file out to disk, off the
     * audit commit path, so that the fsync inside the writer's reset has little left to write.
     * Only a shortcut: SQLite still syncs the file itself before the WAL starts over.
     */
    private void syncDatabaseFile() {
        try {
            dataSync.sync();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "sync of " + dbFile + " before a WAL reset failed: " + e);
        }
    }

    /** Runs a passive checkpoint and gives the WAL's size in frames (SQLite answers busy, frames, frames copied). */
    static long passiveCheckpoint(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return rs.next() ? rs.getLong(2) : -1;
        }
    }

    /**
     * Whether the checkpointer syncs the database file before asking for a reset (default true;
     * warden-bench's WalResetLoadRun compares both).
     */
    public void syncBeforeReset(boolean on) {
        this.syncBeforeReset = on;
    }

    /**
     * Sets how many audit commits make a round checkpoint, and the longest it waits with fewer
     * (tests and experiments; see {@link #checkpoint}).
     */
    void checkpointAfter(long commits, java.time.Duration maxWait) {
        this.checkpointCommits = commits;
        this.checkpointMaxWaitNanos = maxWait.toNanos();
    }

    /**
     * Stops the checkpoints every {@value #CHECKPOINT_MILLIS} ms and waits for a running one to end
     * ({@link #close}; a test that runs {@link #checkpoint} alone).
     */
    void stopBackgroundCheckpoints() {
        checkpointer.shutdownNow();
        try {
            checkpointer.awaitTermination(BUSY_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets the WAL size (in frames) above which the audit writer resets the WAL (tests use small values). */
    void walLimitFrames(long frames) {
        this.walLimitFrames = frames;
    }

    /** The agent registry. */
    public AgentStore agents() {
        return agents;
    }

    /** The approvals. */
    public ApprovalStore approvals() {
        return approvals;
    }

    /**
     * The audit log: entries with their Merkle tree ({@link dev.warden.audit.log.TreeAuditStore})
     * and pruning ({@link dev.warden.audit.log.RetentionStore}).
     */
    public JdbcAuditStore audit() {
        return audit;
    }

    /** Published audit checkpoints and log keys. */
    public JdbcCheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Pinned MCP tool definitions. */
    public ToolPinStore toolPins() {
        return toolPins;
    }

    /** The rollback plans. */
    public JdbcRollbackPlanStore rollbackPlans() {
        return rollbackPlans;
    }

    /** Incidents with their timelines and responses. */
    public JdbcIncidentStore incidents() {
        return incidents;
    }

    /** Promotion evidence: attestations, business value, sign-offs. */
    public JdbcEvidenceStore evidence() {
        return evidence;
    }

    /** Demotion records with their steps. */
    public JdbcDemotionStore demotions() {
        return demotions;
    }

    /** Grants (pre-approvals). */
    public JdbcGrantStore grants() {
        return grants;
    }

    /** Operators, their tokens and API keys. */
    public JdbcOperatorStore operators() {
        return operators;
    }

    /** Alerts and their delivery outbox. */
    public JdbcAlertStore alerts() {
        return alerts;
    }

    /** Behaviour baselines per agent (snapshots of the behaviour monitor). */
    public JdbcBaselineStore baselines() {
        return baselines;
    }

    /** The replay cache of one-time values. */
    public NonceStore nonces() {
        return nonces;
    }

    /** The value of a pragma as a pooled connection sees it, e.g. {@code journal_mode} (diagnostics). */
    String pragma(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        return database.call("read pragma " + name, c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** The database file. */
    public Path file() {
        return dbFile;
    }

    /** Closes the audit writer connection and the pool. Idempotent. */
    @Override
    public synchronized void close() {
        if (database.isClosed()) {
            return;
        }
        stopBackgroundCheckpoints();
        database.markClosed();
        audit.closeWriter();
        database.closePool();
        dataSync.release(); // after every SQLite connection of this store (see DatabaseFileSync)
        lock.release(); // last: until every connection is closed, another store must not open the file
    }
}
