package dev.warden.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random JSON text as a hostile agent writes it: numbers at and just beyond the limits of
 * the number rule ({@code dev.warden.json.JsonNumbers}: 256 characters, 100 significant digits,
 * exponent within +-100) and far beyond them, strings with escapes, astral characters, unpaired
 * surrogates and bytes that are not UTF-8, deep nesting, duplicate keys and wrong types. Text, not
 * values, so that what no JSON library would write can be sent.
 */
final class HostileJson {
    /** Marks where {@link #utf8} puts bytes that are not UTF-8 (a private-use character no generator writes otherwise). */
    static final char NOT_UTF8 = '\uE0FF';

    private static final String[] CLASSIC_NUMBERS = {"0", "-0", "0.0", "-0.0", "1", "-1", "99.99", "99.9999", "99.99999",
            "100", "100.00", "100.0001", "0.1", "0.5", "1e2", "1E2", "1e-4", "0.00001", "1.5e1", "42", "0.0001",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "1e18", "1e19", "10000000000000000000", "922337203685477.5807", "922337203685477.5808", "-922337203685477.5808",
            "0.10000000149011612", "1e100", "-1e100", "1e-100", "9.999e100", "1e101", "1e-101", "1E+100", "1e+101",
            "1e999999999", "-1e999999999", "1e-999999999", "1e100000000", "1E+2147483647", "1E+2147483648",
            "1e-2147483648", "1e-2147483649", "1e99999999999999999999", "0e999999999", "0.0e-99999999999",
            "-0e-2147483649", "123456789012345678901234567890.123456789012345678901234567890"};
    private static final String[] INVALID_NUMBERS = {"01", "+1", ".5", "1.", "1e", "--1", "0x10", "NaN", "Infinity",
            "-Infinity", "1_000", "1e+-2"};
    private static final String[] WORDS = {"A-1", "SKU-42", "a-1", "A-1\\n", "A-1\\u000a", "Pyongyang", "pyongyang",
            "Paris", "demo://secret", "o-1", "T-9", "USD", "usd", "address", "password", "*", "%", "..", "../etc/passwd",
            "' OR 1=1 --", "<script>", "${jndi:ldap://x}", "null", "true", "apr_", "dec_", " ", "\\t", "\\\"", "\\\\",
            "\\/", "\\b\\f\\r"};
    private static final String[] UNICODE = {"é", "ü", "ß", "漢字", "😀", "\\ud83d\\ude00", "\\u00e9", "\\u0000", "\\u001f",
            "\\u2028", "\\u2029", "\\ufeff", "\\uffff", "\\ufffe", "\\u202e", "e\\u0301", "\\ud800", "\\udfff", "\\udc00\\ud800",
            "\\ud83d", "\\ude00", "\\ud83dx", "\u2028", "\u00a0", "\u0661\u0662", "Ａ－１", String.valueOf(NOT_UTF8)};

    private final Random random;

    HostileJson(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String pick(String... items) {
        return items[random.nextInt(items.length)];
    }

    /** A number's text: ordinary, at the rule's limits, just beyond them, far beyond, or not JSON at all. */
    String number() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> String.valueOf(random.nextInt(2001) - 1000);
            case 2 -> random.nextInt(200) + "." + digits(1 + random.nextInt(6));
            case 3 -> atTheExponentLimit();
            case 4 -> significantDigits(98 + random.nextInt(5));
            case 5 -> textLength(253 + random.nextInt(6));
            case 6 -> chance(0.1) ? pick(INVALID_NUMBERS) : pick(CLASSIC_NUMBERS);
            default -> pick(CLASSIC_NUMBERS);
        };
    }

    /** d.ddd e X with the number's decimal exponent within two of +-100. */
    private String atTheExponentLimit() {
        String sign = chance(0.3) ? "-" : "";
        int exponent = (chance(0.5) ? 1 : -1) * (98 + random.nextInt(5));
        String mantissa = (1 + random.nextInt(9)) + (chance(0.5) ? "." + digits(1 + random.nextInt(20)) : "");
        return sign + mantissa + pick("e", "E", "e+") + exponent;
    }

    /** A number with this many significant digits (the rule allows 100). */
    private String significantDigits(int n) {
        String d = (1 + random.nextInt(9)) + digits(n - 2) + (1 + random.nextInt(9));
        int point = random.nextInt(n + 1);
        return point == 0 || point == n ? d : d.substring(0, point) + "." + d.substring(point);
    }

    /** A number text of exactly this many characters (the rule allows 256), with few significant digits. */
    private String textLength(int n) {
        return chance(0.5) ? "1." + "0".repeat(n - 2) : "0." + "0".repeat(Math.min(n - 3, 98)) + "1" + "0".repeat(Math.max(0, n - 101));
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** A JSON string literal (quotes included) of at most about {@code maxChars} characters. */
    String string(int maxChars) {
        StringBuilder b = new StringBuilder("\"");
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            b.append(switch (random.nextInt(6)) {
                case 0, 1 -> pick(WORDS);
                case 2 -> pick(UNICODE);
                case 3 -> chance(0.7) ? pick(UNICODE) : String.valueOf((char) random.nextInt(0x20)); // a raw control character is not JSON
                case 4 -> ascii(1 + random.nextInt(16));
                default -> pick(UNICODE).repeat(chance(0.8) ? 1 + random.nextInt(40) : Math.max(1, maxChars / 12));
            });
        }
        if (chance(0.04)) {
            b.append(pick("A", "é", "😀", "\\u0041")
                    .repeat(Math.max(1, random.nextInt(Math.max(1, maxChars / 6)))));
        }
        return b.append('"').toString();
    }

    private String ascii(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (0x20 + random.nextInt(0x5f));
            b.append(c == '"' || c == '\\' ? '_' : c);
        }
        return b.toString();
    }

    /** Any JSON value (or, rarely, something that is not JSON). */
    String value(int depth, int maxChars) {
        int kind = depth <= 0 ? random.nextInt(6) : random.nextInt(9);
        return switch (kind) {
            case 0 -> pick("null", "true", "false", chance(0.1) ? pick("True", "nul", "undefined", "'x'") : "null");
            case 1, 2 -> number();
            case 3, 4, 5 -> string(maxChars);
            case 6 -> array(depth - 1, maxChars);
            case 7 -> object(depth - 1, maxChars);
            default -> chance(0.5) ? nested(2 + random.nextInt(80)) : object(depth - 1, maxChars);
        };
    }

    String array(int depth, int maxChars) {
        int n = chance(0.05) ? random.nextInt(2000) : random.nextInt(5);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(n > 50 ? number() : value(depth, maxChars / Math.max(1, n)));
        }
        return "[" + String.join(",", items) + "]";
    }

    String object(int depth, int maxChars) {
        int n = random.nextInt(5);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(key() + ":" + value(depth, maxChars / Math.max(1, n)));
        }
        if (!members.isEmpty() && chance(0.1)) {
            members.add(members.getFirst()); // a duplicate key
        }
        return "{" + String.join(",", members) + "}";
    }

    /** An object member name: ordinary, or one that a careless reader might confuse. */
    String key() {
        return chance(0.7) ? "\"" + pick("a", "b", "sku", "x", "amount", "__proto__", "constructor", "", " ", "k.k", "k[0]",
                "\\u0000", "\\ud800", "é", "😀", "args", "action") + "\"" : string(64);
    }

    /** Arrays and objects nested {@code depth} deep. */
    String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (chance(0.5)) {
                open.append('[');
                close.insert(0, ']');
            } else {
                open.append("{\"a\":");
                close.insert(0, '}');
            }
        }
        return open + number() + close;
    }

    /** An object text of these members; sometimes a member is repeated with another value, or the text is cut or spoilt. */
    String members(List<String> members) {
        List<String> all = new ArrayList<>(members);
        java.util.Collections.shuffle(all, random);
        String text = "{" + String.join(",", all) + "}";
        return chance(0.02) ? spoil(text) : text;
    }

    /** Text that is almost the given JSON: cut short, with garbage after it, or with a comment or trailing comma. */
    String spoil(String text) {
        return switch (random.nextInt(5)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
            case 1 -> text + pick("x", "{}", "]", " // c", "\u0000", "\"");
            case 2 -> text.replaceFirst("\\}$", ",}");
            case 3 -> "/* c */" + text;
            default -> "\uFEFF" + text;
        };
    }

    /**
     * UTF-8 bytes of a JSON text, with every {@link #NOT_UTF8} replaced by bytes that are not UTF-8:
     * an encoded surrogate, an overlong encoding, a stray continuation byte or a truncated sequence.
     */
    byte[] utf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int from = 0;
        for (int i = text.indexOf(NOT_UTF8); i >= 0; i = text.indexOf(NOT_UTF8, from)) {
            out.writeBytes(text.substring(from, i).getBytes(StandardCharsets.UTF_8));
            int[] bad = switch (random.nextInt(5)) {
                case 0 -> new int[] {0xED, 0xA0, 0x80}; // U+D800 encoded as if it were a character
                case 1 -> new int[] {0xC0, 0x80}; // overlong NUL
                case 2 -> new int[] {0x80};
                case 3 -> new int[] {0xF0, 0x9F, 0x98}; // a 4-byte sequence cut short
                default -> new int[] {0xFF, 0xFE};
            };
            for (int b : bad) {
                out.write(b);
            }
            from = i + 1;
        }
        out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
