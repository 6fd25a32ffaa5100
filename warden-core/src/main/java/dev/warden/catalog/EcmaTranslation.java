package dev.warden.catalog;

import static dev.warden.catalog.CodePointRanges.ANYTHING;
import static dev.warden.catalog.CodePointRanges.LINE_TERMINATORS;
import static dev.warden.catalog.CodePointRanges.NOTHING;
import static dev.warden.catalog.CodePointRanges.classEscape;
import static dev.warden.catalog.CodePointRanges.complement;
import static dev.warden.catalog.CodePointRanges.escape;
import static dev.warden.catalog.CodePointRanges.ranges;
import static dev.warden.catalog.CodePointRanges.set;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 *
 * <p>This class follows the grammar; escapes are read by {@link EcmaReader}, and sets of code
 * points are written by {@link CodePointRanges}.
 */
final class EcmaTranslation extends EcmaReader {
    /** The largest repetition count accepted in {@code {n,m}}. */
    static final int MAX_COUNT = 100_000;
    private static final String WORD_CLASS = "[0-9A-Z_a-z]";

    private final int groups;
    private final Set<String> names = new HashSet<>();
    private final StringBuilder out = new StringBuilder();

    private EcmaTranslation(String src) {
        super(src);
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

}
