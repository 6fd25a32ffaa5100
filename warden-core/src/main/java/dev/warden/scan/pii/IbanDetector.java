package dev.warden.scan.pii;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds international bank account numbers (ISO 13616): a country code with a known IBAN length,
 * two check digits and the national account number, written unbroken or in groups (normally of
 * four) separated by single spaces, in upper or lower case. The length must be the country's and
 * the mod-97 checksum must hold. Score 1.0.
 */
public final class IbanDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "iban";
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 "
                + "ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 "
                + "LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 "
                + "QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String e : table.split(" ")) {
            LENGTHS.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
        }
    }

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
        return Set.of(DataClass.IBAN);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i + 4 <= n) {
            char a = text.charAt(i);
            if (!ascii(a) || !digitAt(text, i + 2) || !digitAt(text, i + 3) || (i > 0 && word(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = match(text, i);
            if (end > 0) {
                out.add(new Finding(DataClass.IBAN, ID, i, end, 1.0));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The end of an IBAN starting at {@code i}, or -1. Reads at most about twice the longest IBAN. */
    private static int match(String text, int i) {
        int n = text.length();
        char a = Character.toUpperCase(text.charAt(i));
        char b = i + 1 < n ? Character.toUpperCase(text.charAt(i + 1)) : ' ';
        Integer length = LENGTHS.get("" + a + b);
        if (length == null || !ascii(text.charAt(i)) || !ascii(text.charAt(i + 1))) {
            return -1;
        }
        boolean upper = Character.isUpperCase(text.charAt(i));
        if (Character.isUpperCase(text.charAt(i + 1)) != upper) {
            return -1;
        }
        StringBuilder compact = new StringBuilder(34);
        int k = i;
        int group = 0;
        boolean spaced = false;
        while (k < n && compact.length() < length) {
            char c = text.charAt(k);
            if (alnum(c)) {
                if (Character.isLetter(c) && Character.isUpperCase(c) != upper && compact.length() >= 4) {
                    return -1;
                }
                compact.append(Character.toUpperCase(c));
                group++;
                k++;
            } else if (c == ' ' && compact.length() >= 4 && group == 4 && k + 1 < n && alnum(text.charAt(k + 1))) {
                spaced = true;
                group = 0;
                k++;
            } else {
                break;
            }
            if (!spaced && compact.length() == 4 && k < n && text.charAt(k) != ' ' && !alnum(text.charAt(k))) {
                return -1;
            }
        }
        if (compact.length() != length || (k < n && word(text.charAt(k)))) {
            return -1;
        }
        if (!Character.isDigit(compact.charAt(2)) || !Character.isDigit(compact.charAt(3))) {
            return -1;
        }
        return mod97(compact) == 1 ? k : -1;
    }

    /** The ISO 7064 mod-97-10 remainder of the rearranged IBAN. */
    static int mod97(CharSequence iban) {
        int r = 0;
        int len = iban.length();
        for (int k = 0; k < len; k++) {
            char c = iban.charAt((k + 4) % len);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
        }
        return r;
    }

    private static boolean digitAt(String text, int i) {
        return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    private static boolean ascii(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean alnum(char c) {
        return (c >= '0' && c <= '9') || ascii(c);
    }

    private static boolean word(char c) {
        if (c < 128) {
            return alnum(c) || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }
}
