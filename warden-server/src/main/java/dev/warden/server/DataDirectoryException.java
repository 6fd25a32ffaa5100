package dev.warden.server;

/**
 * A data directory cannot be used as asked: it belongs to another configuration. The message
 * names both and what to do instead; startup stops before anything is written.
 */
public final class DataDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DataDirectoryException(String message) {
        super(message);
    }
}
