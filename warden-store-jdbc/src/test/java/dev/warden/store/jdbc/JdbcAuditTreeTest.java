package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.ExportRequest;
import dev.warden.audit.export.ExportVerifier;
import dev.warden.audit.export.LogExporter;
import dev.warden.audit.export.StreamSink;
import dev.warden.audit.export.VerifyResult;
import dev.warden.audit.log.CheckpointPolicy;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.LogValidation;
import dev.warden.audit.log.LogValidator;
import dev.warden.audit.log.PruneMark;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeReader;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.note.SignedNote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Merkle tree kept by the SQLite audit store: atomic integration, restart, backfill, prune, startup validation. */
class JdbcAuditTreeTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;
    Path file;
    JdbcStores stores;

    @BeforeEach
    void open() {
        file = dir.resolve("warden.db");
        stores = JdbcStores.openSqlite(file);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    /** Appends {@code n} real events through the group-commit writer. */
    static void appendEvents(JdbcStores stores, int n) {
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(stores.audit())) {
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(log.append(AuditEvent.forAgent("decision", CLOCK.instant(), "agent-" + (i % 3),
                        Map.of("action", "tickets.read", "n", (long) i))));
            }
            acks.forEach(CompletableFuture::join);
        }
    }

    List<AuditRecord> all() {
        List<AuditRecord> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditRecord> page = stores.audit().read(new AuditQuery(after, 1000, Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                return out;
            }
            out.addAll(page);
            after = page.getLast().seq();
        }
    }

    static Hash rootOf(List<AuditRecord> records) {
        CompactRange r = CompactRange.empty();
        records.forEach(rec -> r.append(Hash.ofHex(rec.leafHash())));
        return r.root();
    }

    Checkpointer checkpointer(NoteSigner key) {
        Checkpointer c = new Checkpointer(stores.audit(), stores.checkpoints(), "test.local/audit", key,
                CheckpointPolicy.DEFAULT, CLOCK);
        c.publishKey();
        return c;
    }

    LogValidation validate() {
        return new LogValidator(stores.audit(), stores.checkpoints(), stores.audit()).validate();
    }

    @Test
    void treeFollowsEveryDurableBatchAndSurvivesRestart() {
        appendEvents(stores, 3_001);
        List<AuditRecord> records = all();
        assertThat(stores.audit().treeHead().size()).isEqualTo(3_001);
        assertThat(stores.audit().treeHead().root()).isEqualTo(rootOf(records));
        TreeReader reader = new TreeReader(stores.audit());
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            long index = random.nextInt(3_001);
            InclusionProof p = reader.inclusion(index, 3_001);
            assertThat(p.leafHash().hex()).isEqualTo(records.get((int) index).leafHash());
            assertThat(p.verify().isValid()).isTrue();
        }
        assertThat(reader.consistency(1_234, 3_001).verify().isValid()).isTrue();

        stores.close();
        stores = JdbcStores.openSqlite(file);
        assertThat(stores.audit().treeHead().root()).isEqualTo(rootOf(records));
        appendEvents(stores, 10);
        assertThat(stores.audit().treeHead().root()).isEqualTo(rootOf(all()));
        assertThat(validate()).isInstanceOf(LogValidation.Valid.class);
    }

    @Test
    void aFailedBatchLeavesNeitherEntriesNorNodes() {
        appendEvents(stores, 40);
        Hash before = stores.audit().treeHead().root();
        AuditHead head = stores.audit().head();
        List<AuditRecord> batch = Fixtures.records(head.seq(), head.chainHash(), 30, 100);
        // a duplicate seq inside the batch makes the insert fail after some nodes were computed
        List<AuditRecord> broken = new ArrayList<>(batch);
        broken.set(29, batch.get(28));
        assertThatThrownBy(() -> stores.audit().append(broken)).isInstanceOf(WardenException.class);
        assertThat(stores.audit().treeHead().root()).isEqualTo(before);
        assertThat(stores.audit().head()).isEqualTo(head);
        stores.audit().append(batch);
        assertThat(stores.audit().treeHead().size()).isEqualTo(70);
        assertThat(stores.audit().treeHead().root()).isEqualTo(rootOf(all()));
    }

    @Test
    void nodesOfAnOlderDatabaseAreComputedOnOpen() throws Exception {
        appendEvents(stores, 700);
        Hash root = stores.audit().treeHead().root();
        stores.close();
        sql("DELETE FROM merkle_nodes");
        stores = JdbcStores.openSqlite(file);
        assertThat(stores.audit().treeHead().root()).isEqualTo(root);
        assertThat(stores.audit().lastNodeIndex(4)).hasValue(700 / 16 - 1);
        assertThat(validate()).isInstanceOf(LogValidation.Valid.class);
    }

    @Test
    void pruneKeepsProofsForTheRemainingRange() {
        appendEvents(stores, 1_000);
        Checkpointer cp = checkpointer(NoteSigner.generate("test.local/audit", new SecureRandom()));
        cp.publish();
        Hash root = stores.audit().treeHead().root();
        AuditRecord anchor = stores.audit().read(new AuditQuery(602, 1, Optional.empty(), Optional.empty())).getFirst();
        stores.audit().prune(new PruneMark(603, anchor.chainHash(), 1_000, root, CLOCK.instant()));

        assertThat(stores.audit().read(new AuditQuery(0, 1, Optional.empty(), Optional.empty())).getFirst().seq()).isEqualTo(604);
        TreeReader reader = new TreeReader(stores.audit());
        assertThat(reader.root(1_000)).isEqualTo(root);
        for (long i = 603; i < 1_000; i += 7) {
            assertThat(reader.inclusion(i, 1_000).verify().isValid()).isTrue();
        }
        assertThat(reader.consistency(603, 1_000).verify().isValid()).isTrue();
        assertThat(reader.consistency(650, 1_000).verify().isValid()).isTrue();
        // the leaf hashes of the partly pruned block [592, 603) are kept, older ones are gone
        assertThat(reader.inclusion(595, 1_000).verify().isValid()).isTrue();
        assertThatThrownBy(() -> reader.inclusion(591, 1_000)).isInstanceOf(MissingNodeException.class);

        appendEvents(stores, 20);
        assertThat(validate()).isInstanceOfSatisfying(LogValidation.Valid.class, v -> {
            assertThat(v.firstIndex()).isEqualTo(603);
            assertThat(v.size()).isEqualTo(1_020);
        });
        stores.close();
        stores = JdbcStores.openSqlite(file);
        assertThat(validate()).isInstanceOf(LogValidation.Valid.class);
        assertThatThrownBy(() -> stores.audit().prune(new PruneMark(500, "0".repeat(64), 1_000, root, CLOCK.instant())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- tampering with the SQLite file is caught by startup validation, naming the first bad index

    LogValidation.Corrupt tamperAndValidate(String... statements) throws Exception {
        appendEvents(stores, 300);
        Checkpointer cp = checkpointer(NoteSigner.generate("test.local/audit", new SecureRandom()));
        cp.publish();
        stores.close();
        sql(statements);
        stores = JdbcStores.openSqlite(file);
        LogValidation v = validate();
        assertThat(v).isInstanceOf(LogValidation.Corrupt.class);
        return (LogValidation.Corrupt) v;
    }

    @Test
    void editingOneByteOfAnEntryIsCaught() throws Exception {
        LogValidation.Corrupt c = tamperAndValidate(
                "UPDATE audit_entries SET entry = replace(entry, 'tickets.read', 'tickets.reae') WHERE seq = 118");
        assertThat(c.index()).isEqualTo(117);
        assertThat(c.message()).contains("index 117").contains("leaf hash");
    }

    @Test
    void deletingAnEntryIsCaught() throws Exception {
        LogValidation.Corrupt c = tamperAndValidate("DELETE FROM audit_entries WHERE seq = 51");
        assertThat(c.index()).isEqualTo(50);
        assertThat(c.reason()).contains("missing");
    }

    @Test
    void swappingTwoEntriesIsCaught() throws Exception {
        LogValidation.Corrupt c = tamperAndValidate(
                "UPDATE audit_entries SET seq = -1 WHERE seq = 20",
                "UPDATE audit_entries SET seq = 20 WHERE seq = 21",
                "UPDATE audit_entries SET seq = 21 WHERE seq = -1");
        assertThat(c.index()).isEqualTo(19);
        assertThat(c.reason()).contains("seq");
    }

    @Test
    void truncatingTheLogIsCaught() throws Exception {
        LogValidation.Corrupt c = tamperAndValidate("DELETE FROM audit_entries WHERE seq > 250");
        assertThat(c.index()).isEqualTo(250);
        assertThat(c.reason()).contains("removed from the end");
    }

    @Test
    void rewritingEntryAndHashesConsistentlyIsCaughtByTheSignedCheckpoint() throws Exception {
        // an attacker who recomputes leaf and chain hashes and the tree still cannot re-sign the checkpoint
        appendEvents(stores, 64);
        checkpointer(NoteSigner.generate("test.local/audit", new SecureRandom())).publish();
        List<AuditRecord> records = all();
        stores.close();
        AuditRecord victim = records.get(9);
        String forged = victim.entry().replace("tickets.read", "tickets.wipe");
        List<String> updates = new ArrayList<>();
        String chain = records.get(8).chainHash();
        for (AuditRecord r : records.subList(9, records.size())) {
            String entry = r == victim ? forged : r.entry();
            String leaf = Fixtures.leafHash(entry);
            chain = Fixtures.chainHash(chain, leaf);
            updates.add("UPDATE audit_entries SET entry = '" + entry.replace("'", "''") + "', leaf_hash = '" + leaf
                    + "', chain_hash = '" + chain + "' WHERE seq = " + r.seq());
        }
        updates.add("DELETE FROM merkle_nodes");
        sql(updates.toArray(String[]::new));
        stores = JdbcStores.openSqlite(file); // recomputes the (deleted) nodes from the forged leaves
        LogValidation v = validate();
        assertThat(v).isInstanceOfSatisfying(LogValidation.Corrupt.class,
                c -> assertThat(c.reason()).contains("differs from signed checkpoint"));
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsCaught() throws Exception {
        appendEvents(stores, 30);
        checkpointer(NoteSigner.generate("test.local/audit", new SecureRandom())).publish();
        appendEvents(stores, 5);
        // the forger's key is not published, so its checkpoint does not verify
        new Checkpointer(stores.audit(), stores.checkpoints(), "test.local/audit",
                NoteSigner.generate("test.local/audit", new SecureRandom()), CheckpointPolicy.DEFAULT, CLOCK).publish();
        LogValidation v = validate();
        assertThat(v).isInstanceOfSatisfying(LogValidation.Corrupt.class, c -> {
            assertThat(c.index()).isEqualTo(35);
            assertThat(c.reason()).contains("no valid signature by a published log key");
        });
    }

    @Test
    void editingAStoredTreeNodeIsCaught() throws Exception {
        LogValidation.Corrupt c = tamperAndValidate("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 4 AND idx = 3");
        assertThat(c.index()).isEqualTo(48);
        assertThat(c.reason()).contains("level 4 index 3");
    }

    /** Tampers with the SQLite file, then exports what the store holds and verifies the export offline. */
    VerifyResult.Failed tamperExportAndVerify(String... statements) throws Exception {
        appendEvents(stores, 300);
        NoteSigner key = NoteSigner.generate("test.local/audit", new SecureRandom());
        StoredCheckpoint cp = checkpointer(key).publish();
        stores.close();
        sql(statements);
        stores = JdbcStores.openSqlite(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSink sink = new StreamSink(out)) {
            new LogExporter(stores.audit(), stores.checkpoints(), "test.local/audit", "test")
                    .export(new ExportRequest(0, cp.size(), ExportFormat.JSONL, false), sink);
        }
        VerifyResult r = new ExportVerifier(
                KeyRing.of(List.of(key.verifier())))
                .expect(SignedNote.parse(cp.note()))
                .verify(new ByteArrayInputStream(out.toByteArray()));
        assertThat(r).isInstanceOf(VerifyResult.Failed.class);
        return (VerifyResult.Failed) r;
    }

    @Test
    void storeTamperingIsCaughtByOfflineVerificationToo() throws Exception {
        assertThat(tamperExportAndVerify(
                "UPDATE audit_entries SET entry = replace(entry, 'tickets.read', 'tickets.reae') WHERE seq = 118").index())
                .isEqualTo(117);
        reset();
        assertThat(tamperExportAndVerify("DELETE FROM audit_entries WHERE seq = 51"))
                .satisfies(f -> assertThat(f.what()).contains("entry 50 is missing"));
    }

    @Test
    void swappedTruncatedAndForgedStoresFailOfflineVerification() throws Exception {
        assertThat(tamperExportAndVerify("UPDATE audit_entries SET seq = -1 WHERE seq = 20",
                "UPDATE audit_entries SET seq = 20 WHERE seq = 21", "UPDATE audit_entries SET seq = 21 WHERE seq = -1"))
                .satisfies(f -> assertThat(f.index()).isEqualTo(19));
        reset();
        assertThat(tamperExportAndVerify("DELETE FROM audit_entries WHERE seq > 250"))
                .satisfies(f -> assertThat(f.what()).contains("entries were cut off"));
        reset();
        String forged = new Checkpoint("test.local/audit", 300, Hash.ofHex("00".repeat(32)))
                .sign(NoteSigner.generate("test.local/audit", new SecureRandom())).format();
        assertThat(tamperExportAndVerify("UPDATE audit_checkpoints SET note = '" + forged + "'"))
                .satisfies(f -> assertThat(f.what()).contains("not signed by a trusted key"));
    }

    private void reset() throws Exception {
        stores.close();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        stores = JdbcStores.openSqlite(file);
    }

    void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    @Test
    void checkpointsArePublishedByPolicy() {
        Duration interval = Duration.ofSeconds(5);
        Checkpointer cp = new Checkpointer(stores.audit(), stores.checkpoints(), "test.local/audit",
                NoteSigner.generate("test.local/audit", new SecureRandom()), new CheckpointPolicy(100, interval), CLOCK);
        assertThat(cp.publishIfDue()).isPresent(); // the first one, even of the empty tree
        assertThat(cp.publishIfDue()).isEmpty();
        appendEvents(stores, 99);
        assertThat(cp.publishIfDue()).as("99 new entries, interval not passed").isEmpty();
        appendEvents(stores, 1);
        assertThat(cp.publishIfDue()).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(100));
        assertThat(stores.checkpoints().page(0, 0, 10)).extracting(c -> c.size()).containsExactly(0L, 100L);
    }
}
