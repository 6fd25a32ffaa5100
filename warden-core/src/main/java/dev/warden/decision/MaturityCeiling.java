package dev.warden.decision;

import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;

/**
 * The ATF maturity matrix as a ceiling on what any policy may allow.
 *
 * <table>
 *   <caption>What each level may do</caption>
 *   <tr><th>level</th><th>read-only tools</th><th>other tools</th></tr>
 *   <tr><td>Intern</td><td>within policy</td><td>denied</td></tr>
 *   <tr><td>Junior</td><td>within policy</td><td>approval required</td></tr>
 *   <tr><td>Senior</td><td>within policy</td><td>high and critical risk: approval required; otherwise
 *       within policy, with the obligation to notify the owner</td></tr>
 *   <tr><td>Principal</td><td>within policy</td><td>critical risk: approval required; otherwise within policy</td></tr>
 * </table>
 */
public final class MaturityCeiling {
    private MaturityCeiling() {
    }

    /** What the ceiling says about one tool at one level. */
    public enum Verdict {
        /** No ceiling applies. */
        WITHIN,
        /** Allowed within policy, but the owner is to be notified. */
        WITHIN_NOTIFY,
        /** A human must approve. */
        APPROVAL,
        /** Above the ceiling: denied. */
        DENIED
    }

    /** Applies the matrix. */
    public static Verdict check(MaturityLevel level, Tool tool) {
        if (tool.readOnly()) {
            return Verdict.WITHIN;
        }
        RiskTier risk = tool.risk();
        return switch (level) {
            case INTERN -> Verdict.DENIED;
            case JUNIOR -> Verdict.APPROVAL;
            case SENIOR -> risk.compareTo(RiskTier.HIGH) >= 0 ? Verdict.APPROVAL : Verdict.WITHIN_NOTIFY;
            case PRINCIPAL -> risk == RiskTier.CRITICAL ? Verdict.APPROVAL : Verdict.WITHIN;
        };
    }
}
