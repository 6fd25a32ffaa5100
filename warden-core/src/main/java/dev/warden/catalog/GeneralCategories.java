package dev.warden.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Unicode properties an ECMA-262 {@code \p{..}} may name that java.util.regex reads the same:
 * General_Category values and their aliases, alone or as {@code General_Category=} or {@code gc=}.
 */
final class GeneralCategories {
    /** General_Category values and their aliases, as ECMA-262 accepts them, to Java's short names. */
    private static final Map<String, String> CATEGORIES = categories();

    private GeneralCategories() {
    }

    /**
     * Java's short name of the category a property escape's body names ({@code L}, {@code Letter},
     * {@code gc=Lu}); null when it names anything else.
     */
    static String javaName(String body) {
        int eq = body.indexOf('=');
        return eq < 0 ? CATEGORIES.get(body)
                : Set.of("General_Category", "gc").contains(body.substring(0, eq)) ? CATEGORIES.get(body.substring(eq + 1)) : null;
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
        Map<String, String> out = new HashMap<>();
        for (String[] names : aliases) {
            for (String name : names) {
                out.put(name, names[0]);
            }
        }
        return Map.copyOf(out);
    }
}
