package dev.warden.simulation.lifecycle;

import dev.warden.server.api.v1.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lifecycle of one run: its events in order, its stints at each level, as markdown and JSON. */
public final class Timeline {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The gate-1 figures a promotion shows, in the order of the table. */
    static final List<String> FIGURES = List.of("time_at_level_days", "operations", "accuracy", "availability",
            "response_time_p95_seconds");

    private final String agent;
    private final LifecycleConfig config;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<LevelStint> stints = new ArrayList<>();

    Timeline(String agent, LifecycleConfig config) {
        this.agent = agent;
        this.config = config;
    }

    void add(TimelineEvent e) {
        events.add(e);
    }

    void stint(LevelStint s) {
        stints.add(s);
    }

    /** The events, oldest first. */
    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** The stays at each level, oldest first. */
    public List<LevelStint> stints() {
        return List.copyOf(stints);
    }

    /** The events of one kind. */
    public List<TimelineEvent> of(TimelineEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).toList();
    }

    private long day(Instant at) {
        return Duration.between(config.start(), at).toDays();
    }

    /** The timeline, the gate figures at each promotion and the stints, as markdown tables. */
    public String markdown() {
        StringBuilder m = new StringBuilder();
        m.append(String.format(Locale.ROOT, "Lifecycle of `%s`, seed %d, %d simulated days from %s%n%n", agent, config.seed(),
                config.days(), config.start().toString().substring(0, 10)));
        m.append("| day | time (UTC) | level | event | details |\n|---:|---|---|---|---|\n");
        for (TimelineEvent e : events) {
            m.append("| ").append(day(e.at())).append(" | ").append(WHEN.format(e.at())).append(" | ").append(e.level())
                    .append(" | ").append(e.kind().wire().replace('_', ' ')).append(" | ").append(cell(e.summary())).append(" |\n");
        }
        m.append("\nGate 1 figures at each promotion (from the promotion answer's readiness):\n\n");
        m.append("| date | to | days at level | operations | accuracy | availability | p95 response (s) |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        for (TimelineEvent e : of(TimelineEvent.Kind.PROMOTED)) {
            m.append("| ").append(WHEN.format(e.at()), 0, 10).append(" | ").append(e.level());
            for (String f : FIGURES) {
                m.append(" | ").append(figure(f, e.detail().get(f)));
            }
            m.append(" |\n");
        }
        m.append("\nTime at each level (counted by the agent and its operators):\n\n");
        m.append("| level | from | to | days | decisions | allowed | held for approval | denied | approved | rejected | failed |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelStint s : stints) {
            m.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %d | %d | %d | %d | %d | %d | %d |%n", s.level(),
                    WHEN.format(s.from()), WHEN.format(s.to()), Duration.between(s.from(), s.to()).toMinutes() / 1440.0,
                    s.decisions(), s.allowed(), s.approvalRequired(), s.denied(), s.approved(), s.rejected(), s.failed()));
        }
        return m.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String figure(String name, Object value) {
        if (!(value instanceof Number n)) {
            return "–";
        }
        return switch (name) {
            case "accuracy", "availability" -> String.format(Locale.ROOT, "%.2f %%", 100 * n.doubleValue());
            case "operations" -> String.format(Locale.ROOT, "%,d", n.longValue());
            default -> String.format(Locale.ROOT, "%.1f", n.doubleValue());
        };
    }

    /** The same as JSON. */
    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent);
        out.put("seed", config.seed());
        out.put("days", config.days());
        out.put("start", config.start().toString());
        List<Object> list = new ArrayList<>();
        for (TimelineEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("day", day(e.at()));
            m.put("level", e.level());
            m.put("event", e.kind().wire());
            m.put("summary", e.summary());
            m.put("detail", e.detail());
            list.add(m);
        }
        out.put("events", list);
        List<Object> st = new ArrayList<>();
        for (LevelStint s : stints) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", s.level());
            m.put("from", s.from().toString());
            m.put("to", s.to().toString());
            m.put("decisions", s.decisions());
            m.put("allowed", s.allowed());
            m.put("approval_required", s.approvalRequired());
            m.put("denied", s.denied());
            m.put("approved", s.approved());
            m.put("rejected", s.rejected());
            m.put("failed", s.failed());
            st.add(m);
        }
        out.put("stints", st);
        return Json.write(out);
    }
}
