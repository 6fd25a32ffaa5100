package dev.warden.json;

import java.nio.charset.StandardCharsets;

/**
 * The lexical layer of {@link JsonReader}: a position in UTF-8 bytes, whitespace, digits,
 * strings with their escapes and well-formed UTF-8; the grammar above it is the
 * reader's.
 */
abstract sealed class JsonCursor permits JsonReader {
    final byte[] b;
    final int end;
    int pos;

    JsonCursor(byte[] input, int from, int to) {
        this.b = input;
        this.pos = from;
        this.end = to;
    }

    final boolean at(char c) {
        return pos < end && b[pos] == c;
    }

    final boolean digit() {
        return pos < end && b[pos] >= '0' && b[pos] <= '9';
    }

    final void digits() {
        while (digit()) {
            pos++;
        }
    }

    /** A string at its opening quote; decoded only when {@code build}. */
    final Object string(boolean build) {
        pos++;
        int runStart = pos;
        StringBuilder text = null;
        while (true) {
            if (pos >= end) {
                throw error("unterminated string", pos);
            }
            int c = b[pos] & 0xff;
            if (c == '"') {
                String result = null;
                if (build) {
                    String run = new String(b, runStart, pos - runStart, StandardCharsets.UTF_8);
                    result = text == null ? run : text.append(run).toString();
                }
                pos++;
                return result;
            }
            if (c < 0x20) {
                throw error("unescaped control character in a string", pos);
            }
            if (c >= 0x80) {
                utf8Sequence(c);
                continue;
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (build) {
                if (text == null) {
                    text = new StringBuilder(pos - runStart + 16);
                }
                text.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
            }
            pos++;
            char decoded = escape();
            if (build) {
                text.append(decoded);
            }
            runStart = pos;
        }
    }

    /** The char an escape stands for, the backslash already read; a lone surrogate stays one. */
    final char escape() {
        if (pos >= end) {
            throw error("unterminated escape", pos);
        }
        byte e = b[pos++];
        return switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> (char) (hexDigit() << 12 | hexDigit() << 8 | hexDigit() << 4 | hexDigit());
            default -> throw error("invalid escape", pos - 1);
        };
    }

    final int hexDigit() {
        if (pos >= end) {
            throw error("unterminated \\u escape", pos);
        }
        byte c = b[pos];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
            throw error("invalid hex digit in a \\u escape", pos);
        }
        pos++;
        return d;
    }

    /** Steps over one well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629), its lead byte {@code lead}. */
    final void utf8Sequence(int lead) {
        int start = pos;
        int more;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            more = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            more = 2;
            if (lead == 0xe0) {
                min = 0xa0; // shorter forms are overlong
            } else if (lead == 0xed) {
                max = 0x9f; // beyond are the surrogates, which have no UTF-8 form
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            more = 3;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f; // beyond U+10FFFF
            }
        } else {
            throw error("invalid UTF-8", start);
        }
        pos++;
        for (int i = 0; i < more; i++) {
            int c = pos < end ? b[pos] & 0xff : -1;
            if (c < min || c > max) {
                throw error("invalid UTF-8", start);
            }
            min = 0x80;
            max = 0xbf;
            pos++;
        }
    }

    final void skipWhitespace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    final byte peek() {
        if (pos >= end) {
            throw error("unexpected end of input", pos);
        }
        return b[pos];
    }

    static JsonException error(String problem, int at) {
        return new JsonException(problem, at);
    }
}
