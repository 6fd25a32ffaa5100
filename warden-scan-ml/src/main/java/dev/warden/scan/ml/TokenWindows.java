package dev.warden.scan.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a tokenized text into overlapping windows of at most {@code maxTokens} word pieces, so a long
 * text is read whole and a phrase on a boundary is still seen whole by one window.
 *
 * <p>A window starts and ends on a word boundary (a token separated from the one before it by a
 * gap, such as a space), so the text of a window tokenizes to the same pieces as it did inside the
 * whole text; only where no word starts within {@code overlapTokens} pieces of the boundary (a long
 * word, an encoded blob) is a word cut.
 */
final class TokenWindows {
    private final int maxTokens;
    private final int overlapTokens;

    /**
     * @param maxTokens     word pieces per window, without the model's two special tokens
     * @param overlapTokens word pieces a window shares with the one before it (less than a third
     *                      of {@code maxTokens})
     */
    TokenWindows(int maxTokens, int overlapTokens) {
        if (maxTokens < 2 || overlapTokens < 0 || overlapTokens * 3 >= maxTokens) {
            throw new IllegalArgumentException("bad windows " + maxTokens + "/" + overlapTokens);
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /**
     * The windows over a text whose tokens span {@code starts[i]..ends[i]} (char offsets, in order).
     * No token gives no window. A boundary moves back at most {@code overlapTokens} to reach a word
     * start, so every window but the last holds at least {@code maxTokens - overlapTokens} word
     * pieces and a text without spaces (a long encoded blob) still gets few windows.
     */
    List<TextWindow> over(int[] starts, int[] ends) {
        int n = starts.length;
        List<TextWindow> windows = new ArrayList<>();
        int first = 0;
        while (first < n) {
            int last = Math.min(n, first + maxTokens);
            if (last < n) {
                last = wordStartNear(starts, ends, last, Math.max(first + 1, last - overlapTokens));
            }
            windows.add(new TextWindow(starts[first], ends[last - 1]));
            if (last >= n) {
                break;
            }
            int next = Math.max(first + 1, last - overlapTokens);
            first = wordStartNear(starts, ends, next, Math.max(first + 1, next - overlapTokens));
        }
        return windows;
    }

    /** The nearest word start at or before {@code at} and not before {@code floor}; else {@code at}. */
    private static int wordStartNear(int[] starts, int[] ends, int at, int floor) {
        for (int i = at; i >= floor; i--) {
            if (wordStart(starts, ends, i)) {
                return i;
            }
        }
        return at;
    }

    private static boolean wordStart(int[] starts, int[] ends, int i) {
        return i == 0 || starts[i] > ends[i - 1];
    }
}
