package dev.warden.scan.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CjkPhrasesTest {

    @Test
    void noCharBelowTheFirstWideOneBelongsToAWideScript() {
        Set<Character.UnicodeScript> wide = EnumSet.of(Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);
        for (char c = 0; c < CjkPhrases.FIRST_WIDE; c++) {
            assertThat(wide).as("U+%04X", (int) c).doesNotContain(Character.UnicodeScript.of(c));
        }
        assertThat(Character.UnicodeScript.of(CjkPhrases.FIRST_WIDE)).isIn(wide);
    }
}
