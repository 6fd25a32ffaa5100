package dev.warden.audit.merkle;

/** The verdict on a proof. */
public sealed interface ProofCheck {

    /** True for {@link Valid}. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The proof holds. */
    record Valid() implements ProofCheck {
    }

    /**
     * The proof does not hold.
     *
     * @param reason what failed
     */
    record Invalid(String reason) implements ProofCheck {
    }
}
