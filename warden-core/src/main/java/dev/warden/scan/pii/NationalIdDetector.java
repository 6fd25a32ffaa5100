package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds national identity numbers:
 * <ul>
 *   <li>US social security numbers {@code AAA-GG-SSSS} (dashes or spaces) whose area is not 000, 666
 *   or 900-999, group not 00 and serial not 0000: score 0.9, 1.0 after an SSN word ("SSN",
 *   "social security"); nine bare digits only after such a word (0.8);</li>
 *   <li>UK National Insurance numbers: two prefix letters from the allowed sets (not D, F, I, Q, U,
 *   V first; not D, F, I, O, Q, U, V second; not BG, GB, KN, NK, NT, TN, ZZ), six digits (optionally in
 *   pairs) and a suffix A-D: score 1.0.</li>
 * </ul>
 */
public final class NationalIdDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "national_id";
    private static final Set<String> BARRED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");
    private static final String[] SSN_WORDS = {"ssn", "social security", "soc. sec", "sozialversicherung", "taxpayer", "tin:", "itin"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Set<DataClass> classes() {
        return Set.of(DataClass.NATIONAL_ID);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!(digit(c) || (c >= 'A' && c <= 'Z')) || (i > 0 && word(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = -1;
            double score = 0;
            if (digit(c)) {
                end = ssn(text, i);
                if (end > 0) {
                    boolean said = ssnWordBefore(text, i);
                    score = end - i == 9 ? (said ? 0.8 : 0) : said ? 1.0 : 0.9;
                }
            } else if (c >= 'A' && c <= 'Z') {
                end = nino(text, i);
                score = 1.0;
            }
            if (end > 0 && score > 0) {
                out.add(new Finding(DataClass.NATIONAL_ID, ID, i, end, score));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The end of an SSN starting at {@code i}, or -1. */
    private static int ssn(String text, int i) {
        int n = text.length();
        if (i + 9 > n) {
            return -1;
        }
        char sep = text.charAt(i + 3);
        boolean separated = sep == '-' || sep == ' ';
        if (!digit(text.charAt(i + 1)) || !digit(text.charAt(i + 2)) || !(separated || digit(sep))) {
            return -1;
        }
        int k = i;
        StringBuilder d = new StringBuilder(9);
        int[] parts = {3, 2, 4};
        for (int p = 0; p < 3; p++) {
            if (p > 0 && separated) {
                if (k >= n || text.charAt(k) != sep) {
                    return -1;
                }
                k++;
            }
            for (int j = 0; j < parts[p]; j++, k++) {
                if (k >= n || !digit(text.charAt(k))) {
                    return -1;
                }
                d.append(text.charAt(k));
            }
        }
        if (k < n && (word(text.charAt(k)) || ((text.charAt(k) == '-' || text.charAt(k) == '.' || text.charAt(k) == '/')
                && k + 1 < n && digit(text.charAt(k + 1))))) {
            return -1;
        }
        if (i > 0 && (text.charAt(i - 1) == '-' || text.charAt(i - 1) == '.' || text.charAt(i - 1) == '/' || text.charAt(i - 1) == '+')) {
            return -1;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return -1;
        }
        return k;
    }

    private static boolean ssnWordBefore(String text, int i) {
        String before = text.substring(Math.max(0, i - 32), i).toLowerCase(Locale.ROOT);
        for (String w : SSN_WORDS) {
            if (before.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The end of a UK NINO starting at {@code i}, or -1. */
    private static int nino(String text, int i) {
        int n = text.length();
        if (i + 9 > n) {
            return -1;
        }
        char a = text.charAt(i);
        char b = text.charAt(i + 1);
        if (!(b >= 'A' && b <= 'Z') || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return -1;
        }
        if (!Character.isDigit(text.charAt(i + 2)) && !(text.charAt(i + 2) == ' ' && Character.isDigit(text.charAt(i + 3)))) {
            return -1;
        }
        if (BARRED.contains("" + a + b)) {
            return -1;
        }
        int k = i + 2;
        boolean spaced = k < n && text.charAt(k) == ' ';
        for (int pair = 0; pair < 3; pair++) {
            if (spaced) {
                if (k >= n || text.charAt(k) != ' ') {
                    return -1;
                }
                k++;
            }
            for (int j = 0; j < 2; j++, k++) {
                if (k >= n || !digit(text.charAt(k))) {
                    return -1;
                }
            }
        }
        if (spaced && k < n && text.charAt(k) == ' ') {
            k++;
        }
        if (k >= n || text.charAt(k) < 'A' || text.charAt(k) > 'D') {
            return -1;
        }
        k++;
        return k < n && word(text.charAt(k)) ? -1 : k;
    }

    private static boolean word(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
