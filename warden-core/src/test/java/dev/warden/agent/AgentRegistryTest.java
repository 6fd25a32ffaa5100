package dev.warden.agent;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.json.JsonReader;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentRegistryTest {
    private final WardenFixture f = new WardenFixture();
    private final AgentRegistry registry = f.warden.agents();

    @AfterEach
    void close() {
        f.close();
    }

    /** A mutable registration, valid unless a test breaks it. */
    private static final class Reg {
        String name = "stocker";
        String owner = "alice@example.com";
        String purpose = "keeps the shop stocked";
        List<String> capabilities = new ArrayList<>(Fixtures.CAPABILITIES);
        String version = "1.2.0";
        String configDigest = "sha256:abc";
        String project = "shop";
        String environment = "prod";
        Optional<MaturityLevel> level = Optional.empty();
        List<AgentKey> keys = new ArrayList<>(List.of(Fixtures.key("k1")));

        AgentRegistration build() {
            return new AgentRegistration(name, owner, purpose, capabilities, version, configDigest, project, environment,
                    level, keys);
        }
    }

    private Agent register(Consumer<Reg> change) {
        Reg r = new Reg();
        change.accept(r);
        return registry.register(r.build(), OPERATOR);
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    private void assertRejected(Consumer<Reg> change, ErrorCode code, String messagePart) {
        assertCode(() -> register(change), code, messagePart);
        assertThat(registry.list()).isEmpty();
        assertThat(f.records("agent.registered")).isEmpty();
    }

    @Test
    void register_valid_defaultsToInternActiveEpochZero() {
        Agent a = register(r -> r.owner = "  alice@example.com  ");

        assertThat(a.id().toString()).isEqualTo("spiffe://warden.local/agent/stocker");
        assertThat(a.id()).isEqualTo(new AgentId("warden.local", "stocker"));
        assertThat(a.level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(a.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(a.tokenEpoch()).isZero();
        assertThat(a.owner()).isEqualTo("alice@example.com");
        assertThat(a.createdAt()).isEqualTo(MutableClock.START);
        assertThat(a.capabilities()).isEqualTo(Fixtures.CAPABILITIES);
        assertThat(registry.require("stocker")).isEqualTo(a);
    }

    @Test
    void register_explicitLevel_recordedAsExplicitInAudit() {
        Agent a = register(r -> r.level = Optional.of(MaturityLevel.SENIOR));

        assertThat(a.level()).isEqualTo(MaturityLevel.SENIOR);
        AuditRecord rec = f.records("agent.registered").getFirst();
        assertThat(JsonReader.parseObject(rec.entry()))
                .containsEntry("level", "senior")
                .containsEntry("level_explicit", true)
                .containsEntry("actor", "operator:olivia");
    }

    @Test
    void register_otherTrustDomain_idUsesIt() {
        InMemoryAuditStore audit = new InMemoryAuditStore();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(audit)) {
            AgentRegistry corp = new AgentRegistry(new InMemoryAgentStore(), log, Fixtures::catalog, Fixtures.projects(),
                    "corp.example", new MutableClock());

            Agent a = corp.register(new Reg().build(), OPERATOR);

            assertThat(a.id().toString()).isEqualTo("spiffe://corp.example/agent/stocker");
            assertThat(corp.trustDomain()).isEqualTo("corp.example");
        }
    }

    @Test
    void register_missingOwner_missingFieldNamingOwner() {
        assertRejected(r -> r.owner = null, ErrorCode.MISSING_FIELD, "owner");
        assertRejected(r -> r.owner = "   ", ErrorCode.MISSING_FIELD, "owner");
    }

    @Test
    void register_missingPurpose_missingFieldNamingPurpose() {
        assertRejected(r -> r.purpose = null, ErrorCode.MISSING_FIELD, "purpose");
        assertRejected(r -> r.purpose = "", ErrorCode.MISSING_FIELD, "purpose");
    }

    @Test
    void register_missingPublicKeys_missingFieldNamingPublicKeys() {
        assertRejected(r -> r.keys = null, ErrorCode.MISSING_FIELD, "public_keys");
        assertRejected(r -> r.keys = List.of(), ErrorCode.MISSING_FIELD, "public_keys");
    }

    @Test
    void register_otherMissingFields_eachNamed() {
        assertRejected(r -> r.version = null, ErrorCode.MISSING_FIELD, "version");
        assertRejected(r -> r.configDigest = " ", ErrorCode.MISSING_FIELD, "config_digest");
        assertRejected(r -> r.project = null, ErrorCode.MISSING_FIELD, "project");
        assertRejected(r -> r.environment = null, ErrorCode.MISSING_FIELD, "environment");
        assertRejected(r -> r.capabilities = List.of(), ErrorCode.MISSING_FIELD, "capabilities");
        assertRejected(r -> r.capabilities = null, ErrorCode.MISSING_FIELD, "capabilities");
    }

    @Test
    void register_unknownProjectOrEnvironment_unknownProject() {
        assertRejected(r -> r.project = "moonbase", ErrorCode.UNKNOWN_PROJECT, "'moonbase'");
        assertRejected(r -> r.environment = "staging", ErrorCode.UNKNOWN_PROJECT, "environment 'staging'");
        assertRejected(r -> {
            r.project = "lab";
            r.environment = "prod";
        }, ErrorCode.UNKNOWN_PROJECT, "project 'lab'");
    }

    @Test
    void register_duplicateName_agentExistsAndOriginalKept() {
        Agent original = register(r -> r.level = Optional.of(MaturityLevel.JUNIOR));

        assertCode(() -> register(r -> r.owner = "mallory"), ErrorCode.AGENT_EXISTS, "'stocker'");

        assertThat(registry.require("stocker")).isEqualTo(original);
        assertThat(f.records("agent.registered")).hasSize(1);
    }

    @Test
    void register_capabilityNotInCatalog_invalidFieldNamingIndex() {
        assertRejected(r -> r.capabilities = List.of("payments.charge"), ErrorCode.INVALID_FIELD, "capabilities[0]");
        assertRejected(r -> r.capabilities = List.of("inventory.read", "billing.*"), ErrorCode.INVALID_FIELD,
                "capabilities[1]");
        assertRejected(r -> r.capabilities = List.of("inventory*"), ErrorCode.INVALID_FIELD, "capabilities[0]");
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertRejected(r -> r.capabilities = withNull, ErrorCode.INVALID_FIELD, "capabilities[0]");
    }

    @Test
    void register_knownPrefixCapability_accepted() {
        Agent a = register(r -> r.capabilities = List.of("inventory.*", "db.drop"));

        assertThat(AgentRegistry.claims(a, "inventory.update")).isTrue();
        assertThat(AgentRegistry.claims(a, "db.drop")).isTrue();
        assertThat(AgentRegistry.claims(a, "admin.reset")).isFalse();
        assertThat(AgentRegistry.claims(a, "inventoryx.read")).isFalse();
    }

    @Test
    void register_invalidName_invalidFieldNamingName() {
        assertRejected(r -> r.name = "Stocker", ErrorCode.INVALID_FIELD, "name");
        assertRejected(r -> r.name = "-stocker", ErrorCode.INVALID_FIELD, "name");
        assertRejected(r -> r.name = "a".repeat(64), ErrorCode.INVALID_FIELD, "name");
        assertRejected(r -> r.name = "a/b", ErrorCode.INVALID_FIELD, "name");
        assertThat(register(r -> r.name = "a".repeat(63)).name()).hasSize(63);
    }

    @Test
    void register_duplicateKeyIds_invalidField() {
        assertRejected(r -> r.keys = List.of(Fixtures.key("k1"), Fixtures.key("k1")), ErrorCode.INVALID_FIELD,
                "public_keys");
    }

    @Test
    void agentKey_invalid_invalidFieldNamingPublicKeys() {
        assertCode(() -> new AgentKey("bad kid", "A".repeat(43)), ErrorCode.INVALID_FIELD, "public_keys[].kid");
        assertCode(() -> new AgentKey("k1", "***"), ErrorCode.INVALID_FIELD, "public_keys[].x");
        assertCode(() -> new AgentKey("k1", "AAAA"), ErrorCode.INVALID_FIELD, "32-byte");
        assertThat(Fixtures.key("k9").rawKey()).hasSize(32);
    }

    @Test
    void setLevel_changesLevelAndIsVisibleImmediately() {
        register(r -> r.level = Optional.of(MaturityLevel.SENIOR));

        Agent after = registry.setLevel("stocker", MaturityLevel.INTERN, OPERATOR, "incident");

        assertThat(after.level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(registry.require("stocker").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(registry.require("stocker").tokenEpoch()).isZero();
    }

    @Test
    void kill_incrementsEpochEveryTimeAndRestoreKeepsIt() {
        register(r -> { });

        assertThat(registry.kill("stocker", OPERATOR, "1").tokenEpoch()).isEqualTo(1);
        assertThat(registry.kill("stocker", OPERATOR, "2").tokenEpoch()).isEqualTo(2);
        Agent restored = registry.restore("stocker", OPERATOR, "ok");

        assertThat(restored.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(restored.tokenEpoch()).isEqualTo(2);
        assertThat(registry.quarantine("stocker", OPERATOR, "q").tokenEpoch()).isEqualTo(2);
    }

    @Test
    void restore_withoutLevel_comesBackOneLevelBelowTheLevelItHad_internStaysIntern() {
        register(r -> {
            r.name = "senior-bot";
            r.level = Optional.of(MaturityLevel.SENIOR);
        });
        register(r -> r.name = "intern-bot");
        registry.kill("senior-bot", OPERATOR, "incident");
        registry.quarantine("intern-bot", OPERATOR, "watch");

        assertThat(registry.restore("senior-bot", OPERATOR, "fixed").level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(registry.restore("intern-bot", OPERATOR, "fine").level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(registry.require("senior-bot").level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(registry.require("senior-bot").status()).isEqualTo(AgentStatus.ACTIVE);
    }

    @Test
    void restore_atAnExplicitLevelAtOrBelowTheLevelItHad_comesBackAtThatLevel() {
        register(r -> {
            r.name = "p1";
            r.level = Optional.of(MaturityLevel.PRINCIPAL);
        });
        register(r -> {
            r.name = "p2";
            r.level = Optional.of(MaturityLevel.PRINCIPAL);
        });
        registry.kill("p1", OPERATOR, "incident");
        registry.quarantine("p2", OPERATOR, "false alarm");

        Agent lower = registry.restore("p1", MaturityLevel.INTERN, OPERATOR, "start over");
        Agent same = registry.restore("p2", MaturityLevel.PRINCIPAL, OPERATOR, "false alarm");

        assertThat(lower.level()).isEqualTo(MaturityLevel.INTERN);
        assertThat(lower.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(lower.tokenEpoch()).as("the kill's revocation stays").isEqualTo(1);
        assertThat(same.level()).isEqualTo(MaturityLevel.PRINCIPAL);
    }

    @Test
    void restore_atALevelAboveTheLevelItHad_isRefused_nothingChangedNothingRecorded() {
        register(r -> {
            r.name = "climber";
            r.level = Optional.of(MaturityLevel.JUNIOR);
        });
        registry.kill("climber", OPERATOR, "incident");
        List<Agent> notified = new ArrayList<>();
        registry.addListener(notified::add);

        assertCode(() -> registry.restore("climber", MaturityLevel.SENIOR, OPERATOR, "promote me"),
                ErrorCode.INVALID_FIELD, "level");

        assertThat(registry.require("climber").status()).isEqualTo(AgentStatus.KILLED);
        assertThat(registry.require("climber").level()).isEqualTo(MaturityLevel.JUNIOR);
        assertThat(f.records("agent.restored")).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void restore_ofAnActiveAgent_isRefused_itsLevelKeptAndNothingRecorded() {
        register(r -> {
            r.name = "steady";
            r.level = Optional.of(MaturityLevel.SENIOR);
        });

        assertCode(() -> registry.restore("steady", OPERATOR, "oops"), ErrorCode.AGENT_ACTIVE, "steady");

        assertThat(registry.require("steady").level()).isEqualTo(MaturityLevel.SENIOR);
        assertThat(f.records("agent.restored")).isEmpty();
    }

    @Test
    void restore_recordCarriesTheLevelBeforeAndTheLevelItCameBackAt() {
        register(r -> r.level = Optional.of(MaturityLevel.SENIOR));
        registry.kill("stocker", OPERATOR, "incident");

        registry.restore("stocker", OPERATOR, "fixed");

        List<AuditRecord> restored = f.records("agent.restored");
        assertThat(restored).hasSize(1);
        assertThat(restored.getFirst().agent()).isEqualTo("stocker");
        assertThat(JsonReader.parseObject(restored.getFirst().entry()))
                .containsEntry("reason", "fixed")
                .containsEntry("level_before", "senior")
                .containsEntry("level", "junior")
                .containsEntry("status_before", "killed")
                .containsEntry("status", "active")
                .containsEntry("token_epoch", 1L);
        assertThat(f.records("agent.level_changed")).as("one change, one record").isEmpty();
    }

    @Test
    void killScope_killsEachAgentInScopeOnceWithItsOwnRecord() {
        register(r -> r.name = "a1");
        register(r -> r.name = "a2");
        register(r -> {
            r.name = "b1";
            r.owner = "bob@example.com";
        });
        registry.kill("a2", OPERATOR, "earlier");
        List<String> notified = new ArrayList<>();
        registry.addListener(a -> notified.add(a.name()));

        KillReport report = registry.kill(new KillScope.Owner("alice@example.com"), OPERATOR, "incident");

        assertThat(report).isEqualTo(new KillReport(List.of("a1"), List.of("a2")));
        assertThat(notified).containsExactly("a1");
        assertThat(registry.require("a1").status()).isEqualTo(AgentStatus.KILLED);
        assertThat(registry.require("a2").tokenEpoch()).as("not killed twice").isEqualTo(1);
        assertThat(registry.require("b1").status()).isEqualTo(AgentStatus.ACTIVE);
        AuditRecord killed = f.records("agent.killed").getLast();
        assertThat(killed.agent()).isEqualTo("a1");
        assertThat(JsonReader.parseObject(killed.entry()))
                .containsEntry("reason", "incident")
                .containsEntry("actor", "operator:olivia")
                .containsEntry("scope", java.util.Map.of("owner", "alice@example.com"));
        assertThat(JsonReader.parseObject(f.records("agent.kill_scoped").getFirst().entry()))
                .containsEntry("killed", List.of("a1"))
                .containsEntry("already_killed", List.of("a2"));

        assertThat(registry.kill(new KillScope.All(), OPERATOR, "all").killed()).containsExactly("b1");
        assertCode(() -> registry.kill(new KillScope.OneAgent("nobody"), OPERATOR, "x"), ErrorCode.AGENT_NOT_FOUND, "'nobody'");
    }

    @Test
    void changes_unknownAgent_agentNotFound() {
        assertCode(() -> registry.setLevel("nobody", MaturityLevel.JUNIOR, OPERATOR, "x"), ErrorCode.AGENT_NOT_FOUND,
                "'nobody'");
        assertCode(() -> registry.kill("nobody", OPERATOR, "x"), ErrorCode.AGENT_NOT_FOUND, "'nobody'");
        assertCode(() -> registry.quarantine("nobody", OPERATOR, "x"), ErrorCode.AGENT_NOT_FOUND, "'nobody'");
        assertCode(() -> registry.restore("nobody", OPERATOR, "x"), ErrorCode.AGENT_NOT_FOUND, "'nobody'");
        assertThat(registry.find("nobody")).isEmpty();
    }

    @Test
    void newRegistry_overTheSameStore_seesRegisteredAndChangedAgents() {
        InMemoryAgentStore store = new InMemoryAgentStore();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(new InMemoryAuditStore())) {
            AgentRegistry first = new AgentRegistry(store, log, Fixtures::catalog, Fixtures.projects(), "warden.local",
                    new MutableClock());
            first.register(new Reg().build(), OPERATOR);
            first.kill("stocker", OPERATOR, "x");

            AgentRegistry second = new AgentRegistry(store, log, Fixtures::catalog, Fixtures.projects(),
                    "warden.local", new MutableClock());

            assertThat(second.require("stocker").status()).isEqualTo(AgentStatus.KILLED);
            assertThat(second.require("stocker").tokenEpoch()).isEqualTo(1);
        }
    }

    @Test
    void list_sortedByName() {
        register(r -> r.name = "zeta");
        register(r -> r.name = "alpha");
        register(r -> r.name = "mid");

        assertThat(registry.list()).extracting(Agent::name).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void maturityLevel_parse_caseInsensitiveAndRejectsUnknown() {
        assertThat(MaturityLevel.parse(" Senior ")).isEqualTo(MaturityLevel.SENIOR);
        assertThat(MaturityLevel.parse("principal")).isEqualTo(MaturityLevel.PRINCIPAL);
        assertCode(() -> MaturityLevel.parse("chief"), ErrorCode.INVALID_FIELD, "level");
        assertCode(() -> MaturityLevel.parse(null), ErrorCode.INVALID_FIELD, "level");
    }
}
