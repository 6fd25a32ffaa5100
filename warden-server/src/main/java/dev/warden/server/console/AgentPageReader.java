package dev.warden.server.console;

import dev.warden.agent.Agent;
import dev.warden.breaker.BreakerView;
import dev.warden.breaker.Breakers;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.ToolLimits;
import dev.warden.maturity.ControlsInForce;
import dev.warden.maturity.ControlsReport;
import dev.warden.maturity.GateCheck;
import dev.warden.maturity.GateEvidence;
import dev.warden.maturity.Readiness;
import dev.warden.maturity.ShadowEvidence;
import dev.warden.maturity.ShadowReport;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads what an agent's page shows from the services behind the JSON API: the audit store's
 * counts ({@link AgentActivity}), the incident store, the breakers, the limits configuration, the
 * promotion gates, the controls in force and shadow mode's evidence.
 */
public final class AgentPageReader {
    /** Incidents shown at most (newest first). */
    static final int MAX_INCIDENTS = 50;

    private final AgentActivity activity;
    private final IncidentStore incidents;
    private final Breakers breakers;
    private final LimitsConfig limits;
    private final GateEvidence gates;
    private final ControlsInForce controls;
    private final ShadowEvidence shadow;

    /** Reads from these. */
    public AgentPageReader(AgentActivity activity, IncidentStore incidents, Breakers breakers, LimitsConfig limits,
                           GateEvidence gates, ControlsInForce controls, ShadowEvidence shadow) {
        this.activity = activity;
        this.incidents = incidents;
        this.breakers = breakers;
        this.limits = limits == null ? LimitsConfig.NONE : limits;
        this.gates = gates;
        this.controls = controls;
        this.shadow = shadow;
    }

    /** The activity the chart draws. */
    public AgentActivity.Activity activity(String agent) {
        return activity.of(agent);
    }

    /** The page of {@code a} with these actions. */
    public AgentPageView page(Chrome chrome, Agent a, AgentPageView.Actions actions) {
        AgentPageView.Header header = new AgentPageView.Header(a.name(), a.level().wire(), a.levelBasis().wire(),
                a.status().wire(), a.owner(), a.project(), a.environment(), a.purpose());
        List<AgentPageView.IncidentRow> rows = incidents.list(new IncidentQuery(Optional.of(a.name()), Optional.empty(),
                Optional.empty(), MAX_INCIDENTS)).stream().map(AgentPageReader::incident).toList();
        List<AgentPageView.BreakerRow> br = breakers.list(Optional.of(a.name())).stream().map(AgentPageReader::breaker).toList();
        return new AgentPageView(chrome, header, activity.of(a.name()).figures(), rows, limits(a), br, actions);
    }

    /** The promotion readiness and shadow-mode figures of {@code a}: they read its audit trail. */
    public AgentReadinessView readiness(Chrome chrome, Agent a) {
        return new AgentReadinessView(chrome, a.name(), readiness(a), shadow(shadow.report(a)));
    }

    private static AgentPageView.IncidentRow incident(Incident i) {
        return new AgentPageView.IncidentRow(i.id(), i.openedAt().toString(), i.severity().name().toLowerCase(Locale.ROOT),
                i.state().wire());
    }

    private static AgentPageView.BreakerRow breaker(BreakerView b) {
        String tool = b.key().isUpstream() ? "upstream " + b.key().upstream() : b.key().tool();
        return new AgentPageView.BreakerRow(tool, b.state().wire(), b.calls(), b.failedCalls(),
                b.failureRate().map(r -> percent(r)).orElse("no data"));
    }

    /** The agent's limits: its own values over the defaults, in words. */
    private List<Figure> limits(Agent a) {
        AgentLimits l = limits.forAgent(a.name());
        List<Figure> out = new ArrayList<>();
        l.rate().ifPresent(r -> out.add(new Figure("rate", "Calls, all tools", r.describe())));
        l.ratePerTool().ifPresent(r -> out.add(new Figure("rate_per_tool", "Calls to each tool", r.describe())));
        l.ratePerSession().ifPresent(r -> out.add(new Figure("rate_per_session", "Calls in each session", r.describe())));
        l.concurrency().ifPresent(c -> out.add(new Figure("concurrency", "Calls in flight at once", Integer.toString(c))));
        for (Map.Entry<String, ToolLimits> t : new TreeMap<>(l.tools()).entrySet()) {
            t.getValue().rate().ifPresent(r -> out.add(new Figure("tool_rate:" + t.getKey(), "Calls to " + t.getKey(), r.describe())));
            t.getValue().maxImpact().ifPresent(m -> out.add(new Figure("max_impact:" + t.getKey(),
                    "Largest impact of one call to " + t.getKey() + " at " + a.level().wire(), plain(m.forLevel(a.level())))));
        }
        for (Budget b : new TreeMap<>(l.budgets()).values()) {
            String what = switch (b.measure()) {
                case CALLS -> "calls" + b.tool().map(t -> " to " + t).orElse("");
                case IMPACT -> b.tool().orElse("") + " impact";
                case DISTINCT -> "distinct " + b.argument().orElse("") + " values";
            };
            out.add(new Figure("budget:" + b.name(), "Budget " + b.name() + " (" + what + ")",
                    plain(b.max()) + " per " + window(b.window())));
        }
        return out;
    }

    private AgentPageView.ReadinessView readiness(Agent a) {
        Readiness r = gates.readiness(a);
        ControlsReport c = controls.check(a, r.next());
        List<AgentPageView.Gate> gs = r.gates().stream().map(g -> new AgentPageView.Gate(g.gate().wire(), g.passed(),
                g.checks().stream().map(AgentPageReader::check).toList())).toList();
        List<AgentPageView.Control> cs = c.controls().stream().map(x -> new AgentPageView.Control(x.control(),
                x.requiredFrom().wire(), x.inForce(), x.why())).toList();
        return new AgentPageView.ReadinessView(r.next().wire(), r.since().toString(), gs, r.pending(), cs, r.truncated());
    }

    private static AgentPageView.Check check(GateCheck c) {
        String observed = c.observed().isPresent() ? number(c.observed().getAsDouble()) : "no data";
        String rule = switch (c.rule()) {
            case "at_least" -> "at least ";
            case "above" -> "above ";
            case "at_most" -> "at most ";
            default -> "";
        };
        String required = "not_applicable".equals(c.rule()) ? "n/a" : rule + number(c.required());
        return new AgentPageView.Check(c.name(), observed + " " + c.unit(), required, c.passed(), c.why());
    }

    private static List<Figure> shadow(ShadowReport r) {
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("next_level", "Compared with level", r.next().wire()));
        out.add(new Figure("decisions", "Decisions since " + r.since(), Long.toString(r.decisions())));
        out.add(new Figure("would_allow", "Would have been allowed without approval", Long.toString(r.wouldAllow())));
        out.add(new Figure("would_ask", "Would have asked for approval", Long.toString(r.wouldAsk())));
        out.add(new Figure("approved", "Of those allowed: approved by a human", Long.toString(r.approved())));
        out.add(new Figure("rejected", "Of those allowed: rejected by a human", Long.toString(r.rejected())));
        out.add(new Figure("failed", "Of those allowed: failed", Long.toString(r.failed())));
        out.add(new Figure("rolled_back", "Of those allowed: rolled back", Long.toString(r.rolledBack())));
        out.add(new Figure("error_rate", "Error rate at the next level",
                r.errorRateAtNext().isPresent() ? percent(r.errorRateAtNext().getAsDouble()) : "no data"));
        if (r.truncated()) {
            out.add(new Figure("truncated", "Counted", "only up to the read limit"));
        }
        return out;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String window(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s == 86_400 ? "day" : s / 86_400 + " days";
        }
        if (s % 3600 == 0) {
            return s == 3600 ? "hour" : s / 3600 + " hours";
        }
        if (s % 60 == 0) {
            return s == 60 ? "minute" : s / 60 + " minutes";
        }
        return s + " s";
    }
}
