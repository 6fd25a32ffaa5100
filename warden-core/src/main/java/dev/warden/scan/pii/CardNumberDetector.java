package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds payment card numbers: 13 to 19 digits, either unbroken or in groups joined by one space or
 * one dash used throughout ({@code 4111 1111 1111 1111}, {@code 3782-822463-10005}), that pass the
 * Luhn check and start with an issuer prefix of a known scheme (Visa, Mastercard, American Express,
 * Discover, Diners Club, JCB, UnionPay, Maestro) with a length that scheme issues. A run of digits
 * longer than 19, or running on into letters, is not a card. Score 1.0. Well-known test numbers
 * (4111 1111 1111 1111) are reported too: they are valid card numbers, and masking them is harmless.
 */
public final class CardNumberDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "card_luhn";

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
        return Set.of(DataClass.CARD);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!digit(text.charAt(i)) || (i > 0 && glued(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int start = i;
            char sep = 0;
            int digits = 0;
            int groups = 0;
            int[] sizes = new int[20];
            int end = i;
            boolean broken = false;
            while (i < n) {
                int g = i;
                while (i < n && digit(text.charAt(i))) {
                    i++;
                }
                if (groups < sizes.length) {
                    sizes[groups] = i - g;
                }
                groups++;
                digits += i - g;
                end = i;
                if (digits > 19) {
                    broken = true;
                    break;
                }
                if (i + 1 < n && (text.charAt(i) == ' ' || text.charAt(i) == '-') && digit(text.charAt(i + 1))
                        && (sep == 0 || sep == text.charAt(i))) {
                    sep = text.charAt(i);
                    i++;
                } else {
                    break;
                }
            }
            if (broken) {
                while (i < n && (digit(text.charAt(i)) || text.charAt(i) == ' ' || text.charAt(i) == '-')) {
                    i++;
                }
                continue;
            }
            if (end < n && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                    || ((text.charAt(end) == '.' || text.charAt(end) == '-') && end + 1 < n && Character.isLetterOrDigit(text.charAt(end + 1))))) {
                i = Math.max(end, start + 1);
                continue;
            }
            if (digits >= 13 && grouping(sizes, Math.min(groups, sizes.length), digits)) {
                String number = digitsOf(text, start, end);
                if (luhn(number) && issued(number)) {
                    out.add(new Finding(DataClass.CARD, ID, start, end, 1.0));
                }
            }
            i = Math.max(end, start + 1);
        }
        return out;
    }

    /** Unbroken, 4-4-4-4(-1..3), 4-6-5 or 4-6-4 groups. */
    private static boolean grouping(int[] sizes, int groups, int digits) {
        if (groups == 1) {
            return true;
        }
        if (groups == 3 && sizes[0] == 4 && sizes[1] == 6 && (sizes[2] == 5 || sizes[2] == 4)) {
            return true;
        }
        for (int k = 0; k < groups - 1; k++) {
            if (sizes[k] != 4) {
                return false;
            }
        }
        return sizes[groups - 1] >= 1 && sizes[groups - 1] <= 4 && digits >= 13;
    }

    /** Whether the number starts with a known issuer prefix and has a length that issuer uses. */
    static boolean issued(String d) {
        int len = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        int p6 = Integer.parseInt(d.substring(0, 6));
        if (d.charAt(0) == '4') {
            return len == 13 || len == 16 || len == 19; // Visa
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return len == 16; // Mastercard
        }
        if (p2 == 34 || p2 == 37) {
            return len == 15; // American Express
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return len >= 16 && len <= 19; // Discover
        }
        if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 || p3 == 309) {
            return len >= 14 && len <= 19; // Diners Club
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return len >= 16 && len <= 19; // JCB
        }
        if (p2 == 62 || p2 == 81) {
            return len >= 16 && len <= 19; // UnionPay
        }
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
            return len >= 13 && len <= 19; // Maestro and other debit
        }
        return p4 == 2200 || p4 == 2201 || p4 == 2202 || p4 == 2203 || p4 == 2204 ? len >= 16 && len <= 19 : false; // Mir
    }

    /** The Luhn (mod 10) check. */
    static boolean luhn(String d) {
        int sum = 0;
        boolean twice = false;
        for (int k = d.length() - 1; k >= 0; k--) {
            int v = d.charAt(k) - '0';
            if (twice) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static String digitsOf(String text, int start, int end) {
        StringBuilder b = new StringBuilder(19);
        for (int k = start; k < end; k++) {
            if (digit(text.charAt(k))) {
                b.append(text.charAt(k));
            }
        }
        return b.toString();
    }

    /** A char that, just before a digit, makes it part of a longer token. */
    private static boolean glued(char p) {
        return Character.isLetterOrDigit(p) || p == '_' || p == '-' || p == '.' || p == '/' || p == '#' || p == '+';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
