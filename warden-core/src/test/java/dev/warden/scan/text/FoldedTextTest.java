package dev.warden.scan.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedTextTest {

    private static List<String> words(String text) {
        return FoldedText.of(text).tokens().stream().map(Token::value).toList();
    }

    @Test
    void of_foldsCaseWidthAccentsAndSpace() {
        FoldedText f = FoldedText.of("Ｉｇｎｏｒｅ  Précédentes\t\tÜBER");
        assertThat(f.text()).isEqualTo("ignore precedentes uber");
    }

    @Test
    void of_dropsInvisibleCharactersAndCountsThem() {
        FoldedText f = FoldedText.of("ig\u200bno\u200dre\u202e \uDB40\uDC41x");
        assertThat(f.text()).isEqualTo("ignore x");
        assertThat(f.hiddenChars()).isEqualTo(4);
        assertThat(f.tokens().get(0).disguised()).isTrue();
    }

    @Test
    void originalStart_mapsFoldedPositionsBackToTheOriginalText() {
        String original = "Say  \u200bHELLO there";
        FoldedText f = FoldedText.of(original);
        Token hello = f.tokens().get(1);
        assertThat(hello.value()).isEqualTo("hello");
        assertThat(original.substring(f.originalStart(hello.start()), f.originalEnd(hello.end()))).isEqualTo("HELLO");
    }

    @Test
    void tokens_readLeetspeakAndLookAlikesAsLetters() {
        assertThat(words("1gn0r3 pr3v10us")).containsExactly("ignore", "previous");
        // Cyrillic і, о, е, а inside Latin words
        assertThat(words("іgnоrе аll")).containsExactly("ignore", "all");
        assertThat(words("ɪɢɴᴏʀᴇ")).containsExactly("ignore");
    }

    @Test
    void tokens_keepNumbersAndPureCyrillicWordsAsWritten() {
        // the breve of й is a diacritic like any other: folded away, the word stays Cyrillic
        assertThat(words("order 2024 игнорируй")).containsExactly("order", "2024", "игнорируи");
    }

    @Test
    void tokens_ambiguousOneHasBothReadings() {
        Token t = FoldedText.of("ru1es").tokens().get(0);
        assertThat(t.is("ruies")).isTrue();
        assertThat(t.is("rules")).isTrue();
    }

    @Test
    void tokens_addressesAreOneTokenAndMentionsAreNotLeetspeak() {
        assertThat(words("mail ana@example.org or see https://x.example/a?b=c now"))
                .containsExactly("mail", "<email>", "or", "see", "<url>", "now");
        assertThat(words("@assistant-bot p@ss")).containsExactly("assistant", "bot", "pass");
    }

    @Test
    void tokens_apostrophesJoinContractionsAndSplitElisions() {
        assertThat(words("don't l'instruction")).containsExactly("dont", "l", "instruction");
    }

    @Test
    void tokens_markSentenceAndLineStarts() {
        List<Token> t = FoldedText.of("one two. three\nfour").tokens();
        assertThat(t).extracting(Token::breakBefore).containsExactly(true, false, true, true);
        assertThat(t).extracting(Token::lineStart).containsExactly(true, false, false, true);
    }

    @Test
    void tokens_aDotInsideAWordIsNotASentenceEnd() {
        List<Token> t = FoldedText.of("attach the .env file and config.yaml. done").tokens();
        assertThat(t).extracting(Token::value).containsExactly("attach", "the", "env", "file", "and", "config", "yaml", "done");
        assertThat(t).extracting(Token::breakBefore).containsExactly(true, false, false, false, false, false, false, true);
    }

    @Test
    void of_hangulStaysComposed() {
        assertThat(FoldedText.of("지시를 무시").text()).isEqualTo("지시를 무시");
    }
}
