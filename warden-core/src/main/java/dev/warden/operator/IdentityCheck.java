package dev.warden.operator;

import java.util.Objects;

/**
 * What a check of an identity asserted by someone else found: an OpenID Connect ID token checked
 * against its issuer's keys, for {@link OperatorService#loginWithIdentity}. The check only says who
 * the identity provider vouches for; whether that is an operator, and which roles it holds, is
 * Warden's to say.
 */
public sealed interface IdentityCheck {

    /**
     * The assertion holds.
     *
     * @param operator the operator name it maps to (the value of the configured claim)
     * @param issuer   who vouched for it
     * @param subject  the issuer's subject identifier ({@code sub}), for the record
     */
    record Verified(String operator, String issuer, String subject) implements IdentityCheck {
        /** Checks. */
        public Verified {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * The assertion was refused.
     *
     * @param reason  which check failed, snake_case ({@code signature}, {@code issuer}, {@code audience},
     *                {@code expired}, ...): the audit record's reason and the start of the error message
     * @param message what failed, in words; never the assertion itself
     */
    record Refused(String reason, String message) implements IdentityCheck {
        /** Checks. */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The assertion could not be checked (the issuer's keys could not be fetched): refused too.
     *
     * @param message why, in words
     */
    record Unavailable(String message) implements IdentityCheck {
        /** Checks. */
        public Unavailable {
            Objects.requireNonNull(message, "message");
        }
    }
}
