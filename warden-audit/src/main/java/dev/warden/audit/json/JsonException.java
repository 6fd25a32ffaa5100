package dev.warden.audit.json;

/** Malformed JSON, with the byte offset where reading stopped. */
public final class JsonException extends IllegalArgumentException {
    private final int offset;

    /** A problem at {@code offset}. */
    public JsonException(String message, int offset) {
        super(message + " at byte " + offset);
        this.offset = offset;
    }

    /** The byte offset within the input. */
    public int offset() {
        return offset;
    }
}
