package dev.warden.scan.text;

import java.util.Objects;

/**
 * One text as a single scan sees it: the string, and its {@link FoldedText}, folded on first use
 * and then shared by every detector of that scan that reads words (prompt injection and toxicity
 * fold the same text once, not once each). It lives as long as the scan that made it, so nothing
 * retains scanned texts afterwards. Meant for the one thread running a scan; not shared between
 * threads.
 */
public final class ScannedText {
    private final String text;
    private FoldedText folded;

    /** Wraps a text for one scan. */
    public ScannedText(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    /** The folded text, folded on the first call. */
    public FoldedText folded() {
        if (folded == null) {
            folded = FoldedText.of(text);
        }
        return folded;
    }
}
