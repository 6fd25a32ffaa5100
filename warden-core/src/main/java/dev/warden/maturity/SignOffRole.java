package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Locale;

/**
 * A capacity in which an operator records promotion evidence (configured in
 * {@code maturity: sign_off_roles}); distinct from Warden's operator roles.
 */
public enum SignOffRole {
    /** Signs gate 5 for the agent's engineering; records the {@code documentation} attestation. Never the agent's owner. */
    TECHNICAL_OWNER,
    /** Signs gate 5 for the business; records business value (gate 3); may also sign as stakeholder. */
    BUSINESS_OWNER,
    /** Records the security attestations (gate 2); signs gate 5 from Senior. */
    SECURITY,
    /** Signs gate 5 for Principal. */
    RISK_COMMITTEE,
    /** Signs gate 3 (stakeholder sign-off). */
    STAKEHOLDER;

    /** The wire and configuration form, e.g. {@code technical_owner}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @throws WardenException {@code invalid_field} naming {@code role}
     */
    public static SignOffRole parse(String text) {
        for (SignOffRole r : values()) {
            if (r.wire().equals(text)) {
                return r;
            }
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, "role: must be one of technical_owner, business_owner, security, "
                + "risk_committee, stakeholder");
    }
}
