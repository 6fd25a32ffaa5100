package dev.warden.approval;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.regex.Pattern;

/**
 * Identifier of an approval request, e.g. {@code apr_0f3c...}.
 *
 * @param value the id text
 */
public record ApprovalId(String value) {
    private static final Pattern FORM = Pattern.compile("apr_[0-9a-f]{32}");

    /**
     * Parses an id.
     *
     * @throws WardenException naming the field {@code approval_id} when malformed
     */
    public ApprovalId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "approval_id is malformed (expected apr_ and 32 hex digits)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
