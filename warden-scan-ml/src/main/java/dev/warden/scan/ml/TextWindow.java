package dev.warden.scan.ml;

/**
 * A stretch of a text short enough for the model's window.
 *
 * @param start index of its first char in the text (UTF-16 units)
 * @param end   index one past its last char
 */
public record TextWindow(int start, int end) {

    /** Validates the span. */
    public TextWindow {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad window " + start + ".." + end);
        }
    }

    /** This window's part of the text. */
    public String of(String text) {
        return text.substring(start, end);
    }
}
