package dev.warden.server.config;

import dev.warden.agent.Projects;
import dev.warden.catalog.RiskTier;
import dev.warden.operator.SeparationOfDuties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code sod:} section of {@code warden.yaml} (separation of duties); without it,
 * {@link SeparationOfDuties#DEFAULTS}.
 *
 * <pre>
 * sod:
 *   owner_cannot_approve: true     # an operator never approves a request of an agent they own
 *   two_person_risk: critical      # low | medium | high | critical | off
 *   projects:
 *     sandbox: {owner_cannot_approve: false}
 * </pre>
 */
public final class SodConfigLoader {
    /** The key of the section. */
    public static final String SECTION = "sod";
    private static final Set<String> KEYS = Set.of("owner_cannot_approve", "two_person_risk", "projects");
    private static final Set<String> PROJECT_KEYS = Set.of("owner_cannot_approve");

    private SodConfigLoader() {
    }

    /**
     * Reads the section of {@code <configDir>/warden.yaml}.
     *
     * @throws ConfigException naming the line of a bad value or an unknown project
     */
    public static SeparationOfDuties load(Path configDir, Projects projects) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty()) {
            return SeparationOfDuties.DEFAULTS;
        }
        YamlNode sod = section.get();
        sod.allowOnly(KEYS);
        boolean owner = sod.get("owner_cannot_approve").map(SodConfigLoader::bool)
                .orElse(SeparationOfDuties.DEFAULTS.ownerCannotApprove());
        Optional<RiskTier> twoPerson = sod.get("two_person_risk").map(n -> {
            if ("off".equals(n.string())) {
                return Optional.<RiskTier>empty();
            }
            try {
                return Optional.of(RiskTier.parse(n.string()));
            } catch (IllegalArgumentException e) {
                throw n.error("must be low, medium, high, critical or off");
            }
        }).orElse(SeparationOfDuties.DEFAULTS.twoPersonRisk());
        Map<String, Boolean> byProject = new LinkedHashMap<>();
        sod.get("projects").ifPresent(ps -> {
            for (String name : ps.keys()) {
                YamlNode p = ps.require(name);
                if (!projects.containsProject(name)) {
                    throw p.error("'" + name + "' is not a project under projects:");
                }
                p.allowOnly(PROJECT_KEYS);
                p.get("owner_cannot_approve").ifPresent(n -> byProject.put(name, bool(n)));
            }
        });
        return new SeparationOfDuties(owner, byProject, twoPerson);
    }

    private static boolean bool(YamlNode n) {
        return switch (n.text().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw n.error("must be true or false");
        };
    }
}
