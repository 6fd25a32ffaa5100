package dev.warden.scan.text;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One text as a single scan sees it: the string, and its {@link FoldedText}, folded on first use
 * and then shared by every detector of that scan that reads words (prompt injection and toxicity
 * fold the same text once, not once each), and any other value derived from the text that several
 * detectors read ({@link #derived}). It lives as long as the scan that made it, so nothing
 * retains scanned texts afterwards. Meant for the one thread running a scan; not shared between
 * threads.
 */
public final class ScannedText {
    private final String text;
    private FoldedText folded;
    private Map<Class<?>, Object> derived;

    /** Wraps a text for one scan. */
    public ScannedText(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /**
     * A value derived from the text that several detectors of the scan read (for example the
     * key/value assignments both secret detectors use): computed on the first call for
     * {@code kind}, then the same value for the rest of the scan.
     */
    public <T> T derived(Class<T> kind, Function<String, T> compute) {
        if (derived == null) {
            derived = new HashMap<>(4);
        }
        Object value = derived.get(kind);
        if (value == null) {
            value = Objects.requireNonNull(compute.apply(text), "derived value");
            derived.put(kind, value);
        }
        return kind.cast(value);
    }

    /** The folded text, folded on the first call. */
    public FoldedText folded() {
        if (folded == null) {
            folded = FoldedText.of(text);
        }
        return folded;
    }
}
