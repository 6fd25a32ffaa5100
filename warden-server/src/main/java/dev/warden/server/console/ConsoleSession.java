package dev.warden.server.console;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One browser's session with the operator console, held only in server memory.
 *
 * @param id        the cookie value: 256 random bits, base64url
 * @param csrf      the token every POST of this session must carry ({@code _csrf} or {@code X-CSRF-Token})
 * @param operator  the signed-in operator; empty for the pre-sign-in session that only guards the sign-in form
 * @param createdAt when it began (the absolute timeout counts from it)
 * @param lastSeen  its last request (the idle timeout counts from it)
 */
public record ConsoleSession(String id, String csrf, Optional<String> operator, Instant createdAt, Instant lastSeen) {
    /** Checks the parts. */
    public ConsoleSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrf, "csrf");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** Whether an operator has signed in on it. */
    public boolean signedIn() {
        return operator.isPresent();
    }

    /** The same session, seen at {@code at}. */
    public ConsoleSession seen(Instant at) {
        return new ConsoleSession(id, csrf, operator, createdAt, at);
    }

    /** Never shows the id or the token. */
    @Override
    public String toString() {
        return "ConsoleSession[operator=" + operator.orElse("-") + ", createdAt=" + createdAt + "]";
    }
}
