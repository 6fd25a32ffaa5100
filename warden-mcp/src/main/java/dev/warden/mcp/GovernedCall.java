package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.approval.ApprovalId;
import dev.warden.decision.Decision;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one path of a governed MCP call: decide it (with the approval hold), forward it only when
 * allowed, record its outcome against the allow, and answer in the caller's form. Tool calls,
 * resource reads, prompts and the requests relayed to the agent all go through {@link #run}, so
 * none of them can forward without a decision or leave an allowed call without its outcome.
 */
final class GovernedCall {
    private final Governor governor;
    private final Outcomes outcomes;

    GovernedCall(Governor governor, Outcomes outcomes) {
        this.governor = governor;
        this.outcomes = outcomes;
    }

    GovernedCall(Warden warden, Governor governor) {
        this(governor, new Outcomes(warden));
    }

    /** How the caller answers a call that was not forwarded (these may throw the caller's error instead). */
    interface Refusals<T> {
        /** The decision point refused the call (deny, or an approval that did not come). */
        T refused(Governor.Verdict.Refused refused);

        /** Warden ended the agent's session while the call was held. */
        T sessionEnded();
    }

    /**
     * What forwarding an allowed call came to: the outcome to record and, once it is recorded, the
     * caller's answer (which may throw the caller's error form).
     */
    sealed interface Forwarded<T> {
        /** Forwarded and answered: recorded completed (failed when {@code toolError}) with the digest of {@code result}. */
        record Completed<T>(Object result, boolean toolError, Supplier<T> answer) implements Forwarded<T> {
        }

        /** Not answered: recorded failed with {@code why}. */
        record Failed<T>(String why, Supplier<T> answer) implements Forwarded<T> {
        }

        static <T> Forwarded<T> completed(Object result, T answer) {
            return new Completed<>(result, false, () -> answer);
        }

        static <T> Forwarded<T> failed(String why, T answer) {
            return new Failed<>(why, () -> answer);
        }

        /** Failed, answered by throwing {@code error}. */
        static <T> Forwarded<T> thrown(String why, RuntimeException error) {
            return new Failed<>(why, () -> {
                throw error;
            });
        }
    }

    /**
     * Decides {@code call}; on an allow runs {@code forward}, records the outcome it reports and
     * gives its answer; otherwise answers through {@code refusals}.
     *
     * @param explicit an approval the caller named for the call
     */
    <T> T run(GatewaySession session, Governor.Call call, Optional<ApprovalId> explicit, Refusals<T> refusals,
              Function<Decision.Allow, Forwarded<T>> forward) {
        Governor.Verdict verdict;
        try {
            verdict = governor.decide(session, call, explicit);
        } catch (Governor.SessionEndedException e) {
            return refusals.sessionEnded();
        }
        return switch (verdict) {
            case Governor.Verdict.Refused r -> refusals.refused(r);
            case Governor.Verdict.Proceed p -> answer(call, p.allow(), forward.apply(p.allow()));
        };
    }

    private <T> T answer(Governor.Call call, Decision.Allow allow, Forwarded<T> forwarded) {
        return switch (forwarded) {
            case Forwarded.Completed<T> c -> {
                outcomes.completed(call.caller(), allow.id(), c.result(), c.toolError());
                yield c.answer().get();
            }
            case Forwarded.Failed<T> f -> {
                outcomes.failed(call.caller(), allow.id(), f.why());
                yield f.answer().get();
            }
        };
    }
}
