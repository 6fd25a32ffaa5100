package dev.warden.server.config;

import dev.warden.agent.MaturityLevel;
import dev.warden.incident.DemotionRules;
import dev.warden.maturity.GateThresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code maturity:} section of {@code warden.yaml}; without it, {@link DemotionRules#DEFAULT}.
 *
 * <pre>
 * maturity:
 *   demotion:
 *     critical_incident: intern     # intern | none
 *     minor_incidents: 3            # incidents, not critical, at the current level that demote one level; 0 = never
 *     evaluation_days: 30           # the window they are counted over
 *     on_identity_change: review    # review | demote (a new version or config digest; demote: one level until re-verified)
 *   gates:                          # promotion gate 1 (performance), by the level promoted to
 *     senior:                       # junior, senior or principal; each key optional (ATF defaults)
 *       min_days_at_level: 28
 *       min_operations: 1000        # default: behavior.learning_operations
 *       min_accuracy_percent: 95    # accuracy must be above it
 *       min_availability_percent: 99.5
 *       response_sla_seconds: 60    # p95 decision-to-outcome latency at most
 *   sign_off_roles:                 # who may record promotion evidence (gates 2, 3, 5), by operator name
 *     technical_owner: [alice]      # each role optional; an unconfigured role nobody can sign
 *     business_owner: [bob]
 *     security: [carol]
 *     risk_committee: [dave, erin]
 *     stakeholder: [frank]          # business_owner members may also sign as stakeholder
 * </pre>
 */
public final class MaturityConfigLoader {
    /** The key of the section. */
    public static final String SECTION = "maturity";
    private static final Set<String> KEYS = Set.of("demotion", "gates", "sign_off_roles");
    private static final Set<String> GATE_KEYS = Set.of("min_days_at_level", "min_operations", "min_accuracy_percent",
            "min_availability_percent", "response_sla_seconds");
    private static final Set<String> DEMOTION_KEYS = Set.of("critical_incident", "minor_incidents", "evaluation_days",
            "on_identity_change");

    private MaturityConfigLoader() {
    }

    /**
     * Reads the section of {@code <configDir>/warden.yaml}.
     *
     * @throws ConfigException naming the line of a bad value
     */
    public static DemotionRules load(Path configDir) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty()) {
            return DemotionRules.DEFAULT;
        }
        section.get().allowOnly(KEYS);
        gates(section.get(), 0); // checked here with the rest; read again where readiness is wired
        signOffRoles(section.get());
        Optional<YamlNode> demotion = section.get().get("demotion");
        if (demotion.isEmpty()) {
            return DemotionRules.DEFAULT;
        }
        YamlNode d = demotion.get();
        d.allowOnly(DEMOTION_KEYS);
        boolean critical = d.get("critical_incident").map(n -> switch (n.string()) {
            case "intern" -> true;
            case "none" -> false;
            default -> throw n.error("must be intern or none");
        }).orElse(DemotionRules.DEFAULT.criticalToIntern());
        int minor = d.get("minor_incidents").map(n -> (int) n.integer(0, 1000))
                .orElse(DemotionRules.DEFAULT.minorIncidents());
        Duration period = d.get("evaluation_days").map(n -> Duration.ofDays(n.integer(1, 3650)))
                .orElse(DemotionRules.DEFAULT.evaluationPeriod());
        boolean demoteOnChange = d.get("on_identity_change").map(n -> switch (n.string()) {
            case "demote" -> true;
            case "review" -> false;
            default -> throw n.error("must be review or demote");
        }).orElse(DemotionRules.DEFAULT.demoteOnChange());
        return new DemotionRules(critical, minor, period, demoteOnChange);
    }

    /**
     * The thresholds of promotion gate 1 by the level promoted to: the {@link GateThresholds#defaults
     * ATF defaults} with what {@code maturity: gates:} changes.
     *
     * @param baselineOperations the default minimum of operations (the behaviour baseline's)
     * @throws ConfigException naming the line of a bad value
     */
    public static Map<MaturityLevel, GateThresholds> gates(Path configDir, long baselineOperations) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty()) {
            return gates((YamlNode) null, baselineOperations);
        }
        section.get().allowOnly(KEYS);
        return gates(section.get(), baselineOperations);
    }

    private static Map<MaturityLevel, GateThresholds> gates(YamlNode section, long baselineOperations) {
        Map<MaturityLevel, GateThresholds> out = new EnumMap<>(MaturityLevel.class);
        for (MaturityLevel target : MaturityLevel.values()) {
            if (target != MaturityLevel.INTERN) {
                out.put(target, GateThresholds.defaults(target, baselineOperations));
            }
        }
        Optional<YamlNode> gates = section == null ? Optional.empty() : section.get("gates");
        if (gates.isEmpty()) {
            return out;
        }
        gates.get().allowOnly(Set.of("junior", "senior", "principal"));
        for (String key : gates.get().keys()) {
            YamlNode g = gates.get().require(key);
            g.allowOnly(GATE_KEYS);
            GateThresholds d = out.get(MaturityLevel.parse(key));
            out.put(d.target(), new GateThresholds(d.target(),
                    g.get("min_days_at_level").map(n -> Duration.ofDays(n.integer(0, 3650))).orElse(d.minTimeAtLevel()),
                    g.get("min_operations").map(n -> n.integer(0, 1_000_000_000)).orElse(d.minOperations()),
                    g.get("min_accuracy_percent").map(n -> OptionalDouble.of(share(n))).orElse(d.minAccuracy()),
                    g.get("min_availability_percent").map(MaturityConfigLoader::share).orElse(d.minAvailability()),
                    g.get("response_sla_seconds").map(n -> Duration.ofSeconds(n.integer(1, 86_400))).orElse(d.responseSla()),
                    d.rootCauseRequired()));
        }
        return out;
    }

    /**
     * The sign-off roles of {@code maturity: sign_off_roles}: operator names by role; none without it.
     *
     * @throws ConfigException naming the line of an unknown role or a value that is not a list of names
     */
    public static dev.warden.maturity.SignOffRoles signOffRoles(Path configDir) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty()) {
            return dev.warden.maturity.SignOffRoles.NONE;
        }
        section.get().allowOnly(KEYS);
        return signOffRoles(section.get());
    }

    private static dev.warden.maturity.SignOffRoles signOffRoles(YamlNode section) {
        Optional<YamlNode> roles = section.get("sign_off_roles");
        if (roles.isEmpty()) {
            return dev.warden.maturity.SignOffRoles.NONE;
        }
        Map<dev.warden.maturity.SignOffRole, java.util.List<String>> members = new EnumMap<>(dev.warden.maturity.SignOffRole.class);
        Set<String> known = new java.util.TreeSet<>();
        for (dev.warden.maturity.SignOffRole r : dev.warden.maturity.SignOffRole.values()) {
            known.add(r.wire());
        }
        roles.get().allowOnly(known);
        for (String key : roles.get().keys()) {
            YamlNode list = roles.get().require(key);
            java.util.List<String> names = new java.util.ArrayList<>();
            for (YamlNode item : list.items()) {
                String name = item.string();
                if (!name.matches(dev.warden.operator.Operator.NAME_PATTERN)) {
                    throw item.error("must be an operator name");
                }
                names.add(name);
            }
            members.put(dev.warden.maturity.SignOffRole.parse(key), names);
        }
        return new dev.warden.maturity.SignOffRoles(members);
    }

    /** A percentage as a share, without binary rounding noise (99.9 gives 0.999). */
    private static double share(YamlNode n) {
        return java.math.BigDecimal.valueOf(n.decimal(0, 100)).movePointLeft(2).doubleValue();
    }
}
