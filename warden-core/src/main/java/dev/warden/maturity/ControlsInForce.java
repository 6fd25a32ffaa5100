package dev.warden.maturity;

import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.MaturityLevel;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.breaker.BreakerConfig;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.Tool;
import dev.warden.incident.DemotionRules;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.ToolLimits;
import dev.warden.scan.ClassRule;
import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.DataGovernance;
import dev.warden.scan.injection.PromptInjectionDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks which of the controls a maturity level requires ({@link Control#requiredAt}) are in force
 * for one agent, from the rules, limits, breakers, detectors and scanners the Warden instance runs
 * with now (not from configuration text). A control Warden has for every agent says so and why; one
 * that depends on configuration names what is missing, tool by tool where it is about tools.
 */
public final class ControlsInForce {
    private final Warden warden;

    /** Reads the live configuration of {@code warden}. */
    public ControlsInForce(Warden warden) {
        this.warden = warden;
    }

    /** Every control {@code level} requires, checked for {@code agent} as if it held that level. */
    public ControlsReport check(Agent agent, MaturityLevel level) {
        List<Tool> tools = warden.rules().catalog().tools().stream()
                .filter(t -> AgentRegistry.claims(agent, t.name()))
                .sorted(Comparator.comparing(Tool::name)).toList();
        List<ControlCheck> out = new ArrayList<>();
        for (Control c : Control.requiredAt(level)) {
            Verdict v = switch (c) {
                case CREDENTIAL_BINDING -> credentials(agent);
                case BASELINE -> baseline(agent);
                case SCHEMA_VALIDATION -> schemas(tools);
                case INJECTION_DETECTION -> injection(agent, level);
                case RATE_LIMITS -> rates(agent, tools);
                case CIRCUIT_BREAKER -> breakers(tools);
                case CAPABILITY_MANIFEST -> manifest(agent, tools);
                case ANOMALY_DETECTION -> anomalies();
                case EXPLANATIONS -> new Verdict(true, "built in: every decision carries reasons naming the guard "
                        + "and the policy ids, recorded with the agent's stated rationale in the audit trail");
                case OUTPUT_VALIDATION -> outputs(tools);
                case TRANSACTION_LIMITS -> transactions(agent, level, tools);
                case CUMULATIVE_LIMITS -> cumulative(agent, tools);
                case SESSION_REVOCATION -> new Verdict(true, "built in: a kill or the revoke_sessions response "
                        + "revokes every token (epoch), approval and MCP session of the agent at once");
                case AUTOMATIC_DEMOTION -> demotion();
                case LINEAGE -> lineage(tools);
                case ROLLBACK -> rollback(tools);
            };
            out.add(new ControlCheck(c.id(), c.requiredFrom(), v.inForce, v.why));
        }
        return new ControlsReport(agent.name(), level, out);
    }

    private record Verdict(boolean inForce, String why) {
    }

    private static Verdict credentials(Agent agent) {
        if (agent.keys().isEmpty()) {
            return new Verdict(false, "the agent has no registered public key");
        }
        return new Verdict(true, agent.keys().size() + " registered Ed25519 key(s); a token is issued only for a "
                + "signed client assertion and is bound to the agent's token epoch");
    }

    private Verdict baseline(Agent agent) {
        Optional<BehaviorMonitor> monitor = warden.behavior();
        if (monitor.isEmpty()) {
            return new Verdict(false, "behaviour monitoring is off: no baseline is kept");
        }
        Optional<Map<String, Object>> view = monitor.get().baseline(agent.name());
        if (view.isEmpty()) {
            return new Verdict(false, "no baseline yet: the monitor has seen no decision of the agent");
        }
        if (Boolean.TRUE.equals(view.get().get("learning"))) {
            return new Verdict(false, "the baseline is still learning (" + view.get().get("operations")
                    + " operations so far; it counts after " + monitor.get().config().learningPeriod().toDays()
                    + " days or " + monitor.get().config().learningOperations() + " operations)");
        }
        return new Verdict(true, "baseline established from " + view.get().get("operations") + " operations");
    }

    private static Verdict schemas(List<Tool> tools) {
        List<String> open = tools.stream().filter(t -> t.inputSchema().json().equals(Map.of("type", "object")))
                .map(Tool::name).toList();
        if (!open.isEmpty()) {
            return new Verdict(false, "no input_schema (any object accepted) for: " + String.join(", ", open));
        }
        return new Verdict(true, "every tool of the agent has an input schema, checked before any policy");
    }

    private Verdict injection(Agent agent, MaturityLevel level) {
        Optional<DataGovernance> data = warden.data();
        if (data.isEmpty()) {
            return new Verdict(false, "data governance is off: arguments, prompts and outputs are not scanned");
        }
        Set<String> running = new TreeSet<>();
        for (ContentDetector d : data.get().scanner().detectors()) {
            if (d.id().equals(PromptInjectionDetector.ID)) {
                running.add(d.id());
            }
        }
        Map<String, Set<DataClass>> offered = data.get().scanner().optional().offered();
        for (String id : data.get().rulesFor(agent.project(), level.wire()).detectors()) {
            if (offered.getOrDefault(id, Set.of()).contains(DataClass.INJECTION)) {
                running.add(id);
            }
        }
        if (running.isEmpty()) {
            return new Verdict(false, "no injection detector runs for project " + agent.project() + " at " + level.wire());
        }
        ClassRule rule = data.get().rulesFor(agent.project(), level.wire()).rule(DataClass.INJECTION);
        return new Verdict(true, "detectors " + String.join(", ", running) + " scan arguments, prompts and outputs; "
                + "injection is " + (rule == null ? "detect" : rule.action().id()));
    }

    private Verdict rates(Agent agent, List<Tool> tools) {
        Optional<LimitsConfig> config = warden.limits().map(l -> l.config());
        if (config.isEmpty()) {
            return new Verdict(false, "no limits are configured");
        }
        AgentLimits limits = config.get().forAgent(agent.name());
        if (limits.rate().isPresent()) {
            return new Verdict(true, "rate " + limits.rate().get().describe() + " over all the agent's tools");
        }
        if (limits.ratePerTool().isPresent()) {
            return new Verdict(true, "rate_per_tool " + limits.ratePerTool().get().describe() + " on each of its tools");
        }
        if (config.get().projects().containsKey(agent.project())) {
            return new Verdict(true, "project " + agent.project() + " rate " + config.get().projects().get(agent.project()).describe());
        }
        List<String> without = tools.stream()
                .filter(t -> limits.tools().getOrDefault(t.name(), ToolLimits.NONE).rate().isEmpty())
                .map(Tool::name).toList();
        if (!without.isEmpty()) {
            return new Verdict(false, "no rate limit applies to: " + String.join(", ", without));
        }
        return new Verdict(true, "each of its tools has its own rate limit");
    }

    private Verdict breakers(List<Tool> tools) {
        BreakerConfig config = warden.breakers().config();
        List<String> own = tools.stream().map(Tool::name).filter(config.tools()::containsKey).toList();
        return new Verdict(true, "a breaker per agent x tool (built in): "
                + (own.isEmpty() ? "defaults for every tool" : "own settings for " + String.join(", ", own)
                + ", defaults for the rest"));
    }

    private static Verdict manifest(Agent agent, List<Tool> tools) {
        if (agent.capabilities().isEmpty()) {
            return new Verdict(false, "the agent declares no capabilities");
        }
        return new Verdict(true, "declared at registration: " + agent.capabilities().size() + " capabilities ("
                + tools.size() + " catalog tools); a tool outside them is denied");
    }

    private Verdict anomalies() {
        Optional<BehaviorMonitor> monitor = warden.behavior();
        if (monitor.isEmpty()) {
            return new Verdict(false, "behaviour monitoring is off");
        }
        Set<String> on = new TreeSet<>();
        monitor.get().config().detectors().forEach((id, s) -> {
            if (s.enabled()) {
                on.add(id);
            }
        });
        if (on.isEmpty()) {
            return new Verdict(false, "behaviour monitoring is on but every detector is disabled");
        }
        return new Verdict(true, "detectors " + String.join(", ", on));
    }

    private Verdict outputs(List<Tool> tools) {
        Optional<DataGovernance> data = warden.data();
        if (data.isEmpty()) {
            return new Verdict(false, "data governance is off: outputs are not scanned");
        }
        List<String> checked = tools.stream().map(Tool::name).filter(data.get().rules().outputs()::containsKey).toList();
        return new Verdict(true, "outputs are scanned and acted on per data class"
                + (checked.isEmpty() ? "" : "; output checks (schema, size, forbidden classes) for " + String.join(", ", checked)));
    }

    /** The agent's tools with an impact: financial ones and any declaring an impact field. */
    private static List<Tool> withImpact(List<Tool> tools) {
        return tools.stream().filter(t -> t.effects().contains(EffectClass.FINANCIAL) || t.impactField().isPresent()).toList();
    }

    private Verdict transactions(Agent agent, MaturityLevel level, List<Tool> tools) {
        List<Tool> impact = withImpact(tools);
        if (impact.isEmpty()) {
            return new Verdict(true, "the agent has no financial tool and none with an impact field");
        }
        Optional<LimitsConfig> config = warden.limits().map(l -> l.config());
        AgentLimits limits = config.map(c -> c.forAgent(agent.name())).orElse(AgentLimits.NONE);
        List<String> without = new ArrayList<>();
        List<String> with = new ArrayList<>();
        for (Tool t : impact) {
            var max = limits.tools().getOrDefault(t.name(), ToolLimits.NONE).maxImpact();
            if (t.impactField().isEmpty()) {
                without.add(t.name() + " (no impact_field)");
            } else if (max.isEmpty()) {
                without.add(t.name() + " (no max_impact)");
            } else {
                with.add(t.name() + " <= " + max.get().forLevel(level).toPlainString());
            }
        }
        if (!without.isEmpty()) {
            return new Verdict(false, "no transaction limit for: " + String.join(", ", without));
        }
        return new Verdict(true, "max_impact at " + level.wire() + ": " + String.join(", ", with));
    }

    private Verdict cumulative(Agent agent, List<Tool> tools) {
        List<Tool> impact = withImpact(tools);
        if (impact.isEmpty()) {
            return new Verdict(true, "the agent has no financial tool and none with an impact field");
        }
        Optional<LimitsConfig> config = warden.limits().map(l -> l.config());
        Map<String, Budget> budgets = config.map(c -> c.forAgent(agent.name()).budgets()).orElse(Map.of());
        List<String> without = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Tool t : impact) {
            List<String> covering = budgets.values().stream()
                    .filter(b -> b.tool().map(t.name()::equals).orElse(true)
                            && b.effect().map(t.effects()::contains).orElse(true))
                    .map(Budget::name).toList();
            if (covering.isEmpty()) {
                without.add(t.name());
            }
            used.addAll(covering);
        }
        if (!without.isEmpty()) {
            return new Verdict(false, "no budget counts the calls of: " + String.join(", ", without));
        }
        return new Verdict(true, "budgets " + String.join(", ", used) + " cover its financial tools");
    }

    private Verdict demotion() {
        DemotionRules rules = warden.incidents().demotion();
        if (!rules.criticalToIntern() && rules.minorIncidents() == 0) {
            return new Verdict(false, "maturity.demotion rules are off");
        }
        if (warden.behavior().isEmpty()) {
            return new Verdict(false, "demotion rules are on but behaviour monitoring is off: no anomaly opens an incident");
        }
        return new Verdict(true, (rules.criticalToIntern() ? "a critical incident demotes to intern" : "")
                + (rules.criticalToIntern() && rules.minorIncidents() > 0 ? "; " : "")
                + (rules.minorIncidents() > 0 ? rules.minorIncidents() + " minor incidents within "
                + rules.evaluationPeriod().toDays() + " days demote one level" : ""));
    }

    private Verdict lineage(List<Tool> tools) {
        List<String> producing = tools.stream().filter(t -> !t.produces().isEmpty()).map(Tool::name).toList();
        boolean scanning = warden.data().isPresent();
        if (producing.isEmpty() && !scanning) {
            return new Verdict(false, "none of its tools declares produces: and data scanning is off: its sessions get no labels");
        }
        return new Verdict(true, "sessions carry data labels with their sources"
                + (producing.isEmpty() ? "" : " (produces: on " + String.join(", ", producing) + ")")
                + (scanning ? " (and from what the scanners find)" : ""));
    }

    private static Verdict rollback(List<Tool> tools) {
        List<String> without = tools.stream().filter(t -> !t.readOnly() && t.compensateWith().isEmpty())
                .map(Tool::name).toList();
        if (!without.isEmpty()) {
            return new Verdict(false, "no compensate_with for: " + String.join(", ", without));
        }
        return new Verdict(true, "every non-read tool of the agent declares its compensation");
    }
}
