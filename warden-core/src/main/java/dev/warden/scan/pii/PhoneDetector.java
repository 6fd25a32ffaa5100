package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds telephone numbers. A candidate is a maximal run of digit groups joined by one separator
 * ({@code space - . /}, or a bracketed group such as {@code (555)} or {@code (0)}), optionally after
 * a {@code +}. It is reported when it has one of these shapes:
 * <ul>
 *   <li>international: {@code +} and 8 to 15 digits (E.164), grouped or not (score 1.0);</li>
 *   <li>{@code 00} international prefix and 10 to 15 digits in three or more groups (0.85);</li>
 *   <li>North American: {@code [1] NXX NXX XXXX} in three or four groups (0.9);</li>
 *   <li>national with a trunk {@code 0}: 9 to 12 digits in two or more groups of 2 to 8 (0.85);</li>
 *   <li>10 or 11 bare digits right after a phone word such as "tel" or "call" (0.7);</li>
 *   <li>8 to 12 digits in groups of 2 to 4 without a trunk {@code 0} ({@code 612 345 678},
 *   {@code 22 33 44 55}) right after a phone word (0.75).</li>
 * </ul>
 * Candidates shaped like dates ({@code 2024-03-05}, {@code 05/03/2024}), followed by a time
 * ({@code 12:30}), inside a longer number, or right after an order, invoice, ticket, tracking,
 * reference or version word (and no nearer phone word) are not reported. One pass; each char is
 * read a bounded number of times.
 */
public final class PhoneDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "phone";
    private static final int WINDOW = 28;
    private static final String[] PHONE_WORDS = {"phone", "tel", "call", "mobile", "mob.", "cell", "fax", "ph.", "ph:", "contact",
        "sms", "text ", "whatsapp", "telefon", "teléfono", "telefono", "téléphone", "móvil", "movil", "handy", "portable",
        "tlf", "número", "numero", "nummer", "ring", "dial", "hotline", "reach", "cel.", "cel:", "tél", "call-back", "callback"};
    private static final String[] OTHER_WORDS = {"order", "invoice", "inv", "ticket", "tracking", "track", "ref", "account", "acct",
        "isbn", "sku", "serial", "version", "build", "case", "id:", "id ", "no.", "#", "po ", "po:", "po#", "part", "batch", "lot", "shipment",
        "parcel", "receipt", "transaction", "txn", "confirmation", "booking", "policy", "claim", "member", "customer", "amount",
        "total", "price", "eur", "usd", "$", "€", "£", "kg", "iban", "bic", "routing", "card", "ssn"};

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
        return Set.of(DataClass.PHONE);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean opener = (c == '+' || c == '(') && i + 1 < n && digit(text.charAt(i + 1));
            if (!(digit(c) || opener) || !startBoundary(text, i)) {
                i++;
                continue;
            }
            i = candidate(text, i, out);
        }
        return out;
    }

    /** Reads the run starting at {@code start}, reports it if it is a phone number, returns where scanning resumes. */
    private static int candidate(String text, int start, List<Finding> out) {
        int n = text.length();
        int quick = quickDigits(text, start);
        if (quick < 0) {
            return -quick; // fewer than 8 digits: no phone number starts here
        }
        int i = start;
        boolean plus = text.charAt(i) == '+';
        if (plus) {
            i++;
        }
        List<int[]> groups = new ArrayList<>(); // [start, end) of each digit group
        List<String> seps = new ArrayList<>(); // separator before each group after the first
        StringBuilder sep = new StringBuilder();
        int digits = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (digit(c)) {
                int g = i;
                while (i < n && digit(text.charAt(i))) {
                    i++;
                }
                digits += i - g;
                if (!groups.isEmpty()) {
                    seps.add(sep.toString());
                }
                groups.add(new int[] {g, i});
                sep.setLength(0);
                if (digits > 15 || groups.size() > 8) {
                    return skipRun(text, i);
                }
                continue;
            }
            if (separator(c) && sep.length() < 3) {
                sep.append(c);
                i++;
                continue;
            }
            break;
        }
        int end = groups.get(groups.size() - 1)[1];
        if (end < n && text.charAt(end) == ')' && text.charAt(start) == '(' && groups.size() == 1) {
            return end + 1;
        }
        int resume = Math.max(end, start + 1);
        // the run must not continue into letters or a longer number, nor be a time or decimal
        if (end < n) {
            char after = text.charAt(end);
            if (Character.isLetterOrDigit(after) || after == '_' || after == '@'
                    || ((after == ':' || after == ',' || after == '.' || after == '-' || after == '/') && end + 1 < n && digit(text.charAt(end + 1)))) {
                return skipRun(text, end);
            }
        }
        if (digits < 8) {
            return resume; // shorter than any number this detector reports
        }
        for (String s : seps) {
            if (!validSeparator(s)) {
                return resume;
            }
        }
        if (dateLike(text, groups, seps)) {
            return resume;
        }
        int spanStart = text.charAt(start) == '(' && !seps.isEmpty() && seps.get(0).startsWith(")") ? start : plus ? start : groups.get(0)[0];
        double score = score(text, start, groups, seps, digits, plus);
        if (score > 0) {
            out.add(new Finding(DataClass.PHONE, ID, spanStart, end, score));
        }
        return resume;
    }

    /**
     * Counts the digits of the run at {@code start} without allocating: -(end of run) when there
     * are fewer than 8, else the count.
     */
    private static int quickDigits(String text, int start) {
        int n = text.length();
        int digits = 0;
        int seps = 0;
        int k = start + (text.charAt(start) == '+' ? 1 : 0);
        if (k + 5 < n && text.charAt(k) >= '1' && text.charAt(k) <= '2' && digit(text.charAt(k + 1)) && digit(text.charAt(k + 2))
                && digit(text.charAt(k + 3)) && (text.charAt(k + 4) == '-' || text.charAt(k + 4) == '/') && digit(text.charAt(k + 5))) {
            return -(k + 4); // a date: 2025-11-05, 1999/12/31
        }
        while (k < n && digits < 8) {
            char c = text.charAt(k);
            if (digit(c)) {
                digits++;
                seps = 0;
            } else if (separator(c) && seps < 3) {
                seps++;
            } else {
                break;
            }
            k++;
        }
        if (digits >= 8) {
            return digits;
        }
        while (k > start + 1 && !digit(text.charAt(k - 1))) {
            k--;
        }
        return -Math.max(k, start + 1);
    }

    private static double score(String text, int start, List<int[]> groups, List<String> seps, int digits, boolean plus) {
        double shape = shape(text, start, groups, seps, digits, plus);
        if (shape == 0) {
            return 0; // the context is read only for numbers of a phone's shape
        }
        String context = context(text, start);
        int phoneWord = lastIndexOfAny(context, PHONE_WORDS);
        int otherWord = lastIndexOfAny(context, OTHER_WORDS);
        if (otherWord >= 0 && otherWord > phoneWord) {
            return 0;
        }
        boolean spoken = phoneWord >= 0;
        if (shape < 0) {
            return spoken ? -shape : 0; // bare or trunkless digits need a phone word
        }
        return plus ? shape : Math.min(1.0, shape + (spoken ? 0.1 : 0.0));
    }

    /** The score the digits' shape alone earns; negated when it also needs a phone word before it; 0 for none. */
    private static double shape(String text, int start, List<int[]> groups, List<String> seps, int digits, boolean plus) {
        char first = text.charAt(groups.get(0)[0]);
        int firstLen = groups.get(0)[1] - groups.get(0)[0];
        if (plus) {
            return digits >= 8 && first != '0' && (groups.size() == 1 ? digits >= 10 : firstLen <= 4) ? 1.0 : 0;
        }
        if (groups.size() == 1) {
            return digits == 10 || digits == 11 ? -0.7 : 0;
        }
        if (first == '0' && firstLen >= 2 && text.charAt(groups.get(0)[0] + 1) == '0') {
            return digits >= 10 && groups.size() >= 3 ? 0.85 : 0;
        }
        if (nanp(text, groups, seps)) {
            return 0.9;
        }
        if (first == '0' && digits >= 9 && digits <= 12 && !ssnShape(groups, seps) && !afterCodeBlock(text, start)) {
            for (int[] g : groups) {
                int len = g[1] - g[0];
                if (len < 2 || len > 8) {
                    return 0;
                }
            }
            return 0.85;
        }
        if (digits >= 8 && digits <= 12 && !ssnShape(groups, seps) && !afterCodeBlock(text, start)) {
            for (int[] g : groups) {
                int len = g[1] - g[0];
                if (len < 2 || len > 4) {
                    return 0;
                }
            }
            return -0.75; // grouped like a national number without a trunk 0 (612 345 678): needs a phone word
        }
        return 0;
    }

    /** {@code 086-02-9111}: the shape of a US social security number, not a phone number. */
    private static boolean ssnShape(List<int[]> groups, List<String> seps) {
        return groups.size() == 3 && groups.get(0)[1] - groups.get(0)[0] == 3 && groups.get(1)[1] - groups.get(1)[0] == 2
                && groups.get(2)[1] - groups.get(2)[0] == 4 && seps.get(0).equals("-");
    }

    /** Right after a block of four capitals or digits, as inside a grouped IBAN ({@code NL23 RDAT 0192 8348 02}). */
    private static boolean afterCodeBlock(String text, int start) {
        if (start < 6 || text.charAt(start - 1) != ' ') {
            return false;
        }
        for (int k = start - 5; k < start - 1; k++) {
            char c = text.charAt(k);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return start - 6 < 0 || !Character.isLetterOrDigit(text.charAt(start - 6));
    }

    private static boolean nanp(String text, List<int[]> groups, List<String> seps) {
        int k = 0;
        if (groups.size() == 4) {
            if (groups.get(0)[1] - groups.get(0)[0] != 1 || text.charAt(groups.get(0)[0]) != '1') {
                return false;
            }
            k = 1;
        } else if (groups.size() != 3) {
            return false;
        }
        int[] area = groups.get(k);
        int[] exchange = groups.get(k + 1);
        int[] line = groups.get(k + 2);
        if (area[1] - area[0] != 3 || exchange[1] - exchange[0] != 3 || line[1] - line[0] != 4) {
            return false;
        }
        if (text.charAt(area[0]) < '2' || text.charAt(exchange[0]) < '2') {
            return false;
        }
        for (String s : seps) {
            if (s.equals("/")) {
                return false;
            }
        }
        return true;
    }

    private static boolean dateLike(String text, List<int[]> groups, List<String> seps) {
        for (int k = 0; k + 2 < groups.size(); k++) {
            String s1 = seps.get(k);
            String s2 = seps.get(k + 1);
            if (!s1.equals(s2) || !(s1.equals("-") || s1.equals("/") || s1.equals("."))) {
                continue;
            }
            int a = groups.get(k)[1] - groups.get(k)[0];
            int b = groups.get(k + 1)[1] - groups.get(k + 1)[0];
            int c = groups.get(k + 2)[1] - groups.get(k + 2)[0];
            if ((a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && (c == 4 || c == 2 && groups.size() == 3))) {
                return true;
            }
        }
        // a year then a month: 2024-03 10...
        if (groups.size() >= 2 && groups.get(0)[1] - groups.get(0)[0] == 4 && (seps.get(0).equals("-") || seps.get(0).equals("/"))) {
            char y = text.charAt(groups.get(0)[0]);
            return y == '1' || y == '2';
        }
        return false;
    }

    private static boolean validSeparator(String s) {
        return switch (s) {
            case " ", "-", ".", "/", "(", ")", " (", ") ", ")-", ")." , " - ", " / " -> true;
            default -> false;
        };
    }

    private static String context(String text, int start) {
        return text.substring(Math.max(0, start - WINDOW), start).toLowerCase(Locale.ROOT);
    }

    private static int lastIndexOfAny(String context, String[] words) {
        int best = -1;
        for (String w : words) {
            int at = context.lastIndexOf(w);
            if (at >= 0 && (wordStart(context, at) || !Character.isLetter(w.charAt(0)))) {
                best = Math.max(best, at + w.length());
            }
        }
        return best;
    }

    private static boolean wordStart(String s, int at) {
        return at == 0 || !Character.isLetter(s.charAt(at - 1));
    }

    private static int skipRun(String text, int i) {
        int n = text.length();
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || separator(text.charAt(i)) || text.charAt(i) == '_'
                || text.charAt(i) == ':' || text.charAt(i) == ',')) {
            i++;
        }
        return i;
    }

    private static boolean startBoundary(String text, int i) {
        if (i == 0) {
            return true;
        }
        char p = text.charAt(i - 1);
        return !(Character.isLetterOrDigit(p) || p == '.' || p == '-' || p == '_' || p == '/' || p == '+' || p == '#' || p == '$'
                || p == '@' || p == '€' || p == '£');
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
