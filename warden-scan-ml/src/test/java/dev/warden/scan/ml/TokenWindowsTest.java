package dev.warden.scan.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {

    /** Tokens of {@code words} words of 3 chars, each in its own word piece, separated by spaces. */
    private static int[][] words(int count) {
        int[] starts = new int[count];
        int[] ends = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = i * 4;
            ends[i] = i * 4 + 3;
        }
        return new int[][] {starts, ends};
    }

    @Test
    void shortText_isOneWindow() {
        int[][] t = words(5);
        assertThat(new TokenWindows(10, 2).over(t[0], t[1])).containsExactly(new TextWindow(0, 19));
    }

    @Test
    void noToken_noWindow() {
        assertThat(new TokenWindows(10, 2).over(new int[0], new int[0])).isEmpty();
    }

    @Test
    void longText_windowsOverlapAndCoverEveryToken() {
        int[][] t = words(25);
        List<TextWindow> windows = new TokenWindows(10, 2).over(t[0], t[1]);
        // tokens 0-9, 8-17, 16-24
        assertThat(windows).containsExactly(new TextWindow(0, 39), new TextWindow(32, 71), new TextWindow(64, 99));
    }

    @Test
    void windowEndsBeforeAWordItWouldCut() {
        // word pieces: "aaa" "##bb" at 0..3, 3..5; then words of one piece
        int[] starts = {0, 3, 6, 10, 14, 16, 20};
        int[] ends = {3, 5, 9, 13, 16, 19, 23};
        // pieces 3 (10..13) and 4 (14..16) are words; piece 5 (16..19) continues piece 4
        List<TextWindow> windows = new TokenWindows(5, 1).over(starts, ends);
        // the first window would end inside the word of pieces 4-5, so it ends after piece 3
        assertThat(windows.get(0)).isEqualTo(new TextWindow(0, 13));
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(23);
    }

    @Test
    void wordLongerThanAWindow_isCutInside() {
        int[] starts = {0, 2, 4, 6, 8, 10};
        int[] ends = {2, 4, 6, 8, 10, 12};
        List<TextWindow> windows = new TokenWindows(4, 1).over(starts, ends);
        assertThat(windows).first().isEqualTo(new TextWindow(0, 8));
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(12);
    }

    @Test
    void badSettings_areRefused() {
        assertThatThrownBy(() -> new TokenWindows(4, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
