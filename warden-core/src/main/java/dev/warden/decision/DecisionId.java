package dev.warden.decision;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.regex.Pattern;

/**
 * Identifier of one decision, e.g. {@code dec_5b1e...}.
 *
 * @param value the id text
 */
public record DecisionId(String value) {
    private static final Pattern FORM = Pattern.compile("dec_[0-9a-f]{32}");

    /**
     * Validates the form.
     *
     * @throws WardenException naming {@code decision_id} when malformed
     */
    public DecisionId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "decision_id is malformed (expected dec_ and 32 hex digits)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
