package dev.warden.maturity;

import dev.warden.agent.MaturityLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of promotion evidence an operator recorded for an agent: an attestation (its kind is
 * an {@link AttestationKind}), a business-value statement ({@value #BUSINESS_VALUE}) or a sign-off
 * ({@value #SIGN_OFF}). It counts for a promotion only while the agent is still at {@code level}
 * and reached it no later than {@code recordedAt}, and only until it is withdrawn.
 *
 * @param id             {@code evd_} and 32 hex digits
 * @param agent          the agent
 * @param level          the agent's level when it was recorded
 * @param target         the level a promotion would lead to (the next one)
 * @param kind           an attestation kind's wire form, {@code business_value} or {@code sign_off}
 * @param operator       who recorded it (an operator name)
 * @param role           the sign-off role it was recorded in
 * @param fields         what was recorded: for an attestation {@code result}, {@code evidence_ref},
 *                       {@code evidence_digest}, {@code note}; for business value {@code metrics},
 *                       {@code roi}, {@code note}; for a sign-off {@code note}
 * @param recordedAt     when
 * @param withdrawnAt    when it was withdrawn
 * @param withdrawnBy    who withdrew it (an operator name)
 * @param withdrawReason why
 */
public record EvidenceItem(String id, String agent, MaturityLevel level, MaturityLevel target, String kind, String operator,
                           SignOffRole role, Map<String, Object> fields, Instant recordedAt, Optional<Instant> withdrawnAt,
                           Optional<String> withdrawnBy, Optional<String> withdrawReason) {
    /** The kind of a business-value statement. */
    public static final String BUSINESS_VALUE = "business_value";
    /** The kind of a sign-off. */
    public static final String SIGN_OFF = "sign_off";

    /** Validates and copies. */
    public EvidenceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(role, "role");
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        Objects.requireNonNull(withdrawnBy, "withdrawnBy");
        Objects.requireNonNull(withdrawReason, "withdrawReason");
    }

    /** Whether it was withdrawn. */
    public boolean withdrawn() {
        return withdrawnAt.isPresent();
    }

    /** The same item, withdrawn. */
    public EvidenceItem withdraw(String by, Instant at, String reason) {
        return new EvidenceItem(id, agent, level, target, kind, operator, role, fields, recordedAt, Optional.of(at),
                Optional.of(by), Optional.of(reason));
    }

    /** Whether it was recorded at the agent's current level, since it reached it. */
    public boolean atCurrentLevel(dev.warden.agent.Agent a) {
        return level == a.level() && !recordedAt.isBefore(a.levelSince());
    }

    /** The wire form. */
    public Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("agent", agent);
        m.put("level", level.wire());
        m.put("target", target.wire());
        m.put("kind", kind);
        m.put("operator", operator);
        m.put("role", role.wire());
        m.putAll(fields);
        m.put("recorded_at", recordedAt.toString());
        m.put("withdrawn", withdrawn());
        m.put("withdrawn_at", withdrawnAt.map(Instant::toString).orElse(null));
        m.put("withdrawn_by", withdrawnBy.orElse(null));
        m.put("withdraw_reason", withdrawReason.orElse(null));
        return m;
    }
}
