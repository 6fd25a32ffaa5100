package dev.warden.maturity;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records and withdraws the promotion evidence operators provide for gates 2 (security
 * validation), 3 (business value) and 5 (governance sign-off).
 *
 * <p><b>Who may record.</b> The operator must be an enabled operator account and a member of the
 * item's {@link SignOffRole} ({@link SignOffRoles}): security attestations in {@code security},
 * the {@code documentation} attestation in {@code technical_owner}, business value in
 * {@code business_owner}, a sign-off in the role it names (stakeholder: also business owners).
 * The agent's own owner cannot sign as its technical owner. Otherwise {@code not_in_sign_off_role}
 * or {@code sod_own_agent}.
 *
 * <p><b>Records.</b> Each item is stored with its durable audit record, indexed under the agent:
 * {@code maturity.attested} (the attestation's kind in {@code attestation_kind}: an entry's {@code kind}
 * is the record's), {@code maturity.business_value}, {@code maturity.signed_off}; a
 * withdrawal (by its author or an admin) with {@code maturity.sign_off_withdrawn}.
 */
public final class PromotionEvidence {
    private final EvidenceStore store;
    private final AuditLog audit;
    private final AgentRegistry agents;
    private final OperatorStore operators;
    private final SignOffRoles roles;
    private final IdGenerator ids;
    private final Clock clock;

    /** Creates the service. */
    public PromotionEvidence(EvidenceStore store, AuditLog audit, AgentRegistry agents, OperatorStore operators, SignOffRoles roles,
                             IdGenerator ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The sign-off roles in force. */
    public SignOffRoles roles() {
        return roles;
    }

    /** The store the items are kept in. */
    public EvidenceStore store() {
        return store;
    }

    /**
     * Records an attestation, in the role its kind needs.
     *
     * @throws WardenException {@code agent_not_found}; {@code invalid_field} naming {@code level} for a
     *                         Principal; {@code not_in_sign_off_role}; {@code sod_own_agent}
     */
    public synchronized EvidenceItem attest(String agent, String operator, Attestation a) {
        Map<String, Object> fields = a.fields();
        return record(agent, operator, a.kind().role(), a.kind().wire(), fields, "maturity.attested", extra -> {
            // the entry's own "kind" is the record kind (maturity.attested): the attestation's is attestation_kind
            extra.put("attestation_kind", a.kind().wire());
            extra.putAll(fields);
        });
    }

    /** Records a business-value statement, in the {@code business_owner} role; throws as {@link #attest}. */
    public synchronized EvidenceItem businessValue(String agent, String operator, BusinessValue v) {
        Map<String, Object> fields = v.fields();
        return record(agent, operator, SignOffRole.BUSINESS_OWNER, EvidenceItem.BUSINESS_VALUE, fields, "maturity.business_value",
                extra -> extra.putAll(fields));
    }

    /** Records a sign-off in {@code role}; throws as {@link #attest}. */
    public synchronized EvidenceItem signOff(String agent, String operator, SignOffRole role, Optional<String> note) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("note", note.orElse(null));
        return record(agent, operator, role, EvidenceItem.SIGN_OFF, fields, "maturity.signed_off", extra -> extra.putAll(fields));
    }

    /**
     * Withdraws an item of the agent: it no longer counts for any gate.
     *
     * @param admin whether the operator is an admin (an admin may withdraw anyone's item; others their own)
     * @throws WardenException {@code evidence_not_found}; {@code evidence_withdrawn}; {@code
     *                         forbidden_role} for someone else's item; {@code missing_field} (reason)
     */
    public synchronized EvidenceItem withdraw(String agent, String id, String operator, boolean admin, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "reason: is required");
        }
        EvidenceItem item = store.find(id).filter(i -> i.agent().equals(agent))
                .orElseThrow(() -> new WardenException(ErrorCode.EVIDENCE_NOT_FOUND, "no evidence '" + id + "' of agent " + agent));
        if (item.withdrawn()) {
            throw new WardenException(ErrorCode.EVIDENCE_WITHDRAWN, "evidence " + id + " was withdrawn before");
        }
        if (!admin && !item.operator().equals(operator)) {
            throw new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + operator + " may not withdraw evidence " + id
                    + " (needs its author, " + item.operator() + ", or an admin)");
        }
        Instant now = clock.instant();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("actor", Actor.operator(operator).toString());
        fields.put("reason", reason);
        boolean done = audit.appendDurably(AuditEvent.forAgent("maturity.sign_off_withdrawn", now, agent, fields),
                AuditedChange.of(store, () -> store.withdraw(id, operator, now, reason), () -> store.unwithdraw(id))).isPresent();
        if (!done) {
            throw new WardenException(ErrorCode.EVIDENCE_WITHDRAWN, "evidence " + id + " was withdrawn before");
        }
        return item.withdraw(operator, now, reason);
    }

    /** The agent's items recorded at its current level since it reached it, withdrawn ones included, oldest first. */
    public List<EvidenceItem> atCurrentLevel(Agent agent) {
        return store.listOfAgent(agent.name()).stream().filter(i -> i.atCurrentLevel(agent)).toList();
    }

    private EvidenceItem record(String agentName, String operator, SignOffRole role, String kind, Map<String, Object> fields,
                                String auditKind, java.util.function.Consumer<Map<String, Object>> auditFields) {
        Agent agent = agents.require(agentName);
        MaturityLevel target = agent.level().next().orElseThrow(() -> new WardenException(ErrorCode.INVALID_FIELD,
                "level: " + agent.name() + " is principal; there is no level above to record promotion evidence for"));
        Optional<Operator> account = operators.find(operator);
        if (account.isEmpty() || account.get().disabled()) {
            throw new WardenException(ErrorCode.NOT_IN_SIGN_OFF_ROLE, "operator " + operator
                    + " is not an enabled operator account; only named operators record promotion evidence");
        }
        if (!roles.mayAct(role, operator)) {
            throw new WardenException(ErrorCode.NOT_IN_SIGN_OFF_ROLE, "operator " + operator + " is not in sign-off role "
                    + role.wire() + " (" + roles.who(role) + ")");
        }
        if (role == SignOffRole.TECHNICAL_OWNER && operator.equals(agent.owner())) {
            throw new WardenException(ErrorCode.SOD_OWN_AGENT, "operator " + operator + " owns agent " + agent.name()
                    + " and cannot act as its technical owner");
        }
        Instant now = clock.instant();
        EvidenceItem item = new EvidenceItem(ids.next("evd"), agent.name(), agent.level(), target, kind, operator, role, fields,
                now, Optional.empty(), Optional.empty(), Optional.empty());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", item.id());
        record.put("actor", Actor.operator(operator).toString());
        record.put("role", role.wire());
        record.put("level", agent.level().wire());
        record.put("target", target.wire());
        auditFields.accept(record);
        audit.appendDurably(AuditEvent.forAgent(auditKind, now, agent.name(), record), AuditedChange.of(store, () -> {
            store.insert(item);
            return true;
        }, () -> store.remove(item.id())));
        return item;
    }
}
