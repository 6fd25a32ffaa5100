package dev.warden.scan.secret;

import dev.warden.scan.text.ScannedText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A value assigned to a named key in a text: {@code key=value}, {@code key: value},
 * {@code "key": "value"}, {@code key := value}, {@code 'key' => 'value'}, header lines such as
 * {@code Authorization: Bearer value}, and {@code k=v} pairs inside a quoted value
 * ({@code "Server=db;Password=x"}). Found in one pass: keys are read back at most
 * {@value #MAX_KEY} chars from the operator, unquoted values stop at the next blank, delimiter or
 * operator, quoted values at the closing quote, the line end or {@value #MAX_VALUE} chars.
 *
 * @param text       the text it was found in
 * @param keyStart   index of the key's first char
 * @param keyEnd     index one past the key's last char
 * @param valueStart index of the value's first char (inside quotes, after an auth scheme)
 * @param valueEnd   index one past the value's last char
 * @param quoted     whether the value was in quotes
 * @param scheme     the auth scheme word before the value ({@code bearer}, {@code basic}...), or empty
 */
record KeyValue(String text, int keyStart, int keyEnd, int valueStart, int valueEnd, boolean quoted, String scheme) {
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 1024;
    /**
     * Assignments are kept when their key mentions a credential stem or their value is at least
     * this long (the shortest value {@link HighEntropyDetector} judges); the rest are dropped at once.
     */
    static final int LONG_VALUE = 16;
    private static final List<String> SCHEMES = List.of("bearer", "basic", "token", "digest", "apikey", "api-key", "key", "sso-key");

    /** The key as written, without quotes. */
    String key() {
        return text.substring(keyStart, keyEnd);
    }

    /** The value. */
    String value() {
        return text.substring(valueStart, valueEnd);
    }

    /** Whether the key, in any case, holds one of {@code stems}: a cheap test before {@link #normalizedKey()}. */
    boolean keyMentions(String... stems) {
        for (int k = keyStart; k < keyEnd; k++) {
            char c = text.charAt(k);
            c = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 128 ? c : Character.toLowerCase(c);
            if (c < 128 && !STEM_START[c]) {
                continue;
            }
            for (String stem : stems) {
                if (stem.charAt(0) == c && k + stem.length() <= keyEnd && text.regionMatches(true, k, stem, 0, stem.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The key in lower case with only its letters and digits: {@code API_Key} becomes {@code apikey}. */
    String normalizedKey() {
        StringBuilder b = new StringBuilder(keyEnd - keyStart);
        for (int k = keyStart; k < keyEnd; k++) {
            char c = text.charAt(k);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** Letters a credential stem can start with (see {@link #keyMentions}); others are skipped at once. */
    private static final boolean[] STEM_START = new boolean[128];

    static {
        for (char c : "pstkacbm".toCharArray()) {
            STEM_START[c] = true;
        }
    }

    /**
     * The key/value assignments in {@code text} that a credential or entropy check can use (key
     * mentioning a credential stem, or value of at least {@value #LONG_VALUE} chars), in order;
     * found once per scan and shared by the detectors that read them.
     */
    static List<KeyValue> find(ScannedText text) {
        return text.derived(Found.class, t -> new Found(Collections.unmodifiableList(scan(t)))).all();
    }

    /** The assignments of one text, as the scan's shared value. */
    private record Found(List<KeyValue> all) {
    }

    private static List<KeyValue> scan(String text) {
        List<KeyValue> out = new ArrayList<>();
        int n = text.length();
        int colon = text.indexOf(':');
        int equals = text.indexOf('=');
        int quotedUntil = -1; // inside a quoted value only '=' starts an assignment (connection strings)
        for (int p = 0; p < n; p++) {
            // jump to the next operator (indexOf is much faster than a char loop)
            if (colon >= 0 && colon < p) {
                colon = text.indexOf(':', p);
            }
            if (equals >= 0 && equals < p) {
                equals = text.indexOf('=', p);
            }
            if (colon < 0 && equals < 0) {
                break;
            }
            p = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            char op = text.charAt(p);
            if (op == ':' && p < quotedUntil) {
                continue;
            }
            int after = p + 1;
            char next = after < n ? text.charAt(after) : 0;
            char prev = p > 0 ? text.charAt(p - 1) : 0;
            if (op == '=') {
                if (next == '=' || prev == '=' || prev == '!' || prev == '<' || prev == '>' || prev == '~' || prev == '+' || prev == '-'
                        || prev == '*' || prev == '/' || prev == '|' || prev == '&') {
                    continue;
                }
                if (next == '>') {
                    after++;
                }
                if (prev == ':') {
                    continue; // handled at the ':' of ":="
                }
            } else {
                if (next == ':' || prev == ':') {
                    continue;
                }
                if (next == '=') {
                    after++;
                }
                if (next == '/' && after + 1 < n && text.charAt(after + 1) == '/') {
                    continue; // a URL scheme
                }
            }
            KeyValue kv = at(text, p, after);
            if (kv != null) {
                if (kv.valueEnd() - kv.valueStart() >= LONG_VALUE || kv.keyMentions(CredentialAssignmentDetector.STEMS)) {
                    out.add(kv); // the only ones either reader looks at
                }
                if (kv.quoted()) {
                    quotedUntil = Math.max(quotedUntil, kv.valueEnd());
                }
            }
        }
        return out;
    }

    private static KeyValue at(String text, int op, int after) {
        int n = text.length();
        int k = op;
        while (k > 0 && op - k < 3 && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '\t')) {
            k--;
        }
        for (int skip = 0; skip < 2 && k > 0 && (text.charAt(k - 1) == '"' || text.charAt(k - 1) == '\'' || text.charAt(k - 1) == ']'); skip++) {
            k--; // "key": and $config['key'] =
        }
        int keyEnd = k;
        while (k > 0 && keyEnd - k <= MAX_KEY && keyChar(text.charAt(k - 1))) {
            k--;
        }
        if (k == keyEnd || keyEnd - k > MAX_KEY) {
            return null;
        }
        boolean letter = false;
        for (int j = k; j < keyEnd && !letter; j++) {
            letter = Character.isLetter(text.charAt(j));
        }
        if (!letter) {
            return null;
        }
        int v = after;
        while (v < n && v - after < 8 && (text.charAt(v) == ' ' || text.charAt(v) == '\t')) {
            v++;
        }
        if (v >= n) {
            return null;
        }
        char q = text.charAt(v);
        if (q == '"' || q == '\'' || q == '`') {
            int end = v + 1;
            while (end < n && end - v <= MAX_VALUE && text.charAt(end) != q && text.charAt(end) != '\n') {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            if (end < n && text.charAt(end) == q) {
                int vs = v + 1;
                String scheme = "";
                int sp = vs;
                boolean auth = authKey(text, k, keyEnd);
                while (auth && sp < end && sp - vs < 16 && text.charAt(sp) != ' ') {
                    sp++; // an auth scheme word is short
                }
                if (auth && sp > vs && sp < end && text.charAt(sp) == ' ') {
                    String first = text.substring(vs, sp).toLowerCase(Locale.ROOT);
                    if (SCHEMES.contains(first)) {
                        scheme = first;
                        vs = sp + 1;
                    }
                }
                return vs < end ? new KeyValue(text, k, keyEnd, vs, end, true, scheme) : null;
            }
            v++; // an unclosed quote: read on as an unquoted value
        }
        int end = unquotedEnd(text, v);
        if (end <= v) {
            return null;
        }
        String scheme = "";
        String first = end - v <= 7 && end < n && text.charAt(end) == ' ' && authKey(text, k, keyEnd) ? text.substring(v, end).toLowerCase(Locale.ROOT) : "";
        if (SCHEMES.contains(first)) {
            int vs = end + 1;
            int ve = unquotedEnd(text, vs);
            return ve > vs ? new KeyValue(text, k, keyEnd, vs, ve, false, first) : null;
        }
        return new KeyValue(text, k, keyEnd, v, end, false, scheme);
    }

    private static int unquotedEnd(String text, int v) {
        int n = text.length();
        int end = v;
        while (end < n && end - v < MAX_VALUE) {
            char c = text.charAt(end);
            if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '&' || c == ')' || c == '}' || c == ']' || c == '<' || c == '>'
                    || c == '"' || c == '\'' || c == '`' || c == ':') {
                break;
            }
            if (c == '=') {
                int pad = end;
                while (pad < n && text.charAt(pad) == '=' && pad - end < 3) {
                    pad++;
                }
                boolean padding = pad - end <= 2 && (pad >= n || !keyChar(text.charAt(pad)) || text.charAt(pad) == '.');
                if (!padding) {
                    break;
                }
                end = pad;
                break;
            }
            end++;
        }
        return end;
    }

    private static boolean authKey(String text, int start, int end) {
        char last = end > start ? text.charAt(end - 1) : 0;
        if (last != 'n' && last != 'N' && last != 'h' && last != 'H') {
            return false; // neither ...authorization nor ...auth
        }
        return endsWith(text, start, end, "authorization") || (end - start == 4 && endsWith(text, start, end, "auth"))
                || endsWith(text, start, end, "-auth");
    }

    private static boolean endsWith(String text, int start, int end, String suffix) {
        return end - start >= suffix.length() && text.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
    }

    private static boolean keyChar(char c) {
        return c < 128 ? KEY_CHAR[c] : Character.isLetterOrDigit(c);
    }

    private static final boolean[] KEY_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            KEY_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_-.$@".indexOf(c) >= 0;
        }
    }
}
