package dev.warden;

/**
 * The one unchecked exception of Warden's core: a request that cannot be carried out, with a
 * stable machine-readable {@link ErrorCode}. A deny is never an exception; this is for invalid
 * input, missing objects and broken stores.
 */
public final class WardenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    /** Creates an exception with a code and a human-readable message naming the offending field or object. */
    public WardenException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** Creates an exception with a cause. */
    public WardenException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code; its {@link ErrorCode#wire()} form is what clients see. */
    public ErrorCode code() {
        return code;
    }
}
