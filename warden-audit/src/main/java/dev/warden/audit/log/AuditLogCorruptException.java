package dev.warden.audit.log;

/**
 * Startup validation found the stored audit log inconsistent; the server refuses to start rather
 * than serve a wrong root. The message names the first bad index.
 */
public final class AuditLogCorruptException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final long index;

    /** The log is corrupt from {@code index} on. */
    public AuditLogCorruptException(long index, String message) {
        super(message);
        this.index = index;
    }

    /** The first bad 0-based leaf index. */
    public long index() {
        return index;
    }
}
