package dev.warden.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an ECMA-262 regular expression (the grammar of the {@code u} flag, no other flags) as
 * java.util.regex text that matches the same strings.
 *
 * <p>Each construct is emitted in a form whose Java meaning is not in doubt: characters as
 * {@code \x{..}} escapes, {@code \d \w \s .} and their negations as explicit ranges, {@code ^ $} as
 * {@code \A \z}, {@code \b \B} as lookarounds over ASCII word characters, every group as
 * {@code (?:..)}. What ECMA-262 rejects is rejected (possessive quantifiers, {@code \A}, {@code (?i)}
 * and the other Java-only syntax fall here), and so is ECMA-262 that a translation would change:
 * backreferences (ECMA matches one to a group that did not take part as empty, Java fails it),
 * {@code &&} in a class, and Unicode properties other than General_Category.
 */
final class EcmaTranslation {
    /** The largest repetition count accepted in {@code {n,m}}. */
    static final int MAX_COUNT = 100_000;
    private static final int MAX_CODE_POINT = 0x10FFFF;
    private static final int[] DIGITS = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    /** ECMA-262 WhiteSpace and LineTerminator: TAB..CR, the Zs characters, LS, PS and ZWNBSP. */
    private static final int[] SPACE = {0x09, 0x0D, 0x20, 0x20, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF};
    private static final int[] LINE_TERMINATORS = {0x0A, 0x0A, 0x0D, 0x0D, 0x2028, 0x2029};
    private static final String WORD_CLASS = "[0-9A-Z_a-z]";
    private static final String NOTHING = "[^\\x{0}-\\x{10FFFF}]";
    private static final String ANYTHING = "[\\x{0}-\\x{10FFFF}]";
    private static final String SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/";
    private static final String JAVA_ESCAPES = "AZzGQEhHRXNeaVK";
    /** General_Category values and their aliases, as ECMA-262 accepts them, to Java's short names. */
    private static final Map<String, String> CATEGORIES = categories();

    private final String src;
    private final int groups;
    private final Set<String> names = new HashSet<>();
    private final StringBuilder out = new StringBuilder();
    private int pos;

    private EcmaTranslation(String src) {
        this.src = src;
        this.groups = countGroups(src);
    }

    /**
     * The java.util.regex form of an ECMA-262 pattern.
     *
     * @throws IllegalArgumentException naming what is not (faithfully translatable) ECMA-262 and its index
     */
    static String translate(String source) {
        EcmaTranslation t = new EcmaTranslation(source);
        t.disjunction();
        if (t.more()) {
            throw t.error("unmatched ')'", t.pos);
        }
        return t.out.toString();
    }

    private void disjunction() {
        alternative();
        while (more() && peek() == '|') {
            pos++;
            out.append('|');
            alternative();
        }
    }

    private void alternative() {
        while (more() && peek() != '|' && peek() != ')') {
            term();
        }
    }

    private void term() {
        int c = peek();
        boolean quantifiable = true;
        switch (c) {
            case '^' -> {
                pos++;
                out.append("\\A");
                quantifiable = false;
            }
            case '$' -> {
                pos++;
                out.append("\\z");
                quantifiable = false;
            }
            case '(' -> quantifiable = group();
            case '[' -> characterClass();
            case '.' -> {
                pos++;
                out.append(set(complement(LINE_TERMINATORS)));
            }
            case '\\' -> quantifiable = atomEscape();
            case '*', '+', '?', '{' -> throw error("nothing to repeat before '" + (char) c + "'"
                    + (c == '{' ? " (write \\{ for the character)" : ""), pos);
            case '}' -> throw error("lone '}' (write \\} for the character)", pos);
            case ']' -> throw error("lone ']' (write \\] for the character; ECMA-262 has no nested or POSIX classes)", pos);
            default -> {
                pos += Character.charCount(c);
                out.append(escape(c));
            }
        }
        quantifier(quantifiable);
    }

    private void quantifier(boolean quantifiable) {
        if (!more() || !quantifierStart(peek())) {
            return;
        }
        int at = pos;
        if (!quantifiable) {
            throw error("nothing to repeat: an assertion takes no quantifier", at);
        }
        String q = switch (peek()) {
            case '{' -> braces();
            default -> String.valueOf((char) src.charAt(pos++));
        };
        if (more() && peek() == '?') {
            pos++;
            q += "?";
        }
        if (more() && quantifierStart(peek())) {
            throw error("a quantifier cannot follow another (possessive quantifiers such as *+ are Java's)", pos);
        }
        out.append(q);
    }

    private static boolean quantifierStart(int c) {
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    private String braces() {
        int at = pos;
        pos++;
        long min = number();
        if (min < 0) {
            throw error("incomplete quantifier '{' (write \\{ for the character)", at);
        }
        long max = min;
        boolean comma = more() && peek() == ',';
        if (comma) {
            pos++;
            max = more() && isDigit(peek()) ? number() : -1;
        }
        if (!more() || peek() != '}') {
            throw error("incomplete quantifier '{' (write \\{ for the character)", at);
        }
        pos++;
        if (min > MAX_COUNT || max > MAX_COUNT) {
            throw error("repetition counts above " + MAX_COUNT + " are not supported", at);
        }
        if (max >= 0 && max < min) {
            throw error("numbers out of order in {} quantifier", at);
        }
        return comma ? "{" + min + "," + (max < 0 ? "" : String.valueOf(max)) + "}" : "{" + min + "}";
    }

    /** Decimal digits at the position, capped above {@link #MAX_COUNT}; -1 when there are none. */
    private long number() {
        if (!more() || !isDigit(peek())) {
            return -1;
        }
        long n = 0;
        while (more() && isDigit(peek())) {
            n = Math.min(n * 10 + (src.charAt(pos++) - '0'), MAX_COUNT + 1L);
        }
        return n;
    }

    /** A group or lookaround at '('; returns whether it may take a quantifier. */
    private boolean group() {
        int at = pos;
        pos++;
        boolean quantifiable = true;
        String open = "(?:"; // captures matter only to backreferences, which are refused
        if (startsWith("?")) {
            if (startsWith("?:")) {
                pos += 2;
            } else if (startsWith("?=") || startsWith("?!")) {
                open = "(" + src.substring(pos, pos + 2);
                pos += 2;
                quantifiable = false;
            } else if (startsWith("?<=") || startsWith("?<!")) {
                open = "(" + src.substring(pos, pos + 3);
                pos += 3;
                quantifiable = false;
            } else if (startsWith("?<")) {
                pos += 2;
                groupName(at);
            } else if (pos + 1 >= src.length()) {
                throw error("unterminated group", at);
            } else {
                char n = src.charAt(pos + 1);
                if (n == '-' || n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z') {
                    throw error("inline flags such as (?i) are not supported", at);
                }
                throw error("(?" + n + " is not ECMA-262 group syntax", at);
            }
        }
        out.append(open);
        disjunction();
        if (!more()) {
            throw error("unterminated group", at);
        }
        pos++;
        out.append(')');
        return quantifiable;
    }

    private void groupName(int at) {
        int end = src.indexOf('>', pos);
        if (end < 0) {
            throw error("unterminated group name", at);
        }
        String name = src.substring(pos, end);
        boolean valid = !name.isEmpty();
        for (int i = 0; valid && i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            valid = c == '$' || c == '_' || (i == 0 ? Character.isUnicodeIdentifierStart(c)
                    : c == 0x200C || c == 0x200D || Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
        }
        if (!valid) {
            throw error("invalid group name '" + name + "'", at);
        }
        if (!names.add(name)) {
            throw error("duplicate group name '" + name + "'", at);
        }
        pos = end + 1;
    }

    /** An escape outside a class at '\'; returns whether it may take a quantifier. */
    private boolean atomEscape() {
        int at = pos;
        pos++;
        if (!more()) {
            throw error("'\\' at the end of the pattern", at);
        }
        int c = peek();
        switch (c) {
            case 'b', 'B' -> {
                pos++;
                String w = WORD_CLASS;
                out.append(c == 'b' ? "(?:(?<=" + w + ")(?!" + w + ")|(?<!" + w + ")(?=" + w + "))"
                        : "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))");
                return false;
            }
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                pos++;
                out.append(set(classEscape(c)));
            }
            case 'p', 'P' -> out.append(property(at));
            case 'k' -> throw error("backreferences (\\k<name>) are not supported", at);
            case '0' -> {
                pos++;
                if (more() && isDigit(peek())) {
                    throw error("\\0 followed by a digit (an octal escape) is not ECMA-262", at);
                }
                out.append(escape(0));
            }
            default -> {
                if (c >= '1' && c <= '9') {
                    long n = number();
                    throw error(n <= groups ? "backreferences (\\" + n + ") are not supported"
                            : "\\" + n + " is not an ECMA-262 escape (there is no group " + n + ")", at);
                }
                out.append(escape(characterEscape(at, false)));
            }
        }
        return true;
    }

    /** The character a CharacterEscape (or, in a class, a ClassEscape) after '\' stands for. */
    private int characterEscape(int at, boolean inClass) {
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

    private int unicodeEscape(int at) {
        if (startsWith("{")) {
            int close = src.indexOf('}', pos);
            String digits = close < 0 ? "" : src.substring(pos + 1, close);
            if (digits.isEmpty() || !digits.chars().allMatch(EcmaTranslation::isHex)) {
                throw error("\\u{ needs hexadecimal digits and '}'", at);
            }
            if (digits.length() > 8 || Long.parseLong(digits, 16) > MAX_CODE_POINT) {
                throw error("\\u{" + digits + "} is above U+10FFFF", at);
            }
            pos = close + 1;
            return Integer.parseInt(digits, 16);
        }
        int unit = hex(4, at, "\\u needs four hexadecimal digits (or {...})");
        if (Character.isHighSurrogate((char) unit) && startsWith("\\u") && pos + 6 <= src.length()
                && src.substring(pos + 2, pos + 6).chars().allMatch(EcmaTranslation::isHex)) {
            char low = (char) Integer.parseInt(src.substring(pos + 2, pos + 6), 16);
            if (Character.isLowSurrogate(low)) {
                pos += 6; // with the u flag an escaped surrogate pair is one code point
                return Character.toCodePoint((char) unit, low);
            }
        }
        return unit;
    }

    private int hex(int count, int at, String message) {
        if (pos + count > src.length() || !src.substring(pos, pos + count).chars().allMatch(EcmaTranslation::isHex)) {
            throw error(message, at);
        }
        int value = Integer.parseInt(src.substring(pos, pos + count), 16);
        pos += count;
        return value;
    }

    private String property(int at) {
        boolean negated = peek() == 'P';
        pos++;
        int close = src.indexOf('}', pos);
        if (!startsWith("{") || close < 0) {
            throw error("\\" + (negated ? 'P' : 'p') + " needs a property in braces, e.g. \\p{L}", at);
        }
        String body = src.substring(pos + 1, close);
        int eq = body.indexOf('=');
        String category = eq < 0 ? CATEGORIES.get(body)
                : Set.of("General_Category", "gc").contains(body.substring(0, eq)) ? CATEGORIES.get(body.substring(eq + 1)) : null;
        if (category == null) {
            throw error("\\" + (negated ? 'P' : 'p') + "{" + body + "} is not supported"
                    + " (only General_Category values such as \\p{L}, \\p{Lu}, \\p{Nd})", at);
        }
        pos = close + 1;
        return "\\" + (negated ? 'P' : 'p') + "{" + category + "}";
    }

    /** A class at '['. Characters a class escape or range names are written as explicit ranges. */
    private void characterClass() {
        int at = pos;
        pos++;
        boolean negated = more() && peek() == '^';
        if (negated) {
            pos++;
        }
        List<String> parts = new ArrayList<>();
        while (true) {
            if (!more()) {
                throw error("unterminated character class", at);
            }
            if (peek() == ']') {
                pos++;
                break;
            }
            if (startsWith("&&")) {
                throw error("'&&' in a character class: ECMA-262 reads two '&' characters, java.util.regex an"
                        + " intersection; write \\x26 for the character", pos);
            }
            int from = pos;
            ClassAtom a = classAtom();
            if (startsWith("-") && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++;
                ClassAtom b = classAtom();
                if (a.ranges() != null || b.ranges() != null) {
                    throw error("a class escape cannot be a range end", from);
                }
                if (a.cp() > b.cp()) {
                    throw error("range out of order in character class", from);
                }
                parts.add(escape(a.cp()) + "-" + escape(b.cp()));
            } else {
                parts.add(a.ranges() != null ? a.ranges() : escape(a.cp()));
            }
        }
        if (parts.isEmpty()) {
            out.append(negated ? ANYTHING : NOTHING); // [^] and [], which Java has no syntax for
        } else {
            out.append('[').append(negated ? "^" : "").append(String.join("", parts)).append(']');
        }
    }

    /**
     * One class member: a character, or a class escape as the Java class text of its members.
     *
     * @param cp     the character, when {@code ranges} is null
     * @param ranges Java class text ({@code \x{30}-\x{39}}, {@code \p{Lu}}) of a class escape
     */
    private record ClassAtom(int cp, String ranges) { }

    private ClassAtom classAtom() {
        int c = peek();
        if (c != '\\') {
            pos += Character.charCount(c);
            return new ClassAtom(c, null);
        }
        int at = pos;
        pos++;
        if (!more()) {
            throw error("unterminated character class", at);
        }
        int e = peek();
        return switch (e) {
            case 'b' -> {
                pos++;
                yield new ClassAtom(0x08, null);
            }
            case 'd', 'D', 's', 'S', 'w', 'W' -> {
                pos++;
                yield new ClassAtom(-1, ranges(classEscape(e)));
            }
            case 'p', 'P' -> new ClassAtom(-1, property(at));
            case '0' -> {
                pos++;
                if (more() && isDigit(peek())) {
                    throw error("\\0 followed by a digit (an octal escape) is not ECMA-262", at);
                }
                yield new ClassAtom(0, null);
            }
            default -> new ClassAtom(characterEscape(at, true), null);
        };
    }

    private static int[] classEscape(int c) {
        return switch (c) {
            case 'd' -> DIGITS;
            case 'D' -> complement(DIGITS);
            case 'w' -> WORD;
            case 'W' -> complement(WORD);
            case 's' -> SPACE;
            default -> complement(SPACE);
        };
    }

    /** The code points not in sorted, disjoint {@code [from, to]} pairs. */
    private static int[] complement(int[] pairs) {
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] > next) {
                out.add(next);
                out.add(pairs[i] - 1);
            }
            next = pairs[i + 1] + 1;
        }
        if (next <= MAX_CODE_POINT) {
            out.add(next);
            out.add(MAX_CODE_POINT);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String set(int[] pairs) {
        return pairs.length == 0 ? NOTHING : "[" + ranges(pairs) + "]";
    }

    private static String ranges(int[] pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(escape(pairs[i]));
            if (pairs[i + 1] != pairs[i]) {
                b.append('-').append(escape(pairs[i + 1]));
            }
        }
        return b.toString();
    }

    /** A code point as Java pattern text that means that character alone, in or out of a class. */
    private static String escape(int cp) {
        return isAsciiLetter(cp) || isDigit(cp) ? Character.toString(cp) : String.format("\\x{%X}", cp);
    }

    /** The capturing groups in a pattern, which a decimal escape must not exceed to be ECMA-262. */
    private static int countGroups(String s) {
        int n = 0;
        boolean inClass = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' && (!s.startsWith("?", i + 1)
                    || s.startsWith("?<", i + 1) && !s.startsWith("?<=", i + 1) && !s.startsWith("?<!", i + 1))) {
                n++;
            }
        }
        return n;
    }

    private boolean more() {
        return pos < src.length();
    }

    private int peek() {
        return src.codePointAt(pos);
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private IllegalArgumentException error(String message, int at) {
        return new IllegalArgumentException(message + " at index " + at);
    }

    private static Map<String, String> categories() {
        String[][] aliases = {
                {"C", "Other"}, {"Cc", "Control", "cntrl"}, {"Cf", "Format"}, {"Cn", "Unassigned"},
                {"Co", "Private_Use"}, {"Cs", "Surrogate"}, {"L", "Letter"}, {"LC", "Cased_Letter"},
                {"Ll", "Lowercase_Letter"}, {"Lm", "Modifier_Letter"}, {"Lo", "Other_Letter"},
                {"Lt", "Titlecase_Letter"}, {"Lu", "Uppercase_Letter"}, {"M", "Mark", "Combining_Mark"},
                {"Mc", "Spacing_Mark"}, {"Me", "Enclosing_Mark"}, {"Mn", "Nonspacing_Mark"}, {"N", "Number"},
                {"Nd", "Decimal_Number", "digit"}, {"Nl", "Letter_Number"}, {"No", "Other_Number"},
                {"P", "Punctuation", "punct"}, {"Pc", "Connector_Punctuation"}, {"Pd", "Dash_Punctuation"},
                {"Pe", "Close_Punctuation"}, {"Pf", "Final_Punctuation"}, {"Pi", "Initial_Punctuation"},
                {"Po", "Other_Punctuation"}, {"Ps", "Open_Punctuation"}, {"S", "Symbol"}, {"Sc", "Currency_Symbol"},
                {"Sk", "Modifier_Symbol"}, {"Sm", "Math_Symbol"}, {"So", "Other_Symbol"}, {"Z", "Separator"},
                {"Zl", "Line_Separator"}, {"Zp", "Paragraph_Separator"}, {"Zs", "Space_Separator"}};
        Map<String, String> out = new java.util.HashMap<>();
        for (String[] names : aliases) {
            for (String name : names) {
                out.put(name, names[0]);
            }
        }
        return Map.copyOf(out);
    }
}
