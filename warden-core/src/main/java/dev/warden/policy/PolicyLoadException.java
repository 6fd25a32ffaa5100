package dev.warden.policy;

/**
 * A policy file failed to parse or validate. Carries the file and the 1-based line (0 when the
 * position is unknown) so startup can report exactly where the problem is; nothing is loaded.
 */
public final class PolicyLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    /** Creates the exception. */
    public PolicyLoadException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file that failed. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }
}
