package dev.warden.json;

/**
 * A JSON number that breaks {@link JsonNumbers the number rule}; the message names where it is.
 */
public final class InvalidNumberException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    /**
     * @param path    where the number is, e.g. {@code args.amount}
     * @param problem what is wrong with it, e.g. {@code is too large (...)}
     */
    public InvalidNumberException(String path, String problem) {
        super("the number at " + shortened(path) + " " + problem);
        this.path = shortened(path);
    }

    private static String shortened(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    /** Where the number is, e.g. {@code args.amount} (cut to 200 characters). */
    public String path() {
        return path;
    }
}
