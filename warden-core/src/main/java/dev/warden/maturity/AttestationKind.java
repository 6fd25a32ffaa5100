package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.MaturityLevel;
import java.util.Locale;

/**
 * What an attestation attests. The security kinds belong to gate 2 and are recorded in the
 * {@link SignOffRole#SECURITY} role; {@link #DOCUMENTATION} belongs to gate 5 ("documentation
 * updated") and is recorded in the {@link SignOffRole#TECHNICAL_OWNER} role.
 */
public enum AttestationKind {
    VULNERABILITY_ASSESSMENT(MaturityLevel.JUNIOR, SignOffRole.SECURITY),
    CODE_REVIEW(MaturityLevel.JUNIOR, SignOffRole.SECURITY),
    CONFIGURATION_AUDIT(MaturityLevel.JUNIOR, SignOffRole.SECURITY),
    /** Required for a promotion to Senior or Principal. */
    PENETRATION_TEST(MaturityLevel.SENIOR, SignOffRole.SECURITY),
    /** Required for a promotion to Principal. */
    ADVERSARIAL_TESTING(MaturityLevel.PRINCIPAL, SignOffRole.SECURITY),
    DOCUMENTATION(MaturityLevel.JUNIOR, SignOffRole.TECHNICAL_OWNER);

    private final MaturityLevel from;
    private final SignOffRole role;

    AttestationKind(MaturityLevel from, SignOffRole role) {
        this.from = from;
        this.role = role;
    }

    /** The wire form, e.g. {@code code_review}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role it is recorded in. */
    public SignOffRole role() {
        return role;
    }

    /** Whether a promotion to {@code target} requires it. */
    public boolean requiredFor(MaturityLevel target) {
        return target.compareTo(from) >= 0;
    }

    /** Whether it is one of gate 2's. */
    public boolean security() {
        return role == SignOffRole.SECURITY;
    }

    /**
     * Parses the wire form.
     *
     * @throws WardenException {@code invalid_field} naming {@code kind}
     */
    public static AttestationKind parse(String text) {
        for (AttestationKind k : values()) {
            if (k.wire().equals(text)) {
                return k;
            }
        }
        throw new WardenException(ErrorCode.INVALID_FIELD, "kind: must be one of vulnerability_assessment, code_review, "
                + "configuration_audit, penetration_test, adversarial_testing, documentation");
    }
}
