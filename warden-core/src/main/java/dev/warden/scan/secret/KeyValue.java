package dev.warden.scan.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value assigned to a named key in a text: {@code key=value}, {@code key: value},
 * {@code "key": "value"}, {@code key := value}, {@code 'key' => 'value'}, header lines such as
 * {@code Authorization: Bearer value}. Found in one pass: keys are read back at most
 * {@value #MAX_KEY} chars from the operator, unquoted values stop at the next blank, delimiter or
 * operator, quoted values at the closing quote, the line end or {@value #MAX_VALUE} chars.
 *
 * @param key        the key as written (without quotes)
 * @param keyStart   index of the key's first char
 * @param valueStart index of the value's first char (inside quotes, after an auth scheme)
 * @param valueEnd   index one past the value's last char
 * @param quoted     whether the value was in quotes
 * @param scheme     the auth scheme word before the value ({@code bearer}, {@code basic}...), or empty
 */
record KeyValue(String key, int keyStart, int valueStart, int valueEnd, boolean quoted, String scheme) {
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 1024;
    private static final List<String> SCHEMES = List.of("bearer", "basic", "token", "digest", "apikey", "api-key", "key", "sso-key");

    /** The value in {@code text}. */
    String value(String text) {
        return text.substring(valueStart, valueEnd);
    }

    /** The key in lower case with only its letters and digits: {@code API_Key} becomes {@code apikey}. */
    String normalizedKey() {
        StringBuilder b = new StringBuilder(key.length());
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** Every key/value assignment in {@code text}, in order. */
    static List<KeyValue> find(String text) {
        List<KeyValue> out = new ArrayList<>();
        int n = text.length();
        for (int p = 0; p < n; p++) {
            char op = text.charAt(p);
            if (op != '=' && op != ':') {
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
                out.add(kv);
                if (kv.quoted()) {
                    p = Math.max(p, kv.valueEnd()); // the closing quote; operators inside a quoted value are not keys
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
        for (int skip = 0; skip < 2 && k > 0 && "\"']".indexOf(text.charAt(k - 1)) >= 0; skip++) {
            k--; // "key": and $config['key'] =
        }
        int keyEnd = k;
        while (k > 0 && keyEnd - k <= MAX_KEY && keyChar(text.charAt(k - 1))) {
            k--;
        }
        if (k == keyEnd || keyEnd - k > MAX_KEY) {
            return null;
        }
        String key = text.substring(k, keyEnd);
        boolean letter = false;
        for (int j = 0; j < key.length(); j++) {
            letter |= Character.isLetter(key.charAt(j));
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
                int sp = text.indexOf(' ', vs);
                if (sp > vs && sp < end) {
                    String first = text.substring(vs, sp).toLowerCase(Locale.ROOT);
                    if (SCHEMES.contains(first) && authKey(key)) {
                        scheme = first;
                        vs = sp + 1;
                    }
                }
                return vs < end ? new KeyValue(key, k, vs, end, true, scheme) : null;
            }
            v++; // an unclosed quote: read on as an unquoted value
        }
        int end = unquotedEnd(text, v);
        if (end <= v) {
            return null;
        }
        String scheme = "";
        String first = text.substring(v, end).toLowerCase(Locale.ROOT);
        if (SCHEMES.contains(first) && authKey(key) && end < n && text.charAt(end) == ' ') {
            int vs = end + 1;
            int ve = unquotedEnd(text, vs);
            return ve > vs ? new KeyValue(key, k, vs, ve, false, first) : null;
        }
        return new KeyValue(key, k, v, end, false, scheme);
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

    private static boolean authKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("authorization") || k.equals("auth") || k.endsWith("-auth");
    }

    private static boolean keyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '@';
    }
}
