package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.log.LogKeySource;
import dev.warden.audit.log.LogStores;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.ProofVerifier;
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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded {@link Warden} over the SQLite stores with a {@link VerifiableLog}: checkpoints and
 * proofs verify, and after a restart the stored log validates, the key file signs on, and the new
 * checkpoint is consistent with the old one.
 */
class SqliteVerifiableLogTest {
    private static final String ORIGIN = "shop.example/audit";
    private static final String READ = "orders.read";

    @TempDir
    Path dir;

    private static final PolicyEngine PERMIT_READS = new PolicyEngine() {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            return new PolicyVerdict.Permit(List.of("p-read"), List.of());
        }

        @Override
        public List<String> policyIds() {
            return List.of("p-read");
        }
    };

    /** The embedded pieces over one database; closed together. */
    private record Embedded(JdbcStores stores, VerifiableLog log, Warden warden) implements AutoCloseable {
        @Override
        public void close() {
            log.close();
            warden.close();
            stores.close();
        }
    }

    private Embedded open() throws Exception {
        JdbcStores stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        VerifiableLog log = VerifiableLog.builder(new LogStores(stores.audit(), stores.checkpoints(), stores.audit()), ORIGIN)
                .key(LogKeySource.file(dir.resolve("audit-log.key"), ORIGIN, new SecureRandom()))
                .open();
        Warden warden = Warden.builder()
                .stores(stores.agents(), stores.approvals(), stores.audit())
                .catalog(ToolCatalog.of(List.of(new Tool(READ, "read an order", Set.of(EffectClass.READ), RiskTier.LOW,
                        JsonSchema.anyObject(), Optional.empty()))))
                .projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(PERMIT_READS)
                .build();
        log.start(warden);
        return new Embedded(stores, log, warden);
    }

    private static Decision read(Warden warden, int i) {
        return warden.decisions().decide(DecisionRequest.of(new Caller("order-bot", "sess-1", 0), READ,
                Map.of("order_id", "o-" + i)));
    }

    @Test
    void embeddedWardenOverSqlite_checkpointsAndProofsVerify_andSurviveARestart() throws Exception {
        StoredCheckpoint first;
        NoteVerifier key;
        try (Embedded e = open()) {
            byte[] raw = new byte[32];
            raw[0] = 3;
            e.warden().agents().register(new AgentRegistration("order-bot", "alice@example.com", "reads orders",
                    List.of(READ), "1.0.0", "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.SENIOR),
                    List.of(new AgentKey("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(raw)))),
                    Actor.operator("olivia"));
            Decision allow = null;
            for (int i = 0; i < 30; i++) {
                allow = read(e.warden(), i);
            }
            assertThat(allow).isInstanceOf(Decision.Allow.class);
            first = e.log().checkpoint();
            key = e.log().verifier();
            AuditRecord r = e.stores().audit().findDecision(allow.id().value()).orElseThrow();
            assertThat(ProofVerifier.verifyInclusion(r.seq() - 1, first.size(), Hash.ofHex(r.leafHash()),
                    e.log().inclusion(r.seq() - 1, first.size()).path(), first.root()).isValid()).isTrue();
        }

        try (Embedded again = open()) {
            assertThat(again.log().verifier()).as("the key file signs on").isEqualTo(key);
            assertThat(SignedNote.parse(first.note()).verify(List.of(key))).isInstanceOf(NoteVerification.Verified.class);
            read(again.warden(), 99);
            StoredCheckpoint second = again.log().checkpoint();

            assertThat(second.size()).isGreaterThan(first.size());
            List<Hash> path = again.log().consistency(first.size(), second.size()).path();
            assertThat(ProofVerifier.verifyConsistency(first.size(), second.size(), first.root(), second.root(), path)
                    .isValid()).isTrue();
        }
    }
}
