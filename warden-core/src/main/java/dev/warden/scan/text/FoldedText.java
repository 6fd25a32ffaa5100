package dev.warden.scan.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text folded for matching words whatever their spelling: NFKC, lower case, diacritics removed,
 * invisible characters (zero-width, bidi controls, tag characters, variation selectors, soft
 * hyphens) dropped, white space collapsed to one space or one newline. Folding never reorders, so
 * every folded char maps back to the original char it came from ({@link #originalStart(int)}).
 *
 * <p>The words ({@link #tokens()}) additionally map Cyrillic and Greek look-alike letters to Latin
 * when a word mixes scripts or is made only of look-alikes, and leetspeak digits and symbols to
 * letters when a word mixes them with letters ({@code 1gn0re} reads {@code ignore}). One pass over
 * the text; time and memory linear in its length.
 */
public final class FoldedText {
    /** The value of a token that is an e-mail address. */
    public static final String EMAIL = "<email>";
    /** The value of a token that is a URL. */
    public static final String URL = "<url>";

    private final String original;
    private final String text;
    private final int[] origin;
    private final boolean[] hiddenBefore;
    private final int hiddenChars;
    private final List<Token> tokens;

    private FoldedText(String original) {
        this.original = original;
        StringBuilder out = new StringBuilder(original.length());
        int[] map = new int[original.length() + 1];
        boolean[] hidden = new boolean[original.length() + 1];
        int hiddenCount = 0;
        boolean pendingHidden = false;
        int pendingSpace = -1; // original index of a pending white-space run; -1 none
        boolean pendingNewline = false;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int width = Character.charCount(cp);
            if (invisible(cp)) {
                hiddenCount++;
                pendingHidden = true;
                i += width;
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (pendingSpace < 0) {
                    pendingSpace = i;
                }
                pendingNewline |= cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
                i += width;
                continue;
            }
            if (pendingSpace >= 0) {
                if (out.length() > 0) {
                    map[out.length()] = pendingSpace;
                    out.append(pendingNewline ? '\n' : ' ');
                }
                pendingSpace = -1;
                pendingNewline = false;
            }
            if (cp < 0x80) { // ASCII folds to itself in lower case: no normalisation, no copy
                if (out.length() >= map.length - 1) {
                    map = java.util.Arrays.copyOf(map, map.length * 2);
                    hidden = java.util.Arrays.copyOf(hidden, hidden.length * 2);
                }
                map[out.length()] = i;
                hidden[out.length()] = pendingHidden;
                out.append((char) Character.toLowerCase(cp));
                pendingHidden = false;
                i++;
                continue;
            }
            String folded = fold(cp);
            for (int k = 0; k < folded.length(); k++) {
                if (out.length() >= map.length - 1) {
                    map = java.util.Arrays.copyOf(map, map.length * 2);
                    hidden = java.util.Arrays.copyOf(hidden, hidden.length * 2);
                }
                map[out.length()] = i;
                hidden[out.length()] = pendingHidden;
                out.append(folded.charAt(k));
            }
            pendingHidden = false;
            i += width;
        }
        this.text = out.toString();
        this.origin = java.util.Arrays.copyOf(map, text.length() + 1);
        this.origin[text.length()] = original.length();
        this.hiddenBefore = java.util.Arrays.copyOf(hidden, text.length() + 1);
        this.hiddenChars = hiddenCount;
        this.tokens = tokenize();
    }

    /** Folds a text. */
    public static FoldedText of(String text) {
        return new FoldedText(text);
    }

    /** Folds a word or phrase the way {@link #of} folds text (no tokenising); for building lexicons. */
    public static String foldWord(String word) {
        StringBuilder b = new StringBuilder();
        word.codePoints().forEach(cp -> b.append(fold(cp)));
        return b.toString();
    }

    /** The text as given. */
    public String original() {
        return original;
    }

    /** The folded text. */
    public String text() {
        return text;
    }

    /** The words, in order. */
    public List<Token> tokens() {
        return tokens;
    }

    /**
     * A word spelled apart ("i g n o r e"): a run of one-letter words with its letters joined.
     *
     * @param letters the letters of the run, in order
     * @param first   the index of the run's first token
     * @param last    the index of the run's last token
     */
    public record SpelledRun(String letters, int first, int last) {
    }

    /**
     * The runs of at least {@code minWords} one-letter words; a run is cut after {@code maxLetters}
     * letters and the rest starts a run of its own, so the work stays linear.
     */
    public List<SpelledRun> spelledRuns(int minWords, int maxLetters) {
        List<SpelledRun> runs = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            if (tokens.get(i).value().length() != 1) {
                i++;
                continue;
            }
            int j = i;
            StringBuilder joined = new StringBuilder();
            while (j < tokens.size() && tokens.get(j).value().length() == 1 && joined.length() < maxLetters) {
                joined.append(tokens.get(j).value());
                j++;
            }
            if (j - i >= minWords) {
                runs.add(new SpelledRun(joined.toString(), i, j - 1));
            }
            i = j;
        }
        return runs;
    }

    /** How many invisible characters folding dropped. */
    public int hiddenChars() {
        return hiddenChars;
    }

    /** Whether an invisible character was dropped right before folded char {@code i}. */
    public boolean hiddenBefore(int i) {
        return i >= 0 && i < text.length() && hiddenBefore[i];
    }

    /** The original index of folded char {@code i} ({@code text().length()} maps to the end). */
    public int originalStart(int i) {
        return origin[Math.max(0, Math.min(i, text.length()))];
    }

    /** The original index one past the original char of folded char {@code i - 1}. */
    public int originalEnd(int i) {
        if (i <= 0) {
            return 0;
        }
        if (i >= text.length()) {
            return original.length();
        }
        int last = origin[i - 1];
        return last + Character.charCount(original.codePointAt(last));
    }

    /** Whether a code point is dropped by folding. */
    public static boolean invisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E
                || cp == 0x00AD || cp == 0x034F || (cp >= 0x2061 && cp <= 0x2064)
                || bidiControl(cp) || tag(cp) || variationSelector(cp);
    }

    /** Whether a code point is a bidirectional formatting control. */
    public static boolean bidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    /** Whether a code point is a Unicode tag character (U+E0000..U+E007F). */
    public static boolean tag(int cp) {
        return cp >= 0xE0000 && cp <= 0xE007F;
    }

    /** Whether a code point is a variation selector. */
    public static boolean variationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static String fold(int cp) {
        if (cp < 0x80) {
            return String.valueOf((char) Character.toLowerCase(cp));
        }
        String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String d = Normalizer.normalize(n, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int k = 0; k < d.length(); k++) {
            char c = d.charAt(k);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> b.append("ss");
                case 'ł' -> b.append('l');
                case 'đ' -> b.append('d');
                case 'ø' -> b.append('o');
                case 'æ' -> b.append("ae");
                case 'œ' -> b.append("oe");
                case 'ı' -> b.append('i');
                case 'ħ' -> b.append('h');
                case '‘', '’', 'ʼ', '′' -> b.append('\'');
                case 'ᴀ' -> b.append('a');
                case 'ʙ' -> b.append('b');
                case 'ᴄ' -> b.append('c');
                case 'ᴅ' -> b.append('d');
                case 'ᴇ' -> b.append('e');
                case 'ꜰ' -> b.append('f');
                case 'ɢ' -> b.append('g');
                case 'ʜ' -> b.append('h');
                case 'ɪ' -> b.append('i');
                case 'ᴊ' -> b.append('j');
                case 'ᴋ' -> b.append('k');
                case 'ʟ' -> b.append('l');
                case 'ᴍ' -> b.append('m');
                case 'ɴ' -> b.append('n');
                case 'ᴏ' -> b.append('o');
                case 'ᴘ' -> b.append('p');
                case 'ǫ' -> b.append('q');
                case 'ʀ' -> b.append('r');
                case 'ꜱ' -> b.append('s');
                case 'ᴛ' -> b.append('t');
                case 'ᴜ' -> b.append('u');
                case 'ᴠ' -> b.append('v');
                case 'ᴡ' -> b.append('w');
                case 'ʏ' -> b.append('y');
                case 'ᴢ' -> b.append('z');
                case '“', '”', '„', '″' -> b.append('"');
                default -> b.append(c);
            }
        }
        if (b.isEmpty()) {
            return " ";
        }
        // recompose what NFD split apart that was not a diacritic (Hangul syllables)
        return Normalizer.normalize(b, Normalizer.Form.NFC);
    }

    // ---- words ----

    private List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        boolean brk = true;
        boolean line = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == '\n') {
                brk = true;
                line = true;
                i++;
                continue;
            }
            int chunkEnd = i;
            while (chunkEnd < n && text.charAt(chunkEnd) != ' ' && text.charAt(chunkEnd) != '\n') {
                chunkEnd++;
            }
            String address = address(i, chunkEnd);
            if (address != null) {
                int end = trimAddress(i, chunkEnd);
                out.add(new Token(address, address, i, end, brk, line, nextChar(end), false));
                brk = false;
                line = false;
                i = chunkEnd;
                continue;
            }
            // words inside the chunk
            int j = i;
            while (j < chunkEnd) {
                char d = text.charAt(j);
                if (!wordChar(j, chunkEnd)) {
                    if (d == '!' || d == '?' || d == ';' || d == '.' && (j + 1 >= chunkEnd || !wordChar(j + 1, chunkEnd))) {
                        brk = true; // a dot ends a sentence, not a file name: .env, config.yaml, ~/.ssh
                    }
                    j++;
                    continue;
                }
                int s = j;
                StringBuilder raw = new StringBuilder();
                while (j < chunkEnd && (wordChar(j, chunkEnd) || apostropheInWord(j, chunkEnd))) {
                    char w = text.charAt(j);
                    if (apostropheInWord(j, chunkEnd)) {
                        if (elision(raw)) {
                            break; // l'instruction, d'ora: the article is its own word
                        }
                        j++;
                        continue; // don't, you're: one word
                    }
                    raw.append(w);
                    j++;
                }
                if (j < chunkEnd && apostropheInWord(j, chunkEnd)) {
                    j++; // skip the elision apostrophe
                }
                out.add(word(raw.toString(), s, j, brk, line));
                brk = false;
                line = false;
            }
            i = chunkEnd;
        }
        return List.copyOf(out);
    }

    private Token word(String raw, int s, int e, boolean brk, boolean line) {
        boolean hasLetter = false;
        boolean hasLatin = false;
        boolean hasOther = false;
        boolean allLookAlike = true;
        boolean hasLeet = false;
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (Character.isLetter(c)) {
                hasLetter = true;
                if (c < 0x250) {
                    hasLatin = true;
                } else {
                    hasOther = true;
                    allLookAlike &= lookAlike(c) != 0;
                }
            } else if (leet(c) != 0) {
                hasLeet = true;
            }
        }
        boolean mapScript = hasOther && (hasLatin || allLookAlike);
        boolean mapLeet = hasLeet && hasLetter;
        boolean disguised = mapScript || mapLeet;
        for (int k = s; k < e && !disguised; k++) {
            disguised = k > s && hiddenBefore[k];
        }
        if (!mapScript && !mapLeet) {
            return new Token(raw, raw, s, e, brk, line, nextChar(e), disguised);
        }
        StringBuilder v = new StringBuilder(raw.length());
        StringBuilder alt = new StringBuilder(raw.length());
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            char m = c;
            char a = c;
            if (mapScript && lookAlike(c) != 0) {
                m = lookAlike(c);
                a = m;
            } else if (mapLeet && leet(c) != 0) {
                m = leet(c);
                a = c == '1' || c == '|' ? 'l' : m;
            }
            v.append(m);
            alt.append(a);
        }
        return new Token(v.toString(), alt.toString(), s, e, brk, line, nextChar(e), true);
    }

    private boolean wordChar(int j, int chunkEnd) {
        char c = text.charAt(j);
        if (Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
            return true;
        }
        if (c == '$') {
            return j + 1 < chunkEnd && Character.isLetter(text.charAt(j + 1));
        }
        if (c == '@') { // inside a word (p@ss), not a mention (@assistant)
            return j > 0 && j + 1 < chunkEnd && Character.isLetterOrDigit(text.charAt(j - 1))
                    && Character.isLetter(text.charAt(j + 1));
        }
        if (c == '!' || c == '|') {
            return j > 0 && j + 1 < chunkEnd && Character.isLetterOrDigit(text.charAt(j - 1))
                    && Character.isLetter(text.charAt(j + 1));
        }
        return false;
    }

    private boolean apostropheInWord(int j, int chunkEnd) {
        return text.charAt(j) == '\'' && j > 0 && j + 1 < chunkEnd && Character.isLetter(text.charAt(j - 1))
                && Character.isLetter(text.charAt(j + 1));
    }

    private static boolean elision(CharSequence before) {
        String b = before.toString();
        return b.equals("l") || b.equals("d") || b.equals("qu") || b.equals("j") || b.equals("n") || b.equals("s")
                || b.equals("c") || b.equals("m") || b.equals("t") || b.equals("all") || b.equals("dell")
                || b.equals("nell") || b.equals("sull");
    }

    private char nextChar(int e) {
        int k = e;
        while (k < text.length() && text.charAt(k) == ' ') {
            k++;
        }
        return k < text.length() ? text.charAt(k) : 0;
    }

    /** {@link #URL} or {@link #EMAIL} when the chunk {@code [s, e)} (its first 2048 chars) is one; else null. No copy. */
    private String address(int s, int e) {
        int end = Math.min(e, s + 2048);
        if (chunkStarts("http://", s, end) || chunkStarts("https://", s, end) || chunkStarts("www.", s, end)
                || chunkStarts("(http", s, end) || chunkStarts("<http", s, end)) {
            return URL;
        }
        int at = text.indexOf('@', s, end);
        if (at > s && at < end - 3 && Character.isLetterOrDigit(text.charAt(at - 1))
                && text.indexOf('.', at, end) > at + 1 && Character.isLetterOrDigit(text.charAt(at + 1))) {
            return EMAIL;
        }
        return null;
    }

    private boolean chunkStarts(String prefix, int s, int end) {
        return end - s >= prefix.length() && text.startsWith(prefix, s);
    }

    private int trimAddress(int s, int e) {
        int end = e;
        while (end > s + 1 && ".,;:!?)]>\"'".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    /** The Latin letter a Cyrillic or Greek letter is drawn like, or 0. */
    private static char lookAlike(char c) {
        return switch (c) {
            case 'а', 'α' -> 'a';
            case 'в', 'β' -> 'b';
            case 'с', 'ϲ' -> 'c';
            case 'ԁ' -> 'd';
            case 'е', 'ε', 'ё' -> 'e';
            case 'һ' -> 'h';
            case 'і', 'ι', 'ї' -> 'i';
            case 'ј' -> 'j';
            case 'к', 'κ' -> 'k';
            case 'м' -> 'm';
            case 'η' -> 'n';
            case 'о', 'ο', 'σ' -> 'o';
            case 'р', 'ρ' -> 'p';
            case 'ԛ' -> 'q';
            case 'ѕ' -> 's';
            case 'т', 'τ' -> 't';
            case 'υ' -> 'u';
            case 'ν' -> 'v';
            case 'ԝ', 'ω' -> 'w';
            case 'х', 'χ' -> 'x';
            case 'у', 'γ' -> 'y';
            default -> 0;
        };
    }

    /** The letter a leetspeak digit or symbol stands for, or 0. */
    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> 0;
        };
    }
}
