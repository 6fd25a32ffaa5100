package dev.warden.testing;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalId;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * An embedded {@link Warden} over in-memory stores, a {@link MutableClock}, a seeded random source
 * and a {@link RuleTablePolicyEngine}.
 */
public final class WardenFixture implements AutoCloseable {
    public static final Actor OPERATOR = Actor.operator("olivia");

    public final MutableClock clock = new MutableClock();
    public final RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
    public final AuditStore auditStore;
    public final Warden warden;

    public WardenFixture() {
        this(new InMemoryAuditStore());
    }

    public WardenFixture(AuditStore auditStore) {
        this(auditStore, false);
    }

    /** A fixture whose Warden raises its own alerts (off elsewhere: their records would interleave with the ones a test counts). */
    public static WardenFixture withAlerts() {
        return new WardenFixture(new InMemoryAuditStore(), true);
    }

    private WardenFixture(AuditStore auditStore, boolean raiseAlerts) {
        this.auditStore = auditStore;
        this.warden = Warden.builder()
                .raiseAlerts(raiseAlerts)
                .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), auditStore)
                .catalog(Fixtures.catalog())
                .projects(Fixtures.projects())
                .policyEngine(policies)
                .clock(clock)
                .random(new Random(42))
                .build();
    }

    /** Registers an agent at an explicit level and returns a caller holding a current credential. */
    public Caller register(String name, MaturityLevel level) {
        warden.agents().register(Fixtures.registration(name, Optional.of(level), Fixtures.CAPABILITIES), OPERATOR);
        return caller(name, 0);
    }

    public static Caller caller(String name, long epoch) {
        return new Caller(name, "sess-" + name, epoch);
    }

    public Decision decide(Caller caller, String action, Map<String, Object> args) {
        return warden.decisions().decide(DecisionRequest.of(caller, action, args));
    }

    public Decision redeem(Caller caller, String action, Map<String, Object> args, ApprovalId approval) {
        return warden.decisions().decide(new DecisionRequest(caller, action, Optional.empty(), args, Optional.empty(),
                Optional.of(approval)));
    }

    /** The reason codes of a decision, in order. */
    public static List<String> codes(Decision d) {
        return d.reasons().stream().map(dev.warden.decision.Reason::code).toList();
    }

    /** Every stored audit record, in order. */
    public List<AuditRecord> records() {
        List<AuditRecord> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditRecord> page = auditStore.read(new AuditQuery(after, 1000, Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.getLast().seq();
        }
    }

    /** Stored audit records of one kind, in order. */
    public List<AuditRecord> records(String kind) {
        return records().stream().filter(r -> kind.equals(r.kind())).toList();
    }

    @Override
    public void close() {
        warden.close();
    }
}
