package dev.warden.mcp;

/**
 * An operator request to the gateway that cannot be done (unknown tool, nothing to approve, stale
 * hash). Carries the HTTP status and the snake_case error code the API answers with.
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    /** Creates the exception. */
    public GatewayException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** HTTP status: 404 or 409. */
    public int status() {
        return status;
    }

    /** Error code, e.g. {@code tool_not_found}. */
    public String code() {
        return code;
    }
}
