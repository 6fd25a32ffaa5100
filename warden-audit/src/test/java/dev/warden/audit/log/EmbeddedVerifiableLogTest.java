package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.ExportVerifier;
import dev.warden.audit.export.StreamSink;
import dev.warden.audit.export.VerifyResult;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.merkle.ProofVerifier;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.note.SignedNote;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An embedded {@link Warden} (no server, in-memory stores) with a {@link VerifiableLog}: its
 * decisions get signed checkpoints, inclusion proofs and an export that verify offline.
 */
class EmbeddedVerifiableLogTest {
    private static final String ORIGIN = "shop.example/audit";
    private static final String READ = "inventory.read";
    private static final String DELETE = "customer.delete";
    private static final Actor OPERATOR = Actor.operator("olivia");

    private final InMemoryLogStore store = new InMemoryLogStore();
    private VerifiableLog log;
    private Warden warden;

    /** Permits reads, nothing else. */
    private static final PolicyEngine READS_ONLY = new PolicyEngine() {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            return query.tool().name().equals(READ) ? new PolicyVerdict.Permit(List.of("p-read"), List.of())
                    : new PolicyVerdict.NoPermit();
        }

        @Override
        public List<String> policyIds() {
            return List.of("p-read");
        }
    };

    private static Warden.Builder embedded() {
        Tool read = new Tool(READ, "read stock", Set.of(EffectClass.READ), RiskTier.LOW,
                JsonSchema.of(Map.of("type", "object")), Optional.empty());
        Tool delete = new Tool(DELETE, "delete a customer", Set.of(EffectClass.DESTRUCTIVE), RiskTier.CRITICAL,
                JsonSchema.of(Map.of("type", "object")), Optional.empty());
        return Warden.builder()
                .catalog(ToolCatalog.of(List.of(read, delete)))
                .projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(READS_ONLY)
                .random(new Random(7));
    }

    @BeforeEach
    void openAndStart() throws Exception {
        log = VerifiableLog.builder(LogStores.of(store), ORIGIN).open();
        warden = embedded().stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), store).build();
        log.start(warden);
    }

    @AfterEach
    void close() {
        log.close();
        warden.close();
    }

    private Decision decide(String action, int i) {
        return warden.decisions().decide(DecisionRequest.of(new Caller("stock-bot", "sess-1", 0), action,
                Map.of("n", (long) i)));
    }

    private void registerAndDecide() {
        byte[] raw = new byte[32];
        raw[0] = 1;
        warden.agents().register(new AgentRegistration("stock-bot", "alice@example.com", "keeps stock", List.of(READ, DELETE),
                "1.0.0", "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.SENIOR),
                List.of(new AgentKey("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(raw)))), OPERATOR);
        for (int i = 0; i < 20; i++) {
            Decision d = decide(i % 3 == 0 ? DELETE : READ, i);
            assertThat(d).isInstanceOf(i % 3 == 0 ? Decision.Deny.class : Decision.Allow.class);
        }
    }

    @Test
    void embeddedWarden_decisions_getASignedCheckpointAndInclusionProofsThatVerifyOffline() {
        registerAndDecide();
        Decision allow = decide(READ, 99);

        StoredCheckpoint cp = log.checkpoint();

        // offline: only the public key, the signed note and the proof
        NoteVerifier publicKey = NoteVerifier.parse(log.keys().getFirst().verifierKey());
        SignedNote note = SignedNote.parse(cp.note());
        assertThat(note.verify(List.of(publicKey))).isInstanceOf(NoteVerification.Verified.class);
        Checkpoint signed = Checkpoint.parse(note.text());
        assertThat(signed.origin()).isEqualTo(ORIGIN);
        assertThat(signed.size()).isEqualTo(warden.auditStore().head().seq());

        AuditRecord record = store.findDecision(allow.id().value()).orElseThrow();
        InclusionProof proof = log.inclusion(record.seq() - 1, signed.size());
        assertThat(ProofVerifier.verifyInclusion(record.seq() - 1, signed.size(), Hash.ofHex(record.leafHash()),
                proof.path(), signed.root()).isValid()).isTrue();
        // the same proof does not prove another entry
        AuditRecord other = store.findDecision(decide(READ, 100).id().value()).orElseThrow();
        assertThat(ProofVerifier.verifyInclusion(record.seq() - 1, signed.size(), Hash.ofHex(other.leafHash()),
                proof.path(), signed.root()).isValid()).isFalse();
    }

    @Test
    void embeddedWarden_export_verifiesOffline_andAnEditedDecisionDoesNot() throws Exception {
        registerAndDecide();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        log.export(0, ExportFormat.JSONL, true, new StreamSink(out));
        byte[] file = out.toByteArray();
        KeyRing keys = KeyRing.of(log.keys().stream().map(k -> NoteVerifier.parse(k.verifierKey())).toList());

        VerifyResult result = new ExportVerifier(keys).verify(new ByteArrayInputStream(file));
        assertThat(result).isInstanceOfSatisfying(VerifyResult.Verified.class, v -> {
            assertThat(v.size()).isEqualTo(warden.auditStore().head().seq());
            assertThat(v.root()).isEqualTo(log.treeHead().root());
        });

        String edited = new String(file, StandardCharsets.UTF_8).replaceFirst("\"decision\":\"deny\"", "\"decision\":\"allow\"");
        assertThat(edited).isNotEqualTo(new String(file, StandardCharsets.UTF_8));
        assertThat(new ExportVerifier(keys).verify(new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(VerifyResult.Failed.class);
    }

    @Test
    void rotateKey_recordedInTheEmbeddedWardensLog_andOldCheckpointsStayVerifiable() throws Exception {
        registerAndDecide();
        StoredCheckpoint before = log.checkpoint();

        StoredCheckpoint after = log.rotateKey(OPERATOR);

        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        assertThat(log.keys()).hasSize(2);
        List<NoteVerifier> published = log.keys().stream().map(k -> NoteVerifier.parse(k.verifierKey())).toList();
        assertThat(SignedNote.parse(before.note()).verify(published)).isInstanceOf(NoteVerification.Verified.class);
        assertThat(store.read(new dev.warden.audit.AuditQuery(0, 1000, Optional.empty(), Optional.empty())))
                .anySatisfy(r -> assertThat(r.kind()).isEqualTo("audit.key_rotated"));
    }

    @Test
    void start_withAWardenWritingToAnotherStore_refused() throws Exception {
        try (Warden elsewhere = embedded().stores(new InMemoryAgentStore(), new InMemoryApprovalStore(),
                new InMemoryAuditStore()).build();
             VerifiableLog second = VerifiableLog.builder(LogStores.of(new InMemoryLogStore()), ORIGIN).open()) {
            assertThatThrownBy(() -> second.start(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another audit store");
        }
    }

    @Test
    void open_storeWithAnEditedEntry_refusedNamingTheIndex() throws Exception {
        registerAndDecide();
        log.checkpoint();
        List<AuditRecord> records = store.read(new dev.warden.audit.AuditQuery(0, 1000, Optional.empty(), Optional.empty()));
        InMemoryLogStore tampered = new InMemoryLogStore();
        tampered.append(records);
        store.page(0, 0, 100).forEach(tampered::add);
        store.keys().forEach(tampered::addKey);
        assertThat(VerifiableLog.builder(LogStores.of(tampered), ORIGIN).open()).isNotNull();

        AuditRecord fifth = records.get(4);
        InMemoryLogStore edited = new InMemoryLogStore();
        List<AuditRecord> copy = new java.util.ArrayList<>(records);
        copy.set(4, new AuditRecord(fifth.seq(), fifth.time(), fifth.kind(), fifth.agent(), fifth.session(),
                fifth.decisionId(), fifth.decision(), fifth.entry().replace("\"n\":", "\"m\":"), fifth.leafHash(),
                fifth.chainHash()));
        edited.append(copy);
        assertThatThrownBy(() -> VerifiableLog.builder(LogStores.of(edited), ORIGIN).open())
                .isInstanceOf(AuditLogCorruptException.class)
                .satisfies(e -> assertThat(((AuditLogCorruptException) e).index()).isEqualTo(4));
    }
}
