package dev.warden.audit;

import dev.warden.json.JsonNumbers;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level {@code schema} and {@code seq} of a stored entry, read by parsing its JSON object
 * (nested values are skipped, never searched). The one place {@link ChainVerifier} reads entries;
 * a general JSON reader in core can replace the scanning here.
 *
 * @param schema the top-level {@code schema} string, if present once
 * @param seq    the top-level {@code seq} integer, if present once and within a long
 */
record EntryHeader(Optional<String> schema, Optional<Long> seq) {

    /**
     * Reads the header of {@code entry}.
     *
     * @throws IllegalArgumentException if the entry is not one JSON object or repeats a member
     */
    static EntryHeader of(String entry) {
        return new Scanner(entry).header();
    }

    /** A scanner over one JSON object; values other than the two read ones are skipped. */
    private static final class Scanner {
        private static final int MAX_DEPTH = 1024;
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        EntryHeader header() {
            Optional<String> schema = Optional.empty();
            Optional<Long> seq = Optional.empty();
            Set<String> seen = new HashSet<>();
            expect('{');
            space();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    space();
                    String key = string();
                    if (!seen.add(key)) {
                        throw fail("member \"" + key + "\" appears twice");
                    }
                    space();
                    expect(':');
                    space();
                    int start = i;
                    value(0);
                    if (key.equals("schema") && s.charAt(start) == '"') {
                        i = start;
                        schema = Optional.of(string());
                    } else if (key.equals("seq") && s.charAt(start) != '"') {
                        Number n = JsonNumbers.parse(s.substring(start, i), "seq");
                        seq = n instanceof Long l ? Optional.of(l) : Optional.empty();
                    }
                    space();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    expect('}');
                    break;
                }
            }
            space();
            if (i != s.length()) {
                throw fail("text after the object");
            }
            return new EntryHeader(schema, seq);
        }

        private void value(int depth) {
            if (depth > MAX_DEPTH) {
                throw fail("nested deeper than " + MAX_DEPTH);
            }
            char c = peek();
            switch (c) {
                case '"' -> string();
                case '{' -> container('}', depth, true);
                case '[' -> container(']', depth, false);
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
        }

        private void container(char close, int depth, boolean object) {
            i++;
            space();
            if (peek() == close) {
                i++;
                return;
            }
            while (true) {
                space();
                if (object) {
                    string();
                    space();
                    expect(':');
                    space();
                }
                value(depth + 1);
                space();
                if (peek() == ',') {
                    i++;
                    continue;
                }
                expect(close);
                return;
            }
        }

        private void number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && "0123456789+-.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String text = s.substring(start, i);
            if (!text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw fail("not a JSON value at offset " + start);
            }
        }

        private void literal(String word) {
            if (!s.startsWith(word, i)) {
                throw fail("not a JSON value at offset " + i);
            }
            i += word.length();
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw fail("control character in a string at offset " + (i - 1));
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw fail("cut \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw fail("bad \\u escape at offset " + i);
                        }
                        i += 4;
                    }
                    default -> throw fail("bad escape at offset " + (i - 1));
                }
            }
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw fail("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected '" + c + "' at offset " + (i - 1));
            }
        }

        private IllegalArgumentException fail(String message) {
            return new IllegalArgumentException(message);
        }
    }
}
