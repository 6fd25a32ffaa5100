package dev.warden.audit;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.testing.WardenFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static WardenFixture f;
    private static List<AuditRecord> run;

    /** A real run: registrations, allows, denies, an approval, a redemption, a kill. */
    @BeforeAll
    static void recordARun() {
        f = new WardenFixture();
        f.policies.permit(READ, "p-read").permitWithApproval(REFUND, "p-refund");
        Caller reader = f.register("reader", MaturityLevel.INTERN);
        Caller payer = f.register("payer", MaturityLevel.PRINCIPAL);
        for (int i = 0; i < 5; i++) {
            f.decide(reader, READ, Map.of("sku", "S-" + i));
        }
        f.decide(reader, REFUND, Map.of("order_id", "o", "amount", 1L));
        Map<String, Object> args = Map.of("order_id", "o-1", "amount", 12L);
        Decision.ApprovalRequired ar = (Decision.ApprovalRequired) f.decide(payer, REFUND, args);
        f.warden.approvals().approve(ar.approvalId(), OPERATOR, Optional.empty());
        f.redeem(payer, REFUND, args, ar.approvalId());
        f.warden.agents().kill("reader", OPERATOR, "done");
        run = List.copyOf(f.records());
    }

    @AfterAll
    static void close() {
        f.close();
    }

    private static ChainVerification verify(List<AuditRecord> records) {
        ChainVerifier v = new ChainVerifier(AuditHead.EMPTY);
        records.forEach(v::accept);
        return v.result();
    }

    private static AuditRecord withEntry(AuditRecord r, String entry) {
        return new AuditRecord(r.seq(), r.time(), r.kind(), r.agent(), r.session(), r.decisionId(), r.decision(),
                entry, r.leafHash(), r.chainHash());
    }

    private static AuditRecord withSeq(AuditRecord r, long seq) {
        return new AuditRecord(seq, r.time(), r.kind(), r.agent(), r.session(), r.decisionId(), r.decision(),
                r.entry(), r.leafHash(), r.chainHash());
    }

    private static AuditRecord withChain(AuditRecord r, String chain) {
        return new AuditRecord(r.seq(), r.time(), r.kind(), r.agent(), r.session(), r.decisionId(), r.decision(),
                r.entry(), r.leafHash(), chain);
    }

    @Test
    void verify_realRun_intact() {
        assertThat(run).hasSize(12);

        ChainVerification result = verify(run);

        assertThat(result).isEqualTo(new ChainVerification.Intact(12, f.auditStore.head()));
        assertThat(f.auditStore.head().seq()).isEqualTo(12);
    }

    @Test
    void verify_fromAMidpointHead_intactOverTheRest() {
        AuditRecord fifth = run.get(4);
        ChainVerifier v = new ChainVerifier(new AuditHead(fifth.seq(), fifth.chainHash()));
        run.subList(5, run.size()).forEach(v::accept);

        assertThat(v.result()).isEqualTo(new ChainVerification.Intact(7, f.auditStore.head()));
    }

    @Test
    void verify_oneByteOfOneEntryEdited_brokenAtThatSeq() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord r = tampered.get(6);
        int at = r.entry().indexOf("S-4");
        assertThat(at).isPositive();
        char[] bytes = r.entry().toCharArray();
        bytes[at + 2] = '5';
        tampered.set(6, withEntry(r, new String(bytes)));

        assertThat(verify(tampered)).isEqualTo(new ChainVerification.Broken(7, "entry does not match its leaf hash"));
    }

    @Test
    void verify_decisionFlippedFromDenyToAllow_broken() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord deny = tampered.get(7);
        assertThat(deny.decision()).isEqualTo("deny");
        tampered.set(7, withEntry(deny, deny.entry().replace("\"decision\":\"deny\"", "\"decision\":\"allow\"")));

        assertThat(verify(tampered)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.seq()).isEqualTo(8));
    }

    @Test
    void verify_recordRemoved_brokenAtTheMissingSeq() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        tampered.remove(4);

        assertThat(verify(tampered)).isEqualTo(new ChainVerification.Broken(5, "expected seq 5 but found 6"));
    }

    @Test
    void verify_lastRecordRemoved_stillIntactButShorter() {
        // a truncated tail cannot be detected from the records alone (checkpoints do that): the head shows it
        ChainVerification result = verify(run.subList(0, run.size() - 1));

        assertThat(result).isInstanceOfSatisfying(ChainVerification.Intact.class,
                i -> assertThat(i.head().seq()).isEqualTo(11));
    }

    @Test
    void verify_twoRecordsSwapped_brokenAtTheFirstSwappedSeq() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord third = tampered.get(2);
        tampered.set(2, tampered.get(3));
        tampered.set(3, third);

        assertThat(verify(tampered)).isEqualTo(new ChainVerification.Broken(3, "expected seq 3 but found 4"));
    }

    @Test
    void verify_twoRecordsSwappedAndRenumbered_brokenByTheChain() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord third = tampered.get(2);
        tampered.set(2, withSeq(tampered.get(3), 3));
        tampered.set(3, withSeq(third, 4));

        assertThat(verify(tampered))
                .isEqualTo(new ChainVerification.Broken(3, "chain hash does not follow from the previous entry"));
    }

    @Test
    void verify_chainHashReplaced_brokenAtThatSeq() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        tampered.set(9, withChain(tampered.get(9), "ab".repeat(32)));

        assertThat(verify(tampered))
                .isEqualTo(new ChainVerification.Broken(10, "chain hash does not follow from the previous entry"));
    }

    @Test
    void verify_entryRelabeledWithRecomputedHashes_brokenBySequenceCheck() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord r = tampered.get(3);
        AuditHead previous = new AuditHead(run.get(2).seq(), run.get(2).chainHash());
        String entry = r.entry().replace("\"seq\":4,", "\"seq\":40,");
        AuditHashing h = new AuditHashing();
        byte[] leaf = h.leaf(entry);
        String chain = AuditHashing.hex(h.chain(previous.chainHash(), leaf));
        tampered.set(3, new AuditRecord(4, r.time(), r.kind(), r.agent(), r.session(), r.decisionId(), r.decision(),
                entry, AuditHashing.hex(leaf), chain));

        assertThat(verify(tampered)).isEqualTo(new ChainVerification.Broken(4, "entry carries another sequence number"));
    }

    /** A record of {@code entry} at {@code seq}, with hashes recomputed after {@code previous}. */
    private static AuditRecord rehashed(AuditRecord r, AuditRecord previous, String entry) {
        AuditHashing h = new AuditHashing();
        byte[] leaf = h.leaf(entry);
        String chain = AuditHashing.hex(h.chain(previous.chainHash(), leaf));
        return new AuditRecord(r.seq(), r.time(), r.kind(), r.agent(), r.session(), r.decisionId(), r.decision(),
                entry, AuditHashing.hex(leaf), chain);
    }

    @Test
    void verify_entryWithAFieldSortingBetweenSchemaAndSeq_intact() {
        // "scope" sorts between "schema" and "seq": a text search for "schema":..,"seq": misses the seq
        dev.warden.store.memory.InMemoryAuditStore store = new dev.warden.store.memory.InMemoryAuditStore();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            log.appendDurably(AuditEvent.of("test.event", java.time.Instant.parse("2026-01-02T03:04:05Z"),
                    Map.of("scope", "shop", "n", 1L)));
            log.appendDurably(AuditEvent.of("test.event", java.time.Instant.parse("2026-01-02T03:04:05Z"),
                    Map.of("scope", "lab")));
        }
        List<AuditRecord> records = store.read(new AuditQuery(0, 10, Optional.empty(), Optional.empty()));
        assertThat(records.getFirst().entry()).contains("\"schema\":\"warden.audit/v1\",\"scope\":\"shop\",\"seq\":1,");

        assertThat(verify(records)).isEqualTo(new ChainVerification.Intact(2, store.head()));
    }

    @Test
    void verify_relabeledEntryHidingTheOldSeqInANestedObject_brokenBySequenceCheck() {
        // the old text search found "schema":"warden.audit/v1","seq":4, inside the nested object and passed
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord r = tampered.get(3);
        String entry = r.entry().replace("\"seq\":4,", "\"seq\":40,")
                .replaceFirst("^\\{", "{\"a\":{\"schema\":\"" + AuditEvent.SCHEMA + "\",\"seq\":4,\"x\":1},");
        assertThat(entry).contains("\"seq\":40,").startsWith("{\"a\":{");
        tampered.set(3, rehashed(r, run.get(2), entry));

        assertThat(verify(tampered)).isEqualTo(new ChainVerification.Broken(4, "entry carries another sequence number"));
    }

    @Test
    void verify_entryWithTheSeqTwiceAtTheTop_broken() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord r = tampered.get(3);
        String entry = r.entry().replace("\"seq\":4,", "\"seq\":4,\"seq\":40,");
        tampered.set(3, rehashed(r, run.get(2), entry));

        assertThat(verify(tampered)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.reason()).contains("duplicate member 'seq'");
        });
    }

    @Test
    void verify_entryThatIsNotJson_broken() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        AuditRecord r = tampered.get(3);
        tampered.set(3, rehashed(r, run.get(2), r.entry() + "x"));

        assertThat(verify(tampered)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.reason()).startsWith("entry is not a JSON object"));
    }

    @Test
    void verify_onceBroken_laterRecordsIgnored() {
        List<AuditRecord> tampered = new ArrayList<>(run);
        tampered.set(1, withChain(tampered.get(1), "00".repeat(32)));
        tampered.remove(5);

        assertThat(verify(tampered)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.seq()).isEqualTo(2));
    }

    @Test
    void hashing_leafAndChain_followRfc9162Prefixes() throws Exception {
        AuditRecord first = run.getFirst();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        byte[] leaf = sha.digest(first.entry().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(new byte[32]);
        byte[] chain = sha.digest(leaf);

        assertThat(first.leafHash()).isEqualTo(AuditHashing.hex(leaf));
        assertThat(first.chainHash()).isEqualTo(AuditHashing.hex(chain));
    }
}
