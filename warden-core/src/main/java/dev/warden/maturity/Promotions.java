package dev.warden.maturity;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Promotion requests (ATF maturity model §4.1): an agent moves up one level only when all five
 * gates pass, with sign-offs by anyone but the requester, and every control of the level it moves to
 * is in force. A refusal changes nothing and names every failing check; time at level alone never
 * promotes, because the other checks of gate 1 and gates 2 to 5 stand beside it. Both outcomes are
 * recorded: {@code agent.promoted} (with the gates' figures) or {@code agent.promotion_refused}.
 */
public final class Promotions {
    private static final System.Logger LOG = System.getLogger(Promotions.class.getName());

    private final AgentRegistry agents;
    private final GateEvidence gates;
    private final BiFunction<Agent, MaturityLevel, ControlsReport> controls;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param controls checks a level's controls for an agent ({@link ControlsInForce#check})
     */
    public Promotions(AgentRegistry agents, GateEvidence gates, BiFunction<Agent, MaturityLevel, ControlsReport> controls,
                      AuditLog audit, Clock clock) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.controls = Objects.requireNonNull(controls, "controls");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Requests the promotion of {@code name} to {@code to}.
     *
     * @param requester who asks: their own sign-offs do not count for this promotion
     * @param reason    why, recorded with the outcome
     * @throws WardenException {@code agent_not_found}; {@code missing_field} naming {@code reason};
     *                         {@code invalid_field} naming {@code to} unless it is the level right above
     *                         the agent's; {@code agent_not_active}; {@code level_changed} when the agent's
     *                         level changed while its gates were computed
     */
    public PromotionOutcome request(String name, MaturityLevel to, Actor requester, String reason) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requester, "requester");
        if (reason == null || reason.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "reason: a promotion is documented; say why it is requested");
        }
        Agent agent = agents.require(name);
        MaturityLevel next = agent.level().next().orElseThrow(() -> new WardenException(ErrorCode.INVALID_FIELD,
                "to: '" + name + "' is principal; there is no level above"));
        if (to != next) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "to: a promotion moves one level up, from "
                    + agent.level().wire() + " to " + next.wire() + ", not to " + to.wire());
        }
        if (agent.status() != dev.warden.agent.AgentStatus.ACTIVE) {
            throw new WardenException(ErrorCode.AGENT_NOT_ACTIVE, "agent '" + name + "' is " + agent.status().wire()
                    + "; only an active agent is promoted");
        }
        Readiness readiness = gates.readiness(agent, java.util.Optional.of(requester.name()));
        ControlsReport inForce = controls.apply(agent, to);
        List<PromotionFailure> failures = failures(readiness, inForce);
        if (!failures.isEmpty()) {
            recordRefusal(agent, to, requester, reason, failures);
            return new PromotionOutcome.Refused(agent, readiness, inForce, failures);
        }
        Agent after = agents.promote(name, agent.level(), agent.levelSince(), to, requester, reason, evidence(readiness, inForce));
        return new PromotionOutcome.Promoted(after, readiness, inForce);
    }

    /** Every failing check of the gates, every gate not evaluated, and every control not in force. */
    static List<PromotionFailure> failures(Readiness readiness, ControlsReport inForce) {
        List<PromotionFailure> out = new ArrayList<>();
        for (GateResult g : readiness.gates()) {
            for (GateCheck c : g.checks()) {
                if (!c.passed()) {
                    out.add(new PromotionFailure(g.gate().wire(), c.name(), c.why()));
                }
            }
        }
        for (String pending : readiness.pending()) {
            out.add(new PromotionFailure(pending, "not_evaluated", "this gate is not evaluated, so it cannot pass"));
        }
        for (ControlCheck c : inForce.controls()) {
            if (!c.inForce()) {
                out.add(new PromotionFailure("controls", c.control(), c.why()));
            }
        }
        return out;
    }

    private static Map<String, Object> evidence(Readiness readiness, ControlsReport inForce) {
        Map<String, Object> gatesOut = new LinkedHashMap<>();
        for (GateResult g : readiness.gates()) {
            Map<String, Object> checks = new LinkedHashMap<>();
            for (GateCheck c : g.checks()) {
                checks.put(c.name(), c.observed().isPresent() ? c.observed().getAsDouble() : null);
            }
            gatesOut.put(g.gate().wire(), checks);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", readiness.since().toString());
        out.put("level_basis_before", readiness.basis().wire());
        out.put("gates", gatesOut);
        out.put("controls", inForce.controls().stream().map(ControlCheck::control).toList());
        return out;
    }

    private void recordRefusal(Agent agent, MaturityLevel to, Actor requester, String reason, List<PromotionFailure> failures) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", requester.toString());
        fields.put("reason", reason);
        fields.put("level", agent.level().wire());
        fields.put("target", to.wire());
        fields.put("failures", failures.stream().map(f -> Map.of("gate", f.gate(), "check", f.check(), "why", f.why())).toList());
        try {
            audit.appendDurably(AuditEvent.forAgent("agent.promotion_refused", clock.instant(), agent.name(), fields));
        } catch (RuntimeException e) {
            // the refusal stands either way: nothing changed
            LOG.log(System.Logger.Level.WARNING, "refused promotion of " + agent.name() + " not recorded: " + e.getMessage());
        }
    }
}
