package dev.warden.catalog;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON Schema {@code pattern}: an ECMA-262 regular expression read as with the {@code u} flag (JSON
 * Schema 2020-12, section 6.4 of the core spec), checked by a java.util.regex translation of it.
 *
 * <p>The same text means different things in the two dialects ({@code $} matches before a final line
 * break in Java, {@code \s} is ASCII there, {@code \v} a class, ...), so the source is not handed to
 * {@link Pattern} as it is: {@link EcmaTranslation} rewrites it construct by construct and refuses
 * what it cannot rewrite faithfully, Java-only syntax included.
 *
 * @param source   the pattern as the schema wrote it
 * @param compiled its java.util.regex translation
 */
record EcmaPattern(String source, Pattern compiled) {

    /**
     * Translates and compiles a pattern.
     *
     * @throws IllegalArgumentException saying what in the pattern is not ECMA-262 or cannot be
     *                                  checked faithfully, and where
     */
    static EcmaPattern compile(String source) {
        String java = EcmaTranslation.translate(source);
        try {
            return new EcmaPattern(source, Pattern.compile(java));
        } catch (PatternSyntaxException e) {
            // the translation is valid Java syntax; what Java refuses (a lookbehind of no obvious maximum length) it cannot check
            throw new IllegalArgumentException("cannot be checked faithfully: " + e.getDescription());
        }
    }

    /** Whether the pattern matches somewhere in {@code s} (patterns are not implicitly anchored). */
    boolean foundIn(String s) {
        return compiled.matcher(s).find();
    }
}
