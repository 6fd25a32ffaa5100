package dev.warden.catalog;

/**
 * The position in an ECMA-262 pattern being translated and the pieces read there the same way in
 * and out of a class: character escapes (hexadecimal, Unicode and surrogate-pair forms) and
 * property escapes. Errors name what is wrong and the index where it starts.
 */
abstract sealed class EcmaReader permits EcmaTranslation {
    private static final String SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/";
    private static final String JAVA_ESCAPES = "AZzGQEhHRXNeaVK";

    final String src;
    int pos;

    EcmaReader(String src) {
        this.src = src;
    }

    /** The character a CharacterEscape (or, in a class, a ClassEscape) after '\' stands for. */
    int characterEscape(int at, boolean inClass) {
        int c = peek();
        pos += Character.charCount(c);
        return switch (c) {
            case 'f' -> 0x0C;
            case 'n' -> 0x0A;
            case 'r' -> 0x0D;
            case 't' -> 0x09;
            case 'v' -> 0x0B;
            case 'c' -> {
                if (!more() || !isAsciiLetter(peek())) {
                    throw error("\\c needs a letter (\\cA to \\cZ)", at);
                }
                yield src.charAt(pos++) % 32;
            }
            case 'x' -> hex(2, at, "\\x needs two hexadecimal digits");
            case 'u' -> unicodeEscape(at);
            default -> {
                if (c < 0x80 && SYNTAX_CHARACTERS.indexOf(c) >= 0 || inClass && c == '-') {
                    yield c;
                }
                String escape = "\\" + Character.toString(c);
                throw error(escape + " is not an ECMA-262 escape"
                        + (c < 0x80 && JAVA_ESCAPES.indexOf(c) >= 0 ? " (it is java.util.regex syntax)" : ""), at);
            }
        };
    }

    int unicodeEscape(int at) {
        if (startsWith("{")) {
            int close = src.indexOf('}', pos);
            String digits = close < 0 ? "" : src.substring(pos + 1, close);
            if (digits.isEmpty() || !digits.chars().allMatch(EcmaReader::isHex)) {
                throw error("\\u{ needs hexadecimal digits and '}'", at);
            }
            if (digits.length() > 8 || Long.parseLong(digits, 16) > CodePointRanges.MAX_CODE_POINT) {
                throw error("\\u{" + digits + "} is above U+10FFFF", at);
            }
            pos = close + 1;
            return Integer.parseInt(digits, 16);
        }
        int unit = hex(4, at, "\\u needs four hexadecimal digits (or {...})");
        if (Character.isHighSurrogate((char) unit) && startsWith("\\u") && pos + 6 <= src.length()
                && src.substring(pos + 2, pos + 6).chars().allMatch(EcmaReader::isHex)) {
            char low = (char) Integer.parseInt(src.substring(pos + 2, pos + 6), 16);
            if (Character.isLowSurrogate(low)) {
                pos += 6; // with the u flag an escaped surrogate pair is one code point
                return Character.toCodePoint((char) unit, low);
            }
        }
        return unit;
    }

    /** {@code count} hexadecimal digits at the position as a number; {@code message} names them when they are not there. */
    int hex(int count, int at, String message) {
        if (pos + count > src.length() || !src.substring(pos, pos + count).chars().allMatch(EcmaReader::isHex)) {
            throw error(message, at);
        }
        int value = Integer.parseInt(src.substring(pos, pos + count), 16);
        pos += count;
        return value;
    }

    /** A property escape at 'p' or 'P' after '\\' (at {@code at}) as Java text: General_Category values only. */
    String property(int at) {
        boolean negated = peek() == 'P';
        pos++;
        int close = src.indexOf('}', pos);
        if (!startsWith("{") || close < 0) {
            throw error("\\" + (negated ? 'P' : 'p') + " needs a property in braces, e.g. \\p{L}", at);
        }
        String body = src.substring(pos + 1, close);
        String category = GeneralCategories.javaName(body);
        if (category == null) {
            throw error("\\" + (negated ? 'P' : 'p') + "{" + body + "} is not supported"
                    + " (only General_Category values such as \\p{L}, \\p{Lu}, \\p{Nd})", at);
        }
        pos = close + 1;
        return "\\" + (negated ? 'P' : 'p') + "{" + category + "}";
    }

    boolean more() {
        return pos < src.length();
    }

    int peek() {
        return src.codePointAt(pos);
    }

    boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(int c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    IllegalArgumentException error(String message, int at) {
        return new IllegalArgumentException(message + " at index " + at);
    }
}
