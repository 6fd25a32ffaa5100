package dev.warden.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets of code points, as sorted, disjoint {@code [from, to]} pairs, and their java.util.regex
 * text: the ECMA-262 meanings of {@code \d \w \s} and the line terminators, and every character
 * written as an escape whose Java meaning is not in doubt.
 */
final class CodePointRanges {
    static final int MAX_CODE_POINT = 0x10FFFF;
    static final int[] LINE_TERMINATORS = {0x0A, 0x0A, 0x0D, 0x0D, 0x2028, 0x2029};
    /** A class no character matches ({@code []} in ECMA-262). */
    static final String NOTHING = "[^\\x{0}-\\x{10FFFF}]";
    /** A class every character matches ({@code [^]} in ECMA-262). */
    static final String ANYTHING = "[\\x{0}-\\x{10FFFF}]";
    private static final int[] DIGITS = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    /** ECMA-262 WhiteSpace and LineTerminator: TAB..CR, the Zs characters, LS, PS and ZWNBSP. */
    private static final int[] SPACE = {0x09, 0x0D, 0x20, 0x20, 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A,
            0x2028, 0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF};

    private CodePointRanges() {
    }

    /** The characters of the class escape {@code \d \D \s \S \w} or {@code \W} (given its letter). */
    static int[] classEscape(int c) {
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
    static int[] complement(int[] pairs) {
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

    /** The pairs as a Java class. */
    static String set(int[] pairs) {
        return pairs.length == 0 ? NOTHING : "[" + ranges(pairs) + "]";
    }

    /** The pairs as the members of a Java class, without the brackets. */
    static String ranges(int[] pairs) {
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
    static String escape(int cp) {
        return EcmaReader.isAsciiLetter(cp) || EcmaReader.isDigit(cp) ? Character.toString(cp) : String.format("\\x{%X}", cp);
    }
}
