package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Instructions hidden by an encoding: base64 and hex segments, percent, backslash-x, backslash-u and
 * HTML-entity escapes, ROT13 and reversed text. Each candidate is decoded (bounded in number and
 * length), kept only when it decodes to readable text, and analysed as nested content; a segment
 * that decodes to instructions is strong evidence, since plain text has no reason to hide them.
 */
final class EncodedPayloads {
    private static final int MAX_SEGMENTS = 24;
    private static final int MAX_SEGMENT = 8192;
    private static final int MIN_BASE64 = 16;
    private static final int MIN_HEX_BYTES = 8;

    private final InjectionAnalysis analysis;

    EncodedPayloads(InjectionAnalysis analysis) {
        this.analysis = analysis;
    }

    void collect(FoldedText folded, int depth, List<Signal> out) {
        String o = folded.original();
        base64(o, depth, out);
        hex(o, depth, out);
        escapes(folded, depth, out);
        if (depth == 0) {
            transformed(rot13(o), o.length(), depth, out);
            transformed(new StringBuilder(folded.text()).reverse().toString(), o.length(), depth, out);
        }
    }

    private void base64(String o, int depth, List<Signal> out) {
        int n = 0;
        int i = 0;
        while (i < o.length() && n < MAX_SEGMENTS) {
            if (!base64Char(o.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            boolean digitOrSymbol = false;
            boolean upper = false;
            boolean lower = false;
            while (i < o.length() && base64Char(o.charAt(i)) && o.charAt(i) != '=') {
                char c = o.charAt(i);
                digitOrSymbol |= Character.isDigit(c) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                i++;
            }
            int padEnd = i;
            while (padEnd < o.length() && padEnd - i < 2 && o.charAt(padEnd) == '=') {
                padEnd++;
            }
            if (i - s < MIN_BASE64 || !(upper && lower) || !digitOrSymbol && i - s < 24) {
                i = Math.max(i + 1, padEnd);
                continue;
            }
            n++;
            String seg = o.substring(s, Math.min(i, s + MAX_SEGMENT)).replace("=", "");
            if (seg.length() % 4 == 1) {
                seg = seg.substring(0, seg.length() - 1);
            }
            String decoded = decodeBase64(seg);
            if (decoded != null) {
                check(decoded, s, i, depth, out);
            }
        }
    }

    private static boolean base64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='
                || c == '-' || c == '_';
    }

    private static String decodeBase64(String seg) {
        String padded = seg + "==".substring(0, (4 - seg.length() % 4) % 4);
        try {
            byte[] b = seg.indexOf('-') >= 0 || seg.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(padded) : Base64.getDecoder().decode(padded);
            return readable(new String(b, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void hex(String o, int depth, List<Signal> out) {
        int n = 0;
        int i = 0;
        StringBuilder bytes = new StringBuilder(); // reused for every candidate start
        while (i < o.length() && n < MAX_SEGMENTS) {
            if (i > 0 && Character.isLetterOrDigit(o.charAt(i - 1)) && o.charAt(i) != '\\') {
                i++;
                continue;
            }
            int s = i;
            bytes.setLength(0);
            boolean letter = false;
            int k = i;
            while (k < o.length() && bytes.length() < MAX_SEGMENT) {
                int p = k;
                if (o.startsWith("\\x", p) || o.startsWith("0x", p)) {
                    p += 2;
                }
                if (p + 1 < o.length() && hexDigit(o.charAt(p)) && hexDigit(o.charAt(p + 1))) {
                    letter |= Character.isLetter(o.charAt(p)) || Character.isLetter(o.charAt(p + 1)) || p > k;
                    bytes.append((char) (Character.digit(o.charAt(p), 16) * 16 + Character.digit(o.charAt(p + 1), 16)));
                    k = p + 2;
                    if (k < o.length() && (o.charAt(k) == ' ' || o.charAt(k) == ':' || o.charAt(k) == ',')
                            && k + 2 < o.length() && hexDigit(o.charAt(k + 1))) {
                        k++;
                    }
                } else {
                    break;
                }
            }
            if (bytes.length() >= MIN_HEX_BYTES && letter) {
                n++;
                String decoded = readable(new String(bytes.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                if (decoded != null) {
                    check(decoded, s, k, depth, out);
                }
            }
            i = Math.max(k, i + 1);
        }
    }

    private static boolean hexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Percent, backslash-x, backslash-u and HTML-entity escapes: when there are several, the unescaped text is analysed. */
    private void escapes(FoldedText folded, int depth, List<Signal> out) {
        String o = folded.original();
        StringBuilder b = new StringBuilder();
        int escapes = 0;
        int first = -1;
        int last = 0;
        for (int i = 0; i < o.length() && b.length() < 4 * MAX_SEGMENT; ) {
            char c = o.charAt(i);
            int cp = -1;
            int len = 0;
            if (c == '%' && i + 2 < o.length() && hexDigit(o.charAt(i + 1)) && hexDigit(o.charAt(i + 2))) {
                cp = Integer.parseInt(o.substring(i + 1, i + 3), 16);
                len = 3;
            } else if (c == '\\' && i + 5 < o.length() && o.charAt(i + 1) == 'u' && allHex(o, i + 2, 4)) {
                cp = Integer.parseInt(o.substring(i + 2, i + 6), 16);
                len = 6;
            } else if (c == '&' && i + 3 < o.length() && o.charAt(i + 1) == '#') {
                int semi = o.indexOf(';', i);
                if (semi > 0 && semi - i <= 9) {
                    String num = o.substring(i + 2, semi);
                    try {
                        cp = num.startsWith("x") || num.startsWith("X") ? Integer.parseInt(num.substring(1), 16) : Integer.parseInt(num);
                        len = semi - i + 1;
                    } catch (NumberFormatException e) {
                        cp = -1;
                    }
                }
            }
            if (cp >= 0 && cp <= Character.MAX_CODE_POINT) {
                b.appendCodePoint(cp);
                escapes++;
                first = first < 0 ? i : first;
                last = i + len;
                i += len;
            } else {
                b.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        if (escapes >= 6) {
            String decoded = b.toString();
            double before = InjectionAnalysis.combine(analysis.signals(folded, InjectionAnalysis.MAX_DEPTH));
            double after = analysis.nestedScore(decoded, depth);
            if (after >= 0.3 && after > before + 0.1) {
                out.add(new Signal(Family.ENCODED, first, last, Math.max(0.85, after)));
            }
        }
    }

    private static boolean allHex(String o, int from, int n) {
        for (int k = from; k < from + n; k++) {
            if (!hexDigit(o.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** ROT13 or reversed text: only strong findings count, since garbled text rarely reads as instructions. */
    private void transformed(String text, int length, int depth, List<Signal> out) {
        double c = analysis.nestedScore(text, depth);
        if (c >= 0.5) {
            out.add(new Signal(Family.ENCODED, 0, length, Math.max(0.85, c)));
        }
    }

    private void check(String decoded, int start, int end, int depth, List<Signal> out) {
        double c = analysis.nestedScore(decoded, depth);
        if (c >= 0.3) {
            out.add(new Signal(Family.ENCODED, start, end, Math.max(0.85, c)));
        } else if (c >= 0.15) {
            out.add(new Signal(Family.ENCODED, start, end, 0.3));
        }
    }

    /** The text when it is mostly printable and has letters; null for binary. */
    private static String readable(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int printable = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                continue;
            }
            printable++;
            letters += Character.isLetter(c) ? 1 : 0;
        }
        return printable >= 0.9 * s.length() && letters >= 0.5 * s.length() ? s : null;
    }

    private static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + 13) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + 13) % 26);
            }
            b.append(c);
        }
        return b.toString();
    }
}
