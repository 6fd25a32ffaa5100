package dev.warden.server.api.v1;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentKey;
import dev.warden.approval.Approval;
import dev.warden.audit.AuditRecord;
import dev.warden.decision.Decision;
import dev.warden.decision.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/** The v1 JSON forms of domain values (domain records carry no JSON annotations). */
public final class WireForms {
    private WireForms() {
    }

    /** An agent. */
    public static Map<String, Object> agent(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().toString());
        m.put("name", a.name());
        m.put("owner", a.owner());
        m.put("purpose", a.purpose());
        m.put("capabilities", a.capabilities());
        m.put("version", a.version());
        m.put("config_digest", a.configDigest());
        m.put("project", a.project());
        m.put("environment", a.environment());
        m.put("level", a.level().wire());
        m.put("level_since", a.levelSince().toString());
        m.put("level_basis", a.levelBasis().wire());
        m.put("level_gated", a.levelBasis().gated());
        m.put("status", a.status().wire());
        m.put("public_keys", a.keys().stream().map(WireForms::key).toList());
        m.put("created_at", a.createdAt().toString());
        return m;
    }

    private static Map<String, Object> key(AgentKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kty", "OKP");
        m.put("crv", "Ed25519");
        m.put("kid", k.keyId());
        m.put("x", k.x());
        return m;
    }

    /** A decision. */
    public static Map<String, Object> decision(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", d.wire());
        m.put("decision_id", d.id().value());
        m.put("reasons", d.reasons().stream().map(Reason::wire).toList());
        switch (d) {
            case Decision.ApprovalRequired a -> {
                m.put("approval_id", a.approvalId().value());
                m.put("approval_expires_at", a.expiresAt().toString());
            }
            case Decision.Allow a -> {
                if (!a.obligations().isEmpty()) {
                    m.put("obligations", a.obligations());
                }
            }
            case Decision.Deny x -> { }
        }
        return m;
    }

    /** An approval, with its effective state. */
    public static Map<String, Object> approval(Approval a, java.time.Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approval_id", a.id().value());
        m.put("state", a.stateAt(now).wire());
        m.put("agent", a.agent());
        m.put("session_id", a.sessionId());
        m.put("decision_id", a.decisionId());
        m.put("action", a.action());
        m.put("resource", a.resource());
        m.put("args", a.args());
        m.put("fingerprint", a.fingerprint());
        m.put("policy_ids", a.policyIds());
        m.put("rationale", a.rationale());
        m.put("created_at", a.createdAt().toString());
        m.put("expires_at", a.expiresAt().toString());
        a.decidedBy().ifPresent(v -> m.put("decided_by", v));
        a.decidedAt().ifPresent(v -> m.put("decided_at", v.toString()));
        a.note().ifPresent(v -> m.put("note", v));
        return m;
    }

    /**
     * An audit record: position, hashes and the canonical entry as stored, byte for byte, so its
     * leaf hash can be recomputed from the response (and no parse of it can fail).
     */
    public static Map<String, Object> auditRecord(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("leaf_hash", r.leafHash());
        m.put("chain_hash", r.chainHash());
        m.put("entry", Json.raw(r.entry()));
        return m;
    }
}
