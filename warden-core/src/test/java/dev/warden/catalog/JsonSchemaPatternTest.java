package dev.warden.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pattern} is an ECMA-262 regular expression with the {@code u} flag (JSON Schema 2020-12), not a
 * java.util.regex one. Every expected result below was checked against a JavaScript engine
 * ({@code new RegExp(pattern, "u").test(input)}, Node 20).
 */
class JsonSchemaPatternTest {

    private static boolean matches(String pattern, String input) {
        List<String> violations = JsonSchema.of(Map.of("type", "string", "pattern", pattern)).validate(input, "args");
        return violations.isEmpty();
    }

    private static final String SKU = "^[A-Z0-9-]{1,32}$";

    @Test
    void pattern_anchoredSku_lineBreakSmuggledAfterTheEnd_rejected() {
        assertThat(matches(SKU, "A-1")).isTrue();
        assertThat(matches(SKU, "A-1\n")).as("a trailing \\n").isFalse();
        assertThat(matches(SKU, "A-1\r\n")).as("a trailing \\r\\n").isFalse();
        assertThat(matches(SKU, "A-1\r")).as("a trailing \\r").isFalse();
        assertThat(matches(SKU, "A-1\u2028")).as("a trailing line separator").isFalse();
        assertThat(matches(SKU, "A-1\u2029")).as("a trailing paragraph separator").isFalse();
        assertThat(matches(SKU, "A-1\u0085")).as("a trailing next-line").isFalse();
        assertThat(matches(SKU, "\nA-1")).as("a leading \\n").isFalse();
        assertThat(matches("^a$", "a\nb\na")).as("no multiline").isFalse();
    }

    @Test
    void pattern_violation_namesTheSchemaSourceNotTheTranslation() {
        assertThat(JsonSchema.of(Map.of("pattern", SKU)).validate("A-1\n", "args.sku"))
                .containsExactly("args.sku: does not match pattern " + SKU);
    }

    /** Patterns whose meaning in ECMA-262 differs from the same text in java.util.regex. */
    static List<Arguments> ecmaVersusJava() {
        return List.of(
                // pattern, input, ECMA-262 result (java.util.regex.Pattern.compile(p).matcher(s).find() differs or throws)
                Arguments.of("^a.c$", "a\u0085c", true),            // Java's . excludes NEL, ECMA's does not
                Arguments.of("^a.c$", "a\u2028c", false),
                Arguments.of("^a.c$", "a\rc", false),
                Arguments.of("^a.c$", "a\uD83D\uDE00c", true),    // . is one code point
                Arguments.of("^..$", "\uD83D\uDE00", false),
                Arguments.of("^\\s$", "\u00a0", true),             // Java's \s is ASCII only
                Arguments.of("^\\s$", "\ufeff", true),
                Arguments.of("^\\s$", "\u3000", true),
                Arguments.of("^\\s$", "\u2028", true),
                Arguments.of("^\\s$", "\u0085", false),
                Arguments.of("^\\s$", "\u180e", false),
                Arguments.of("^\\s$", "\u200b", false),
                Arguments.of("^\\S$", "\u00a0", false),
                Arguments.of("^[^\\d\\s]$", "\u00a0", false),
                Arguments.of("^\\d$", "\u0663", false),
                Arguments.of("^\\w$", "\u00e9", false),
                Arguments.of("^[^\\W]$", "\u00e9", false),
                Arguments.of("\\bx", "\u00e9x", true),             // \b uses ASCII \w
                Arguments.of("\\Bx", "\u00e9x", false),
                Arguments.of("^\\v$", "\u000b", true),             // Java's \v is any vertical whitespace
                Arguments.of("^\\v$", "\n", false),
                Arguments.of("^\\cj$", "\n", true),                // Java's \cj is '*'
                Arguments.of("^\\cj$", "*", false),
                Arguments.of("^\\u{1F600}$", "\uD83D\uDE00", true), // Java: syntax error
                Arguments.of("^\\uD83D\\uDE00$", "\uD83D\uDE00", true),
                Arguments.of("^[\\uD83D\\uDE00]$", "\uD83D\uDE00", true),
                Arguments.of("^\\0$", "\u0000", true),             // Java: \0 needs an octal digit
                Arguments.of("^[\\0]$", "\u0000", true),
                Arguments.of("^[^]$", "\n", true),                 // Java: [^] is a syntax error
                Arguments.of("[]", "a", false),                     // Java: [] is a syntax error
                Arguments.of("^[\\b]$", "\b", true),
                Arguments.of("^(?<my_name>a)$", "a", true),        // Java: names are letters and digits only
                Arguments.of("^(?<$x>a)$", "a", true),
                Arguments.of("^[\\[a]$", "[", true),
                Arguments.of("^[[a]$", "[", true),                  // [ inside a class is a character, not a nested class
                Arguments.of("^\\p{Letter}cole$", "\u00e9cole", true),
                Arguments.of("^\\p{L}+$", "\u03a9\u00e9", true),
                Arguments.of("^\\P{L}$", "1", true),
                Arguments.of("^[\\p{Nd}]$", "\u0663", true),
                Arguments.of("^[^\\P{Lu}]$", "A", true),
                Arguments.of("^[^\\P{Lu}]$", "a", false),
                Arguments.of("^\\p{gc=Lu}$", "A", true),
                Arguments.of("^\\p{General_Category=Uppercase_Letter}$", "A", true),
                Arguments.of("^\\p{C}$", "\u0378", true),
                Arguments.of("^\\p{digit}$", "5", true),
                Arguments.of("^\\p{punct}$", "!", true),
                Arguments.of("^\\p{Combining_Mark}$", "\u0301", true),
                Arguments.of("(?<=a)b", "ab", true),
                Arguments.of("(?<!a)b", "ab", false),
                Arguments.of("(?<=^|,)b", "a,b", true));
    }

    @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
    @MethodSource("ecmaVersusJava")
    void pattern_ecmaMeaning_notJavas(String pattern, String input, boolean expected) {
        assertThat(matches(pattern, input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '"', textBlock = """
            [0-9] ~ ab1 ~ true
            ^[A-Z]-[0-9]+$ ~ A-12x ~ false
            a| ~ x ~ true
            ^(?:)$ ~ "" ~ true
            ^a{2,3}$ ~ aaaa ~ false
            ^a{2,}$ ~ aaaa ~ true
            ^a+?$ ~ aa ~ true
            ^(?:a|b)*$ ~ abab ~ true
            ^(a)(b)?$ ~ a ~ true
            ^x*$ ~ "" ~ true
            ^[\\-]$ ~ - ~ true
            ^[\\d-]+$ ~ 1-2 ~ true
            ^[-\\d]$ ~ - ~ true
            ^[\\w-]+$ ~ a-b ~ true
            ^[a-]+$ ~ a- ~ true
            ^\\.$ ~ . ~ true
            ^[.]$ ~ a ~ false
            ^\\/$ ~ / ~ true
            ^\\^\\$$ ~ ^$ ~ true
            ^[$^|]+$ ~ $^| ~ true
            ^[\\]]$ ~ ] ~ true
            ^\\x41\\u0042$ ~ AB ~ true
            (?=a)a ~ a ~ true
            (?!a). ~ a ~ false
            """)
    void pattern_ordinaryEcmaSyntax_meansWhatItSays(String pattern, String input, boolean expected) {
        assertThat(matches(pattern, input)).isEqualTo(expected);
    }

    @Test
    void pattern_escapedControlCharacters_match() {
        assertThat(matches("^\\t\\n\\r\\f\\v$", "\t\n\r\f\u000b")).isTrue();
        assertThat(matches("^[\\cJ]$", "\n")).isTrue();
        assertThat(matches("^[\\u{1F600}-\\u{1F64F}]$", "\uD83D\uDE03")).isTrue();
        assertThat(matches("^[\uD83D\uDE00-\uD83D\uDE03]$", "\uD83D\uDE01")).isTrue();
    }

    /** Java-only syntax, and ECMA-262 that cannot be checked faithfully, is refused when the schema is built. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '"', textBlock = """
            ^[a-z]*+$ ~ a quantifier cannot follow another
            a++ ~ a quantifier cannot follow another
            a?+ ~ a quantifier cannot follow another
            a{2}+ ~ a quantifier cannot follow another
            x{2}{3} ~ a quantifier cannot follow another
            \\Aabc ~ \\A is not an ECMA-262 escape
            abc\\Z ~ \\Z is not an ECMA-262 escape
            abc\\z ~ \\z is not an ECMA-262 escape
            \\Gx ~ \\G is not an ECMA-262 escape
            \\Q.\\E ~ \\Q is not an ECMA-262 escape
            \\h ~ \\h is not an ECMA-262 escape
            \\R ~ \\R is not an ECMA-262 escape
            \\e ~ \\e is not an ECMA-262 escape
            \\a ~ \\a is not an ECMA-262 escape
            \\x{41} ~ \\x needs two hexadecimal digits
            \\x4 ~ \\x needs two hexadecimal digits
            \\u12 ~ \\u needs four hexadecimal digits
            \\u{110000} ~ above U+10FFFF
            \\c1 ~ \\c needs a letter
            \\- ~ \\- is not an ECMA-262 escape
            \\8 ~ \\8 is not an ECMA-262 escape
            \\p{javaLowerCase} ~ \\p{javaLowerCase} is not supported
            \\p{IsLatin} ~ \\p{IsLatin} is not supported
            \\p{Script=Greek} ~ \\p{Script=Greek} is not supported
            (?i)abc ~ inline flags
            (?i:abc) ~ inline flags
            (?>a) ~ (?> is not ECMA-262 group syntax
            (?#c) ~ (?# is not ECMA-262 group syntax
            [a-z&&[^b]] ~ '&&' in a character class
            [a&&b] ~ '&&' in a character class
            [[:alpha:]] ~ lone ']'
            (a)\\1 ~ backreferences
            (?<n>a)\\k<n> ~ backreferences
            (?<a>x)(?<a>y) ~ duplicate group name 'a'
            (?<1a>x) ~ invalid group name
            a{,5} ~ incomplete quantifier
            a{1 ~ incomplete quantifier
            a{2,1} ~ out of order
            a{100001} ~ repetition counts above 100000
            { ~ nothing to repeat
            *a ~ nothing to repeat
            ^* ~ nothing to repeat
            \\b+ ~ nothing to repeat
            (?=a)* ~ nothing to repeat
            } ~ lone '}'
            ] ~ lone ']'
            ( ~ unterminated group
            ) ~ unmatched ')'
            [b-a] ~ out of order
            [\\d-z] ~ a class escape cannot be a range end
            [\\B] ~ \\B is not an ECMA-262 escape
            [abc ~ unterminated character class
            abc\\ ~ '\\' at the end
            """)
    void pattern_notFaithfullyEcma_rejectedAtLoadNamingThePath(String pattern, String why) {
        assertThatThrownBy(() -> JsonSchema.of(Map.of("type", "object",
                "properties", Map.of("sku", Map.of("type", "string", "pattern", pattern)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("$.properties.sku.pattern: invalid regular expression")
                .hasMessageContaining(why);
    }
}
