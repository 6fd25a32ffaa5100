package dev.warden.grant;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.regex.Pattern;

/**
 * Identifier of a grant, e.g. {@code grt_0f3c...}.
 *
 * @param value the id text
 */
public record GrantId(String value) {
    private static final Pattern FORM = Pattern.compile("grt_[0-9a-f]{32}");

    /**
     * Parses an id.
     *
     * @throws WardenException {@code invalid_field} naming {@code grant_id} when malformed
     */
    public GrantId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "grant_id is malformed (expected grt_ and 32 hex digits)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
