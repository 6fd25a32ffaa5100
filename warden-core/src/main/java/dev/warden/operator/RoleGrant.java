package dev.warden.operator;

import java.util.List;
import java.util.Objects;

/**
 * One role of an operator with its scope. The wire form is {@code role}, {@code role@project} or
 * {@code role@project:tool,tool}: {@code approver@shop:refund.*,customer.reply} lets its holder
 * decide approvals of agents in project {@code shop} for {@code refund.}-prefixed tools and
 * {@code customer.reply}. A project of {@code *} (or none) is every project; no tool list is every
 * tool. A tool pattern is a tool name or a prefix ending in {@code *} (a tool group by its name's
 * prefix). The scope narrows only {@link Role#APPROVER}; other roles take no scope.
 *
 * @param role    the role
 * @param project the project, or {@code *} for all
 * @param tools   tool names or prefix patterns; empty for all
 */
public record RoleGrant(Role role, String project, List<String> tools) {
    /** Every project. */
    public static final String ANY = "*";

    /** Checks and copies. */
    public RoleGrant {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(project, "project");
        tools = List.copyOf(tools);
        if (role != Role.APPROVER && (!ANY.equals(project) || !tools.isEmpty())) {
            throw new IllegalArgumentException("only the approver role takes a scope (" + role.wire() + ")");
        }
        if (!ANY.equals(project) && !project.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("'" + project + "' is not a project name");
        }
        for (String t : tools) {
            if (!t.matches("[A-Za-z0-9_.\\-/:]{1,128}\\*?|\\*")) {
                throw new IllegalArgumentException("'" + t + "' is not a tool name or prefix pattern");
            }
        }
    }

    /** The role without a scope. */
    public static RoleGrant of(Role role) {
        return new RoleGrant(role, ANY, List.of());
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RoleGrant parse(String text) {
        String rest = text.strip();
        String project = ANY;
        List<String> tools = List.of();
        int at = rest.indexOf('@');
        String role = at < 0 ? rest : rest.substring(0, at);
        if (at >= 0) {
            String scope = rest.substring(at + 1);
            int colon = scope.indexOf(':');
            project = colon < 0 ? scope : scope.substring(0, colon);
            if (colon >= 0) {
                tools = List.of(scope.substring(colon + 1).split(",", -1));
                if (tools.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("'" + text + "': empty tool in the list");
                }
            }
        }
        return new RoleGrant(Role.parse(role), project, tools);
    }

    /** Whether this grant covers an action on {@code tool} of an agent in {@code project}. */
    public boolean covers(String project, String tool) {
        if (!ANY.equals(this.project) && !this.project.equals(project)) {
            return false;
        }
        return tools.isEmpty() || tools.stream().anyMatch(p -> matches(p, tool));
    }

    private static boolean matches(String pattern, String tool) {
        return pattern.endsWith("*") ? tool.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(tool);
    }

    /** The wire form. */
    @Override
    public String toString() {
        if (ANY.equals(project) && tools.isEmpty()) {
            return role.wire();
        }
        return role.wire() + "@" + project + (tools.isEmpty() ? "" : ":" + String.join(",", tools));
    }
}
