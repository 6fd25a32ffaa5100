package dev.warden.server.config;

import dev.warden.incident.DemotionRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
 * </pre>
 */
public final class MaturityConfigLoader {
    /** The key of the section. */
    public static final String SECTION = "maturity";
    private static final Set<String> KEYS = Set.of("demotion");
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
}
