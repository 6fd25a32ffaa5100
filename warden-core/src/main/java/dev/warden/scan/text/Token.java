package dev.warden.scan.text;

/**
 * One word of a {@link FoldedText}.
 *
 * @param value         the folded word; look-alike letters and leetspeak digits mapped to letters,
 *                      or {@code <email>} / {@code <url>} for an address
 * @param alternative   a second reading of an ambiguous spelling ({@code 1} read as {@code l} rather
 *                      than {@code i}), or the value itself
 * @param start         first folded char of the word
 * @param end           one past its last folded char
 * @param breakBefore   whether a sentence or line ends between the previous word and this one
 * @param lineStart     whether the word is the first of its line
 * @param next          the first char after the word other than a space ({@code 0} at the end)
 * @param disguised     whether the word was spelled with look-alikes, leetspeak or invisible chars
 */
public record Token(String value, String alternative, int start, int end, boolean breakBefore, boolean lineStart,
        char next, boolean disguised) {

    /** Whether either reading of the word is {@code word}. */
    public boolean is(String word) {
        return value.equals(word) || alternative.equals(word);
    }

    /** Whether either reading of the word starts with {@code prefix}. */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix) || alternative.startsWith(prefix);
    }

    /** Whether the word is an e-mail address or a URL. */
    public boolean address() {
        return value.equals(FoldedText.EMAIL) || value.equals(FoldedText.URL);
    }
}
