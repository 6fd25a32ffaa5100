package dev.warden.json;

/**
 * Text that {@link JsonReader} does not read as JSON, with the offset where reading stopped: a
 * character index for a {@code String} input, a byte index for a byte input.
 */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String problem;
    private final int offset;

    /** A problem at {@code offset}; the message reads {@code invalid JSON at offset N: problem}. */
    public JsonException(String problem, int offset) {
        this(problem, offset, null);
    }

    JsonException(String problem, int offset, Throwable cause) {
        super("invalid JSON at offset " + offset + ": " + problem, cause);
        this.problem = problem;
        this.offset = offset;
    }

    /** Where reading stopped within the input. */
    public int offset() {
        return offset;
    }

    /** The problem without the offset, e.g. {@code duplicate member 'a'}. */
    public String problem() {
        return problem;
    }
}
