package dev.warden.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * The maturity model's automatic demotions (ATF maturity model §4.2), applied by
 * {@link IncidentService} as incident responses, so each is audited with its trigger and an
 * operator can undo it like any other response.
 *
 * <ul>
 *   <li>A critical incident (one whose severity reaches critical) demotes the agent to Intern at once.</li>
 *   <li>The {@code minorIncidents}-th incident of an agent that is not critical, counted over the
 *       {@code evaluationPeriod} but only since the agent reached its current level, demotes it one
 *       level (the count starts again at the new level). Incidents marked false positive do not count.</li>
 *   <li>A new version or configuration digest of the agent opens a re-verification review (an
 *       incident of {@value IncidentService#REVERIFICATION}); with {@code demoteOnChange} it also
 *       demotes the agent one level until an operator, the review passed, undoes it. Reviews are not
 *       counted as minor incidents.</li>
 * </ul>
 *
 * @param criticalToIntern whether a critical incident demotes to Intern
 * @param minorIncidents   how many incidents that are not critical demote one level (0: never)
 * @param evaluationPeriod the window they are counted over
 * @param demoteOnChange   whether a new version or configuration digest demotes one level until re-verified
 */
public record DemotionRules(boolean criticalToIntern, int minorIncidents, Duration evaluationPeriod, boolean demoteOnChange) {
    /** The maturity model's rules: critical → Intern; 3 incidents in 30 days → one level down; a change is reviewed. */
    public static final DemotionRules DEFAULT = new DemotionRules(true, 3, Duration.ofDays(30), false);
    /** No automatic demotion (responses configured per detector still apply; a change is still reviewed). */
    public static final DemotionRules OFF = new DemotionRules(false, 0, Duration.ofDays(30), false);

    /** The rules without demotion on a change. */
    public DemotionRules(boolean criticalToIntern, int minorIncidents, Duration evaluationPeriod) {
        this(criticalToIntern, minorIncidents, evaluationPeriod, false);
    }

    /** Validates. */
    public DemotionRules {
        Objects.requireNonNull(evaluationPeriod, "evaluationPeriod");
        if (minorIncidents < 0) {
            throw new IllegalArgumentException("minorIncidents must not be negative");
        }
        if (evaluationPeriod.isNegative() || evaluationPeriod.isZero()) {
            throw new IllegalArgumentException("evaluationPeriod must be positive");
        }
    }
}
