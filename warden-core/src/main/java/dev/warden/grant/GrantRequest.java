package dev.warden.grant;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What an approver asks to grant ({@link GrantService#create}).
 *
 * @param agent      the agent's name
 * @param tool       a tool name or a prefix pattern ending in {@code *}
 * @param resource   the one resource covered, or empty for any
 * @param session    the one session covered, or empty for any
 * @param conditions constraints on the arguments (at most {@value #MAX_CONDITIONS})
 * @param maxUses    at most this many calls (1 to {@value #MAX_USES}), or empty for any number
 * @param ttl        how long from now it applies: positive, at most {@link #MAX_TTL}
 * @param reason     why (required, at most {@value #MAX_REASON_CHARS} characters)
 */
public record GrantRequest(String agent, String tool, Optional<String> resource, Optional<String> session,
                           List<ArgCondition> conditions, OptionalLong maxUses, Duration ttl, String reason) {
    /** The longest a grant may last. */
    public static final Duration MAX_TTL = Duration.ofDays(7);
    /** The most conditions a grant takes. */
    public static final int MAX_CONDITIONS = 20;
    /** The largest maximum of uses. */
    public static final long MAX_USES = 1_000_000;
    /** The longest reason. */
    public static final int MAX_REASON_CHARS = 1000;
    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.\\-/:]{1,128}\\*?");
    private static final int MAX_NAME_CHARS = 256;

    /**
     * Checks every part.
     *
     * @throws WardenException {@code invalid_field} naming the field that is wrong
     */
    public GrantRequest {
        if (agent == null || agent.isBlank() || agent.length() > MAX_NAME_CHARS) {
            throw invalid("agent must be an agent name");
        }
        if (tool == null || !TOOL.matcher(tool).matches()) {
            throw invalid("tool must be a tool name or a prefix pattern ending in * (e.g. refund.*)");
        }
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(session, "session");
        if (resource.isPresent() && (resource.get().isEmpty() || resource.get().length() > 2048)) {
            throw invalid("resource must be a non-empty string of at most 2048 characters");
        }
        if (session.isPresent() && (session.get().isEmpty() || session.get().length() > MAX_NAME_CHARS)) {
            throw invalid("session must be a session id");
        }
        conditions = List.copyOf(conditions);
        if (conditions.size() > MAX_CONDITIONS) {
            throw invalid("when takes at most " + MAX_CONDITIONS + " conditions");
        }
        Objects.requireNonNull(maxUses, "maxUses");
        if (maxUses.isPresent() && (maxUses.getAsLong() < 1 || maxUses.getAsLong() > MAX_USES)) {
            throw invalid("max_uses must be between 1 and " + MAX_USES);
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw invalid("expires_in must be positive and at most " + MAX_TTL.toDays() + " days");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS) {
            throw invalid("reason is required (at most " + MAX_REASON_CHARS + " characters)");
        }
    }

    private static WardenException invalid(String message) {
        return new WardenException(ErrorCode.INVALID_FIELD, message);
    }
}
