package dev.warden.scan.toxicity;

import dev.warden.scan.text.FoldedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lexicon words written masked ({@code f***}, {@code sh*t}, {@code a##hole}) or spelled apart
 * ({@code f u c k}): a masked word matches a lexicon word of similar length whose visible letters
 * line up, each run of mask characters standing for one or more letters; letters spelled apart
 * are joined and searched for lexicon words of four letters or more.
 */
final class MaskedWords {
    private static final String MASKS = "*#%";
    private static final int MAX_WORD = 24;
    private static final String[] DIRECTED = {"fuckyou", "fuckoff", "screwyou", "killyourself", "gofuckyourself", "shutup",
        "gotohell", "stfu", "kys"};

    private MaskedWords() {
    }

    /** The weight of every masked or spaced-apart lexicon word in the text. */
    static List<Double> scores(FoldedText folded, Map<String, Term> words) {
        List<Double> out = new ArrayList<>();
        String t = folded.text();
        int i = 0;
        while (i < t.length() && out.size() < 64) {
            while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\n')) {
                i++;
            }
            int s = i;
            while (i < t.length() && t.charAt(i) != ' ' && t.charAt(i) != '\n') {
                i++;
            }
            String chunk = trim(t.substring(s, Math.min(i, s + 64)));
            if (chunk.length() >= 3 && chunk.length() <= MAX_WORD && masked(chunk)) {
                double best = 0;
                for (Map.Entry<String, Term> e : words.entrySet()) {
                    if (e.getKey().charAt(0) == chunk.charAt(0) && e.getKey().length() >= 3 && matches(chunk, e.getKey())) {
                        best = Math.max(best, e.getValue().weight());
                    }
                }
                if (best > 0) {
                    out.add(best);
                }
            }
        }
        spaced(folded, words, out);
        return out;
    }

    private static String trim(String chunk) {
        int a = 0;
        int b = chunk.length();
        while (a < b && !Character.isLetter(chunk.charAt(a))) {
            a++;
        }
        while (b > a && "!?,;:.\"')(".indexOf(chunk.charAt(b - 1)) >= 0) {
            b--;
        }
        return chunk.substring(a, b);
    }

    /** Starts with a letter, has a mask character, and has nothing but letters and mask characters. */
    private static boolean masked(String chunk) {
        int masks = 0;
        for (int k = 0; k < chunk.length(); k++) {
            char c = chunk.charAt(k);
            if (MASKS.indexOf(c) >= 0 || c == '@' || c == '$' || c == '!') {
                masks++;
            } else if (!Character.isLetter(c)) {
                return false;
            }
        }
        return masks > 0 && Character.isLetter(chunk.charAt(0));
    }

    /** Whether the masked chunk can spell the word: letters equal, a mask run covers one to three letters. */
    static boolean matches(String chunk, String word) {
        // dp[i][j]: chunk[0..i) spells word[0..j)
        int n = chunk.length();
        int m = word.length();
        if (m < n - 2 || m > 3 * n) {
            return false;
        }
        boolean[][] dp = new boolean[n + 1][m + 1];
        dp[0][0] = true;
        for (int i = 0; i < n; i++) {
            char c = chunk.charAt(i);
            for (int j = 0; j <= m; j++) {
                if (!dp[i][j]) {
                    continue;
                }
                if (Character.isLetter(c)) {
                    if (j < m && word.charAt(j) == c) {
                        dp[i + 1][j + 1] = true;
                    }
                } else {
                    char leet = switch (c) {
                        case '@' -> 'a';
                        case '$' -> 's';
                        case '!' -> 'i';
                        default -> 0;
                    };
                    if (leet != 0) {
                        if (j < m && word.charAt(j) == leet) {
                            dp[i + 1][j + 1] = true;
                        }
                        continue;
                    }
                    boolean runContinues = i > 0 && !Character.isLetter(chunk.charAt(i - 1));
                    for (int k = 1; k <= (runContinues ? 2 : 3) && j + k <= m; k++) {
                        dp[i + 1][j + k] = true;
                    }
                    if (runContinues) {
                        dp[i + 1][j] = true;
                    }
                }
            }
        }
        return dp[n][m];
    }

    private static void spaced(FoldedText folded, Map<String, Term> words, List<Double> out) {
        for (FoldedText.SpelledRun run : folded.spelledRuns(3, 64)) {
            String s = run.letters();
            double best = 0;
            for (String p : DIRECTED) {
                if (s.contains(p)) {
                    best = 0.85;
                }
            }
            for (Map.Entry<String, Term> e : words.entrySet()) {
                if (e.getKey().length() >= 4 && s.contains(e.getKey())) {
                    best = Math.max(best, e.getValue().weight());
                }
            }
            if (best > 0) {
                out.add(best);
            }
        }
    }
}
