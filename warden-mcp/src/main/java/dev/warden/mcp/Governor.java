package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.CallFingerprint;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides one gateway call with the decision point and holds it while a human decides.
 *
 * <p>approval_required: the call is held up to the configured wait ({@code approval_wait_seconds})
 * for an operator. Approved in time: the call is decided again, redeeming the approval, and
 * proceeds. Otherwise the agent gets a tool error carrying the approval id. To retry, the agent
 * repeats exactly the same call (same tool and arguments): the gateway remembers which approval
 * belongs to which call and redeems it (or keeps waiting while it is pending) instead of opening a
 * new one. A client that can set request metadata may also name the approval explicitly with
 * {@code _meta: {"warden/approval_id": "apr_..."}}.
 */
final class Governor {
    /** How every refusal says that the call did not happen (callers refusing something else replace it). */
    static final String NOTHING_SENT = "Nothing was sent to the tool";

    private final Warden warden;
    private final Duration approvalWait;
    private final ApprovalMemo memo = new ApprovalMemo();
    private final Clock clock;

    Governor(Warden warden, Duration approvalWait, Clock clock) {
        this.warden = warden;
        this.approvalWait = approvalWait;
        this.clock = clock;
    }

    /** What to do with the call. */
    sealed interface Verdict {
        /** Forward it; record the outcome against {@code allow.id()}. */
        record Proceed(Decision.Allow allow) implements Verdict {
        }

        /**
         * Do not forward; answer with this text (and these {@code _meta} fields).
         */
        record Refused(String text, Map<String, Object> meta) implements Verdict {
        }
    }

    /** The call, as the decision point sees it. */
    record Call(Caller caller, String action, String resource, Map<String, Object> args, Optional<String> rationale) {
        String fingerprint() {
            return CallFingerprint.of(caller.agent(), action, resource, args);
        }

        DecisionRequest request(Optional<ApprovalId> approval) {
            return new DecisionRequest(caller, action, Optional.of(resource), args, rationale, approval);
        }
    }

    /**
     * An MCP session outlives the access tokens its client renews, and each token opens a Warden
     * session of its own: what the MCP session read so far is carried to the new Warden session
     * before its first call is decided, so renewing a token never sheds a data label.
     */
    private void carryLabels(GatewaySession session, Caller caller) {
        if (session == null || caller.sessionId() == null) {
            return;
        }
        String before = session.tokenSession(caller.sessionId());
        if (before != null) {
            warden.sessionLabels().carry(caller.agent(), before, caller.sessionId(), "mcp-session:" + session.id());
        }
    }

    /**
     * Decides the call, holding it for an approval when one is needed.
     *
     * @throws SessionEndedException when Warden ends the session during the hold
     */
    Verdict decide(GatewaySession session, Call call, Optional<ApprovalId> explicit) {
        String agent = call.caller().agent();
        carryLabels(session, call.caller());
        String fp = call.fingerprint();
        Optional<ApprovalId> known = explicit.or(() -> memo.find(agent, fp));
        if (known.isPresent()) {
            Optional<ApprovalState> state = stateOf(known.get(), agent);
            if (state.isPresent() && state.get() == ApprovalState.PENDING) {
                return hold(session, call, known.get(), fp);
            }
            if (state.isPresent() && state.get() == ApprovalState.APPROVED) {
                memo.forget(agent, fp);
                return afterApproval(warden.decisions().decide(call.request(known)));
            }
            memo.forget(agent, fp);
            if (explicit.isPresent()) {
                return afterApproval(warden.decisions().decide(call.request(explicit)));
            }
        }
        Decision d = warden.decisions().decide(call.request(Optional.empty()));
        return switch (d) {
            case Decision.Allow a -> new Verdict.Proceed(a);
            case Decision.Deny deny -> refused(deny);
            case Decision.ApprovalRequired ar -> {
                memo.remember(agent, fp, ar.approvalId());
                yield hold(session, call, ar.approvalId(), fp);
            }
        };
    }

    private Optional<ApprovalState> stateOf(ApprovalId id, String agent) {
        try {
            Approval a = warden.approvals().require(id);
            return a.agent().equals(agent) ? Optional.of(a.stateAt(clock.instant())) : Optional.empty();
        } catch (WardenException e) {
            return Optional.empty();
        }
    }

    private Verdict hold(GatewaySession session, Call call, ApprovalId id, String fp) {
        ApprovalState[] state = {ApprovalState.PENDING};
        session.waiting(ended -> state[0] = warden.approvals().await(id, approvalWait, ended));
        if (session.terminated()) {
            throw new SessionEndedException(session.endReason());
        }
        String agent = call.caller().agent();
        return switch (state[0]) {
            case APPROVED -> {
                memo.forget(agent, fp);
                yield afterApproval(warden.decisions().decide(call.request(Optional.of(id))));
            }
            case PENDING -> pending(id);
            case DENIED -> {
                memo.forget(agent, fp);
                Optional<String> revoked = revocation(id);
                if (revoked.isPresent()) {
                    // the kill switch revoked it: this agent's sessions are being ended at this moment
                    throw new SessionEndedException(revoked.get());
                }
                yield new Verdict.Refused("Denied by Warden: an operator denied this call (approval " + id
                        + "). " + NOTHING_SENT + "; do not retry it.", meta("deny", null, id, List.of()));
            }
            case EXPIRED -> {
                memo.forget(agent, fp);
                String deadline = deadline(id);
                yield new Verdict.Refused("Denied by Warden: approval " + id + " expired: its deadline" + deadline
                        + " passed without an operator's decision. " + NOTHING_SENT
                        + "; repeat the call to ask for a new approval.", meta("deny", null, id,
                        List.of(Reason.of("approval", "approval_expired", "the deadline" + deadline
                                + " of approval " + id + " passed without a decision"))));
            }
            default -> {
                memo.forget(agent, fp);
                yield new Verdict.Refused("Denied by Warden: approval " + id + " is " + state[0].wire()
                        + ". " + NOTHING_SENT + "; repeat the call to ask for a new approval.",
                        meta("deny", null, id, List.of()));
            }
        };
    }

    /** " (<deadline>)" of an approval, or nothing when it cannot be read. */
    private String deadline(ApprovalId id) {
        try {
            return " (" + warden.approvals().require(id).expiresAt() + ")";
        } catch (WardenException e) {
            return "";
        }
    }

    /** Why the system (not an operator) denied an approval, when it did: the kill switch revoked it. */
    private Optional<String> revocation(ApprovalId id) {
        try {
            Approval a = warden.approvals().require(id);
            return a.decidedBy().filter(by -> by.startsWith("system:")).map(by -> a.note().orElse("revoked by " + by));
        } catch (WardenException e) {
            return Optional.empty();
        }
    }

    private Verdict afterApproval(Decision d) {
        return switch (d) {
            case Decision.Allow a -> new Verdict.Proceed(a);
            case Decision.Deny deny -> refused(deny);
            case Decision.ApprovalRequired ar -> pending(ar.approvalId());
        };
    }

    private Verdict pending(ApprovalId id) {
        return new Verdict.Refused("Held by Warden: this call needs a human approval (approval " + id
                + ") and no operator decided within " + approvalWait.toSeconds() + " s. " + NOTHING_SENT + ". "
                + "Ask the user to approve " + id + ", then repeat exactly the same call (same tool and arguments) "
                + "to run it; the approval is used once.", meta("approval_required", null, id, List.of()));
    }

    private static Verdict refused(Decision.Deny deny) {
        StringBuilder text = new StringBuilder("Denied by Warden (decision ").append(deny.id()).append("). Reasons:");
        for (Reason r : deny.reasons()) {
            text.append("\n- ").append(r.code());
            r.policyId().ifPresent(p -> text.append(" (policy ").append(p).append(')'));
            text.append(": ").append(r.message());
        }
        long wait = deny.reasons().stream().filter(r -> r.retryAfterMs().isPresent())
                .mapToLong(r -> r.retryAfterMs().getAsLong()).max().orElse(-1);
        text.append('\n').append(NOTHING_SENT).append('.');
        if (wait >= 0) {
            // the agent reads this text, not the header: say plainly when the same call may pass
            text.append(" The same call may be allowed after ").append((wait + 999) / 1000)
                    .append(" s (retry_after_ms ").append(wait).append("); do not repeat it sooner.");
        }
        return new Verdict.Refused(text.toString(), meta("deny", deny.id().value(), null, deny.reasons()));
    }

    private static Map<String, Object> meta(String decision, String decisionId, ApprovalId approval, List<Reason> reasons) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warden/decision", decision);
        if (decisionId != null) {
            m.put("warden/decision_id", decisionId);
        }
        if (approval != null) {
            m.put("warden/approval_id", approval.value());
        }
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Reason r : reasons) {
            rs.add(r.wire());
        }
        if (!rs.isEmpty()) {
            m.put("warden/reasons", rs);
        }
        return m;
    }

    /** Warden ended the session (kill, quarantine) while the call was held. */
    static final class SessionEndedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionEndedException(String reason) {
            super("session ended by Warden: " + reason);
        }
    }
}
