package dev.warden.server.console;

import dev.warden.agent.Agent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agents page's filter, from its query parameters: {@code name} (part of the name, any case),
 * {@code owner} and {@code project} (exact), {@code level} and {@code status} (wire names, exact).
 * An empty or missing parameter does not filter. Each value is cut to {@value #MAX_CHARS} characters.
 *
 * @param name    part of the agent's name, or empty
 * @param owner   the owner, or empty
 * @param project the project, or empty
 * @param level   the level's wire name, or empty
 * @param status  the status's wire name, or empty
 */
public record AgentsFilter(String name, String owner, String project, String level, String status) {
    /** The longest value kept of a parameter. */
    static final int MAX_CHARS = 200;
    /** No filter. */
    public static final AgentsFilter NONE = new AgentsFilter("", "", "", "", "");

    /** Trims and cuts the values; null is empty. */
    public AgentsFilter {
        name = clean(name);
        owner = clean(owner);
        project = clean(project);
        level = clean(level);
        status = clean(status);
    }

    /** The filter of a request, reading each parameter with {@code param} (null when absent). */
    public static AgentsFilter of(Function<String, String> param) {
        return new AgentsFilter(param.apply("name"), param.apply("owner"), param.apply("project"), param.apply("level"),
                param.apply("status"));
    }

    private static String clean(String v) {
        if (v == null) {
            return "";
        }
        String t = v.strip();
        return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
    }

    /** Whether {@code a} passes. */
    public boolean matches(Agent a) {
        return (name.isEmpty() || a.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                && (owner.isEmpty() || owner.equals(a.owner()))
                && (project.isEmpty() || project.equals(a.project()))
                && (level.isEmpty() || level.equals(a.level().wire()))
                && (status.isEmpty() || status.equals(a.status().wire()));
    }

    /** Whether any value filters. */
    public boolean isActive() {
        return !(name.isEmpty() && owner.isEmpty() && project.isEmpty() && level.isEmpty() && status.isEmpty());
    }

    /** The query string (without {@code ?}) of this filter and {@code page}; page 1 is left out. */
    public String query(int page) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("owner", owner);
        m.put("project", project);
        m.put("level", level);
        m.put("status", status);
        if (page > 1) {
            m.put("page", Integer.toString(page));
        }
        return m.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
