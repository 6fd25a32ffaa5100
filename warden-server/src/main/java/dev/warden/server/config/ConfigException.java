package dev.warden.server.config;

/**
 * A configuration file is missing, unparsable or invalid. The message names the file and the
 * 1-based line; startup stops and nothing is loaded.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code line} 0 means the whole file. */
    public ConfigException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
