package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoresTest {
    @TempDir
    Path dir;

    private static void assertUnavailable(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    @Test
    void createsParentDirectoriesAndSetsThePragmas() {
        Path file = dir.resolve("a/b/c/warden.db");
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            assertThat(file).exists();
            assertThat(stores.file()).isEqualTo(file.toAbsolutePath());
            assertThat(stores.pragma("journal_mode")).isEqualTo("wal");
            assertThat(stores.pragma("synchronous")).isEqualTo("1"); // NORMAL
            assertThat(stores.pragma("busy_timeout")).isEqualTo("10000");
            assertThat(stores.pragma("foreign_keys")).isEqualTo("1");
        }
    }

    @Test
    void powerLossSafeUsesSynchronousFull() {
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("full.db"), JdbcStores.Durability.POWER_LOSS_SAFE)) {
            assertThat(stores.pragma("synchronous")).isEqualTo("2"); // FULL
            assertThat(stores.pragma("journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void walPastItsLimit_startsOverAfterTheWritersNextBatch_whileAuditWritesGoOn() throws Exception {
        Path file = dir.resolve("wal.db");
        Path wal = dir.resolve("wal.db-wal");
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            stores.walLimitFrames(64);
            stores.checkpointAfter(1, java.time.Duration.ZERO); // every round checkpoints, as under load
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> { // a steady stream of commits, as under load
                while (!stop.get()) {
                    dev.warden.audit.AuditHead head = stores.audit().head();
                    stores.audit().append(Fixtures.records(head.seq(), head.chainHash(), 5, 400));
                    stores.audit().afterBatch(); // as GroupCommitAuditLog's writer does
                }
            });
            List<Long> frames = new java.util.ArrayList<>();
            try {
                for (int round = 0; round < 30; round++) {
                    Thread.sleep(25);
                    frames.add(stores.checkpoint());
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            // passive checkpoints alone never see the WAL fully copied under steady writes: it only grows.
            // A round may fail (-1: SQLITE_BUSY while the writer's own checkpoint runs); the next one catches up.
            List<Long> seen = frames.stream().filter(f -> f >= 0).toList();
            assertThat(seen).as("WAL frames seen by each checkpoint: " + frames).hasSizeGreaterThan(frames.size() / 2)
                    .anySatisfy(f -> assertThat(f).isGreaterThan(64));
            boolean startedOver = false;
            for (int i = 1; i < seen.size(); i++) {
                startedOver |= seen.get(i) < seen.get(i - 1);
            }
            assertThat(startedOver).as("the WAL started over at least once: " + frames).isTrue();
            assertThat(Files.size(wal)).isLessThan(frames.stream().mapToLong(Long::longValue).sum() * 4096);
            assertThat(stores.audit().head().seq()).isGreaterThan(0);
        }
    }

    @Test
    void aRoundCheckpoints_onlyAfterEnoughAuditCommits_orOnceTheLongestWaitHasPassed() {
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("idle.db"))) {
            stores.stopBackgroundCheckpoints();
            stores.checkpointAfter(4, java.time.Duration.ofHours(1));
            assertThat(stores.checkpoint()).as("nothing committed").isEqualTo(JdbcStores.SKIPPED);
            for (int i = 0; i < 3; i++) {
                appendOne(stores);
            }
            assertThat(stores.checkpoint()).as("three commits").isEqualTo(JdbcStores.SKIPPED);
            appendOne(stores);
            assertThat(stores.checkpoint()).as("the fourth commit: the WAL's frames are copied").isPositive();
            assertThat(stores.checkpoint()).as("nothing new since").isEqualTo(JdbcStores.SKIPPED);
            appendOne(stores);
            assertThat(stores.checkpoint()).as("one commit, the longest wait not passed").isEqualTo(JdbcStores.SKIPPED);
            stores.checkpointAfter(4, java.time.Duration.ZERO);
            assertThat(stores.checkpoint()).as("one commit, the longest wait passed").isPositive();
        }
    }

    private static void appendOne(JdbcStores stores) {
        dev.warden.audit.AuditHead head = stores.audit().head();
        stores.audit().append(Fixtures.records(head.seq(), head.chainHash(), 1, 100));
    }

    @Test
    void migrationsRunOnceAndReopenKeepsTheSchema() {
        Path file = dir.resolve("warden.db");
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            stores.agents().insert(Fixtures.agent("keep"));
        }
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            assertThat(stores.agents().list()).extracting(a -> a.name()).containsExactly("keep");
        }
    }

    @Test
    void everyOperationOfAClosedStoreIsStoreUnavailable() {
        JdbcStores stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        stores.audit().append(Fixtures.records(0, Fixtures.ZERO_HASH, 2, 50));
        stores.close();
        stores.close(); // idempotent

        ApprovalId id = new ApprovalId(Fixtures.approvalIdHex(1));
        assertUnavailable(() -> stores.agents().insert(Fixtures.agent("x")));
        assertUnavailable(() -> stores.agents().find("x"));
        assertUnavailable(() -> stores.agents().list());
        assertUnavailable(() -> stores.agents().update(Fixtures.agent("x")));
        assertUnavailable(() -> stores.approvals().insert(Fixtures.approval(1, ApprovalState.PENDING, Fixtures.T0)));
        assertUnavailable(() -> stores.approvals().find(id));
        assertUnavailable(() -> stores.approvals().list(Optional.empty(), 10));
        assertUnavailable(() -> stores.approvals().transition(id, ApprovalState.PENDING, ApprovalState.APPROVED, "bob", Fixtures.T0, null));
        assertUnavailable(() -> stores.audit().head());
        assertUnavailable(() -> stores.audit().append(Fixtures.records(2, Fixtures.ZERO_HASH, 1, 50)));
        assertUnavailable(() -> stores.audit().read(new AuditQuery(0, 10, Optional.empty(), Optional.empty())));
        assertUnavailable(() -> stores.audit().findDecision("dec_1"));
        assertUnavailable(() -> stores.audit().hasOutcome("dec_1"));
        assertUnavailable(() -> stores.nonces().remember("k", Fixtures.T0.plusSeconds(5), Fixtures.T0));
    }

    @Test
    void parentThatIsAFileIsStoreUnavailable() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertUnavailable(() -> JdbcStores.openSqlite(blocker.resolve("warden.db")));
    }

    @Test
    void databasePathThatIsADirectoryIsStoreUnavailable() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("warden.db"));

        assertUnavailable(() -> JdbcStores.openSqlite(directory));
    }

    @Test
    void readOnlyDirectoryIsStoreUnavailable() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: permissions are not enforced");

            assertUnavailable(() -> JdbcStores.openSqlite(ro.resolve("warden.db")));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void corruptDatabaseFileIsStoreUnavailable() throws Exception {
        Path file = dir.resolve("corrupt.db");
        Files.write(file, "this is not a SQLite database, just some text that is long enough".repeat(100).getBytes());

        assertUnavailable(() -> JdbcStores.openSqlite(file));
    }

    @Test
    void databaseDeletedWhileOpenFailsClosedOrKeepsWorking() throws Exception {
        Path sub = dir.resolve("sub");
        Path file = sub.resolve("warden.db");
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            stores.audit().append(Fixtures.records(0, Fixtures.ZERO_HASH, 3, 50));
            for (Path p : List.of(file, sub.resolve("warden.db-wal"), sub.resolve("warden.db-shm"), sub.resolve("warden.db.lock"))) {
                Files.deleteIfExists(p);
            }
            Files.delete(sub);
            // SQLite keeps the unlinked files open, so operations either still work or fail with
            // STORE_UNAVAILABLE; no other exception type may escape
            for (int i = 0; i < 3; i++) {
                try {
                    stores.audit().append(Fixtures.records(3 + i, Fixtures.ZERO_HASH, 1, 50));
                    stores.audit().head();
                    stores.agents().insert(Fixtures.agent("after-delete-" + i));
                } catch (WardenException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                }
            }
        }
    }
}
