package dev.warden.decision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why a decision came out as it did: the guard that spoke, a stable code, the policy (if any) and a
 * sentence for humans.
 *
 * @param guard    guard name: identity, status, segmentation, catalog, schema, hold, maturity, policy, approval, grant,
 *                 decision, audit (or that of a guard added to the pipeline)
 * @param code     stable snake_case code, e.g. {@code forbid_policy}
 * @param policyId the policy id for policy reasons
 * @param message  explanation for humans (and models), cut to {@value #MAX_MESSAGE_CHARS} characters
 * @param retryAfterMs for a deny that waiting lifts (a rate limit, an open breaker): how long until the
 *                 same call may be allowed, in milliseconds
 */
public record Reason(String guard, String code, Optional<String> policyId, String message, OptionalLong retryAfterMs) {
    /** The longest message a reason keeps; longer ones (a policy engine's error quoting a value, say) are cut. */
    public static final int MAX_MESSAGE_CHARS = 2000;

    /** Cuts an over-long message, so no reason can inflate a response or an audit record. */
    public Reason {
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
        }
        if (retryAfterMs.isPresent() && retryAfterMs.getAsLong() < 0) {
            throw new IllegalArgumentException("retryAfterMs must not be negative");
        }
    }

    /** A reason with no retry hint. */
    public Reason(String guard, String code, Optional<String> policyId, String message) {
        this(guard, code, policyId, message, OptionalLong.empty());
    }

    /** A deny reason that waiting lifts: the same call may be allowed after {@code retryAfterMs}. */
    public static Reason retryable(String guard, String code, String message, long retryAfterMs) {
        return new Reason(guard, code, Optional.empty(), message, OptionalLong.of(retryAfterMs));
    }

    /** A reason without a policy id. */
    public static Reason of(String guard, String code, String message) {
        return new Reason(guard, code, Optional.empty(), message);
    }

    /**
     * The wire form, as audit entries and the HTTP API carry it: {@code guard}, {@code code},
     * {@code policy_id} (only when there is one), {@code message} and {@code retry_after_ms} (only
     * when there is one), in that order.
     */
    public Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>(8);
        m.put("guard", guard);
        m.put("code", code);
        if (policyId.isPresent()) {
            m.put("policy_id", policyId.get());
        }
        m.put("message", message);
        if (retryAfterMs.isPresent()) {
            m.put("retry_after_ms", retryAfterMs.getAsLong());
        }
        return m;
    }

    /** A reason naming a policy. */
    public static Reason policy(String code, String policyId, String message) {
        return new Reason("policy", code, Optional.of(policyId), message);
    }
}
