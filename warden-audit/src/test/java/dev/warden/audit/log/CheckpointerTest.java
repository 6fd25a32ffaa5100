package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.note.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import dev.warden.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint publication by entries and by time (injected clock), key rotation, and the key file. */
class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void publishesAfterTheIntervalOnlyWhenEntriesAreNew() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
        InMemoryLogStore store = new InMemoryLogStore();
        Checkpointer cp = new Checkpointer(store, store, "t/audit", NoteSigner.generate("t/audit", new SecureRandom()),
                new CheckpointPolicy(1_000, Duration.ofSeconds(1)), clock);
        assertThat(cp.publishIfDue()).hasValueSatisfying(c -> assertThat(c.size()).isZero());
        clock.advance(Duration.ofSeconds(5));
        assertThat(cp.publishIfDue()).as("nothing new").isEmpty();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            log.appendDurably(AuditEvent.of("test.event", clock.instant(), Map.of()));
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(cp.publishIfDue()).as("interval since the last checkpoint passed long ago").isPresent();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            log.appendDurably(AuditEvent.of("test.event", clock.instant(), Map.of()));
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(cp.publishIfDue()).as("999 ms after the last one").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(cp.publishIfDue()).hasValueSatisfying(c -> {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.time()).isEqualTo(clock.instant());
        });
    }

    @Test
    void rotationKeepsOldCheckpointsVerifiable() throws Exception {
        InMemoryLogStore store = new InMemoryLogStore();
        Path keyFile = dir.resolve("keys").resolve("audit-log.key");
        NoteSigner first = LogKeyFile.loadOrCreate(keyFile, "t/audit", new SecureRandom());
        assertThat(LogKeyFile.loadOrCreate(keyFile, "t/audit", new SecureRandom()).verifier()).isEqualTo(first.verifier());
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        Checkpointer cp = new Checkpointer(store, store, "t/audit", first, CheckpointPolicy.DEFAULT, Clock.systemUTC());
        cp.publishKey();
        cp.publishKey();
        StoredCheckpoint old = cp.publish();
        NoteSigner second = LogKeyFile.rotate(keyFile, "t/audit", new SecureRandom());
        StoredCheckpoint fresh = cp.rotate(second);

        assertThat(store.keys()).hasSize(2);
        assertThat(store.keys().getFirst().retiredAt()).isPresent();
        assertThat(store.keys().getLast().retiredAt()).isEmpty();
        assertThat(fresh.keyId()).isEqualTo(second.verifier().keyId()).isNotEqualTo(old.keyId());
        KeyRing published = KeyRing.of(store.keys().stream().map(k -> NoteVerifier.parse(k.verifierKey())).toList());
        assertThat(published.verify(SignedNote.parse(old.note()))).isInstanceOf(NoteVerification.Verified.class);
        assertThat(published.verify(SignedNote.parse(fresh.note()))).isInstanceOf(NoteVerification.Verified.class);
        assertThat(Checkpoint.parse(SignedNote.parse(fresh.note()).text()).size()).isEqualTo(old.size());
        assertThat(NoteSigner.parse(Files.readString(keyFile)).verifier()).isEqualTo(second.verifier());
        assertThat(Set.of(old.note(), fresh.note())).hasSize(2);
    }

    /** Waits (bounded) for a condition a background task makes true. */
    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void start_onAnInjectedExecutor_publishesThere_andCloseCancelsItsTaskButLeavesTheExecutorRunning() throws Exception {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        try {
            InMemoryLogStore store = new InMemoryLogStore();
            Checkpointer cp = new Checkpointer(store, store, "t/audit", NoteSigner.generate("t/audit", new SecureRandom()),
                    new CheckpointPolicy(1, Duration.ofMillis(40)), Clock.systemUTC());
            cp.start(executor);
            try (GroupCommitAuditLog writer = new GroupCommitAuditLog(store)) {
                writer.appendDurably(AuditEvent.of("test.event", Instant.now(), Map.of()));
            }

            await(() -> store.latest().map(StoredCheckpoint::size).orElse(0L) == 1);
            cp.close();

            assertThat(executor.getQueue()).as("cancelled").isEmpty();
            assertThat(executor.isShutdown()).as("the executor is the caller's").isFalse();
            assertThat(executor.submit(() -> "still runs").get()).isEqualTo("still runs");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void start_onItsOwnThread_publishes_andCloseEndsTheThread() throws Exception {
        InMemoryLogStore store = new InMemoryLogStore();
        Checkpointer cp = new Checkpointer(store, store, "t/audit", NoteSigner.generate("t/audit", new SecureRandom()),
                new CheckpointPolicy(1, Duration.ofMillis(40)), Clock.systemUTC());
        cp.start();
        try (GroupCommitAuditLog writer = new GroupCommitAuditLog(store)) {
            writer.appendDurably(AuditEvent.of("test.event", Instant.now(), Map.of()));
        }
        await(() -> store.latest().map(StoredCheckpoint::size).orElse(0L) == 1);

        cp.close();

        // a worker may still be on its way out when the executor reports termination
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("warden-audit-checkpointer")) {
                t.join(5_000);
                assertThat(t.isAlive()).as("the checkpointer thread ends").isFalse();
            }
        }
    }
}
