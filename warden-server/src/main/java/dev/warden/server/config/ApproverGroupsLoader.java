package dev.warden.server.config;

import dev.warden.approval.ApproverGroups;
import dev.warden.operator.Operator;
import dev.warden.policy.PolicyLoadException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code groups:} of the {@code approvals:} section of {@code warden.yaml}: approver groups
 * that policies name with {@code @approvers}; without it, {@link ApproverGroups#NONE}.
 *
 * <pre>
 * approvals:
 *   ttl_seconds: 3600
 *   groups:
 *     finance:
 *       operators: [alice, bob]     # operator accounts who may approve for the group ("admin": the bootstrap admin)
 *       notify: [finance-desk]      # channels under alerts.channels (optional)
 * </pre>
 */
public final class ApproverGroupsLoader {
    private static final Set<String> KEYS = Set.of("operators", "notify");

    private ApproverGroupsLoader() {
    }

    /**
     * Reads the groups of {@code <configDir>/warden.yaml}.
     *
     * @throws ConfigException naming the line of a bad group, an empty member list or a notify
     *                         channel that {@code alerts.channels} does not define
     */
    public static ApproverGroups load(Path configDir) {
        YamlNode root = YamlNode.parse(configDir.resolve("warden.yaml"));
        Optional<YamlNode> section = root.get("approvals").flatMap(a -> a.get("groups"));
        if (section.isEmpty()) {
            return ApproverGroups.NONE;
        }
        Set<String> channels = new LinkedHashSet<>();
        root.get("alerts").flatMap(a -> a.get("channels")).ifPresent(cs -> channels.addAll(cs.keys()));
        Map<String, ApproverGroups.Group> groups = new LinkedHashMap<>();
        YamlNode gs = section.get();
        for (String name : gs.keys()) {
            YamlNode g = gs.require(name);
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw gs.errorAtKey(name, "group names are lower-case letters, digits, '-' and '_'");
            }
            g.allowOnly(KEYS);
            YamlNode ops = g.require("operators");
            List<String> operators = new ArrayList<>();
            for (YamlNode op : ops.items()) {
                String operator = op.string();
                if (!operator.matches(Operator.NAME_PATTERN)) {
                    throw op.error("'" + operator + "' is not a valid operator name");
                }
                operators.add(operator);
            }
            if (operators.isEmpty()) {
                throw ops.error("a group needs at least one operator (nobody could approve for it)");
            }
            List<String> notify = new ArrayList<>();
            g.get("notify").ifPresent(n -> {
                for (YamlNode c : n.items()) {
                    if (!channels.contains(c.string())) {
                        throw c.error("'" + c.string() + "' is not a channel under alerts.channels");
                    }
                    notify.add(c.string());
                }
            });
            groups.put(name, new ApproverGroups.Group(name, new LinkedHashSet<>(operators), notify));
        }
        return new ApproverGroups(groups);
    }

    /**
     * Fails when a policy names an approver group ({@code @approvers}) that the configuration does
     * not define: an approval for it could never be approved.
     *
     * @param named the groups the policies name, each with where ({@code file:line})
     * @throws PolicyLoadException naming the policy file and line
     */
    public static void requireDefined(Map<String, String> named, ApproverGroups groups) {
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (groups.group(e.getKey()).isEmpty()) {
                String where = e.getValue();
                int colon = where.lastIndexOf(':');
                String file = colon < 0 ? where : where.substring(0, colon);
                int line = colon < 0 ? 0 : Integer.parseInt(where.substring(colon + 1));
                throw new PolicyLoadException(file, line, "@approvers names the approver group '" + e.getKey()
                        + "', which warden.yaml does not define under approvals.groups"
                        + (groups.groups().isEmpty() ? " (no groups are defined)"
                        : " (defined: " + String.join(", ", groups.groups().keySet()) + ")"));
            }
        }
    }
}
