package dev.warden.flow;

import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Data labels (guard {@code flow}): hands the policy engine the labels the session carried before
 * the call ({@link DecisionContext#sessionLabels}, Cedar's {@code context.session.labels}), and,
 * when the tool declares {@code produces: [...]} in the catalog, gives the session those labels once
 * the call is allowed ({@link DecisionContext#onSettled}: a denied call, or one waiting for an
 * approval, adds nothing; the allow that redeems the approval does). The labels are in force before
 * the decision is returned, so before the caller can see what the call brings back. Denies nothing.
 */
public final class FlowGuard implements Guard {
    private static final System.Logger LOG = System.getLogger(FlowGuard.class.getName());

    private final SessionLabels labels;

    /** A guard reading and feeding {@code labels}. */
    public FlowGuard(SessionLabels labels) {
        this.labels = Objects.requireNonNull(labels, "labels");
    }

    @Override
    public Verdict check(DecisionContext decision) {
        String session = decision.request().caller().sessionId();
        decision.sessionLabels(labels.labels(session));
        Set<String> produces = decision.tool().produces();
        if (!produces.isEmpty() && session != null) {
            String agent = decision.agent().name();
            String tool = decision.tool().name();
            decision.onSettled(d -> {
                if (d instanceof Decision.Allow) {
                    // as the decision record keeps it: the data guard may have masked a customer in it
                    String resource = decision.recordedResource() != null ? decision.recordedResource() : decision.resource();
                    try {
                        labels.label(agent, session, produces, new LabelSource(Optional.of(d.id().value()), tool, resource,
                                decision.now(), LabelSource.CATALOG));
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "labels of decision " + d.id() + " not recorded: " + e.getMessage());
                    }
                }
            });
        }
        return Verdict.PASS;
    }
}
