package dev.warden.outcome;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an agent reports after performing an allowed action.
 *
 * @param status       {@code completed} or {@code failed}
 * @param resultDigest digest of the result, {@code sha256:<64 hex>}
 * @param detail       a short note (an error message for failures)
 */
public record OutcomeReport(String status, Optional<String> resultDigest, Optional<String> detail) {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @throws WardenException naming {@code status}, {@code result_digest} or {@code detail}
     */
    public OutcomeReport {
        if (!"completed".equals(status) && !"failed".equals(status)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "status must be 'completed' or 'failed'");
        }
        if (resultDigest.isPresent() && !DIGEST.matcher(resultDigest.get()).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "result_digest must be 'sha256:' and 64 lower-case hex digits");
        }
        if (detail.isPresent() && detail.get().length() > 4096) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "detail must be at most 4096 characters");
        }
    }
}
