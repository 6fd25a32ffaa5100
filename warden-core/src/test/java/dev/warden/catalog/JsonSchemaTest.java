package dev.warden.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {

    private static List<String> check(Map<String, Object> schema, Object value) {
        return JsonSchema.of(schema).validate(value, "args");
    }

    private static Map<String, Object> object(Map<String, Object> properties, Object... extra) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "object");
        m.put("properties", properties);
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return m;
    }

    // --- type ---

    @Test
    void validate_typeString_acceptsStringRejectsOthers() {
        Map<String, Object> s = Map.of("type", "string");
        assertThat(check(s, "x")).isEmpty();
        assertThat(check(s, 5L)).containsExactly("args: expected string, got integer");
        assertThat(check(s, null)).containsExactly("args: expected string, got null");
    }

    @Test
    void validate_typeNumber_acceptsIntegersAndDecimals() {
        Map<String, Object> s = Map.of("type", "number");
        assertThat(check(s, 5L)).isEmpty();
        assertThat(check(s, 5)).isEmpty();
        assertThat(check(s, BigInteger.TEN)).isEmpty();
        assertThat(check(s, new BigDecimal("2.5"))).isEmpty();
        assertThat(check(s, "2.5")).containsExactly("args: expected number, got string");
    }

    @Test
    void validate_typeInteger_rejectsFractionsButAcceptsIntegralDecimals() {
        Map<String, Object> s = Map.of("type", "integer");
        assertThat(check(s, 3L)).isEmpty();
        assertThat(check(s, new BigDecimal("3.0"))).isEmpty();
        assertThat(check(s, new BigDecimal("3.5"))).containsExactly("args: expected integer, got number");
        assertThat(check(s, true)).containsExactly("args: expected integer, got boolean");
    }

    @Test
    void validate_typeObjectArrayBooleanNull_eachChecked() {
        assertThat(check(Map.of("type", "object"), Map.of())).isEmpty();
        assertThat(check(Map.of("type", "object"), List.of())).containsExactly("args: expected object, got array");
        assertThat(check(Map.of("type", "array"), List.of())).isEmpty();
        assertThat(check(Map.of("type", "array"), Map.of())).containsExactly("args: expected array, got object");
        assertThat(check(Map.of("type", "boolean"), false)).isEmpty();
        assertThat(check(Map.of("type", "null"), null)).isEmpty();
        assertThat(check(Map.of("type", "null"), "null")).containsExactly("args: expected null, got string");
    }

    @Test
    void validate_typeList_acceptsAnyListedType() {
        Map<String, Object> s = Map.of("type", List.of("string", "null"));
        assertThat(check(s, "x")).isEmpty();
        assertThat(check(s, null)).isEmpty();
        assertThat(check(s, 1L)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("args: expected ").endsWith(", got integer").contains("string").contains("null");
    }

    @Test
    void validate_nestedProperty_violationNamesThePath() {
        Map<String, Object> s = object(Map.of("amount", Map.of("type", "number")));
        assertThat(check(s, Map.of("amount", "12"))).containsExactly("args.amount: expected number, got string");
    }

    // --- required / additionalProperties ---

    @Test
    void validate_required_missingPropertyNamed() {
        Map<String, Object> s = object(Map.of("sku", Map.of("type", "string")), "required", List.of("sku", "qty"));
        assertThat(check(s, Map.of("sku", "A", "qty", 1L))).isEmpty();
        assertThat(check(s, Map.of("sku", "A"))).containsExactly("args.qty: required");
    }

    @Test
    void validate_additionalPropertiesFalse_rejectsUndeclared() {
        Map<String, Object> s = object(Map.of("sku", Map.of("type", "string")), "additionalProperties", false);
        assertThat(check(s, Map.of("sku", "A"))).isEmpty();
        assertThat(check(s, Map.of("sku", "A", "debug", true))).containsExactly("args.debug: not allowed");
    }

    @Test
    void validate_additionalPropertiesDefault_allowsUndeclared() {
        Map<String, Object> s = object(Map.of("sku", Map.of("type", "string")));
        assertThat(check(s, Map.of("sku", "A", "debug", true))).isEmpty();
    }

    // --- enum / const ---

    @Test
    void validate_enum_acceptsMembersComparingNumbersByValue() {
        Map<String, Object> s = Map.of("enum", List.of("eur", "usd", 1L));
        assertThat(check(s, "usd")).isEmpty();
        assertThat(check(s, new BigDecimal("1.0"))).isEmpty();
        assertThat(check(s, "gbp")).containsExactly("args: must be one of [eur, usd, 1]");
    }

    @Test
    void validate_enumWithNull_acceptsNull() {
        Map<String, Object> s = Map.of("enum", Arrays.asList("a", null));
        assertThat(check(s, null)).isEmpty();
        assertThat(check(s, "b")).containsExactly("args: must be one of [a, null]");
    }

    @Test
    void validate_const_onlyThatValue() {
        Map<String, Object> s = Map.of("const", "prod");
        assertThat(check(s, "prod")).isEmpty();
        assertThat(check(s, "dev")).containsExactly("args: must equal prod");
        assertThat(check(Map.of("const", 5L), 5)).isEmpty();
        assertThat(check(Map.of("const", 5L), 6L)).containsExactly("args: must equal 5");
    }

    // --- numeric bounds ---

    @Test
    void validate_minimumMaximum_inclusive() {
        Map<String, Object> s = Map.of("type", "number", "minimum", 1L, "maximum", new BigDecimal("9.5"));
        assertThat(check(s, 1L)).isEmpty();
        assertThat(check(s, new BigDecimal("9.5"))).isEmpty();
        assertThat(check(s, new BigDecimal("0.99"))).containsExactly("args: must be >= 1");
        assertThat(check(s, 10L)).containsExactly("args: must be <= 9.5");
    }

    @Test
    void validate_exclusiveBounds_excludeTheLimit() {
        Map<String, Object> s = Map.of("type", "number", "exclusiveMinimum", 0L, "exclusiveMaximum", 100L);
        assertThat(check(s, new BigDecimal("0.01"))).isEmpty();
        assertThat(check(s, new BigDecimal("99.99"))).isEmpty();
        assertThat(check(s, 0L)).containsExactly("args: must be > 0");
        assertThat(check(s, 100L)).containsExactly("args: must be < 100");
    }

    @Test
    void validate_numericBounds_ignoreNonNumbers() {
        assertThat(check(Map.of("minimum", 5L), "abc")).isEmpty();
    }

    // --- strings ---

    @Test
    void validate_minLengthMaxLength_countCodePoints() {
        Map<String, Object> s = Map.of("type", "string", "minLength", 2L, "maxLength", 3L);
        assertThat(check(s, "ab")).isEmpty();
        assertThat(check(s, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).isEmpty(); // 3 code points, 6 chars
        assertThat(check(s, "a")).containsExactly("args: at least 2 characters required");
        assertThat(check(s, "abcd")).containsExactly("args: at most 3 characters allowed");
    }

    @Test
    void validate_pattern_searchesUnlessAnchored() {
        assertThat(check(Map.of("pattern", "[0-9]+"), "ab12")).isEmpty();
        assertThat(check(Map.of("pattern", "^[A-Z]-[0-9]+$"), "A-12")).isEmpty();
        assertThat(check(Map.of("pattern", "^[A-Z]-[0-9]+$"), "A-12x"))
                .containsExactly("args: does not match pattern ^[A-Z]-[0-9]+$");
    }

    // --- arrays ---

    @Test
    void validate_items_checksEveryElementWithIndexInPath() {
        Map<String, Object> s = Map.of("type", "array", "items", Map.of("type", "string"));
        assertThat(check(s, List.of("a", "b"))).isEmpty();
        assertThat(check(s, List.of("a", 2L, "c", false)))
                .containsExactly("args[1]: expected string, got integer", "args[3]: expected string, got boolean");
    }

    @Test
    void validate_minItemsMaxItems() {
        Map<String, Object> s = Map.of("type", "array", "minItems", 1L, "maxItems", 2);
        assertThat(check(s, List.of("a"))).isEmpty();
        assertThat(check(s, List.of())).containsExactly("args: at least 1 items required");
        assertThat(check(s, List.of(1L, 2L, 3L))).containsExactly("args: at most 2 items allowed");
    }

    @Test
    void validate_deepNesting_pathOfObjectsAndArrays() {
        Map<String, Object> s = object(Map.of("lines", Map.of("type", "array", "items",
                object(Map.of("qty", Map.of("type", "integer", "minimum", 1L)), "required", List.of("sku")))));
        List<String> v = check(s, Map.of("lines", List.of(Map.of("sku", "A", "qty", 1L), Map.of("qty", 0L))));
        assertThat(v).containsExactlyInAnyOrder("args.lines[1].sku: required", "args.lines[1].qty: must be >= 1");
    }

    @Test
    void validate_manyViolations_cappedAtTen() {
        Map<String, Object> s = Map.of("type", "array", "items", Map.of("type", "string"));
        List<Object> bad = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(check(s, bad)).hasSize(10).first().isEqualTo("args[0]: expected string, got integer");
    }

    // --- building ---

    @Test
    void of_unsupportedKeywordAtRoot_rejectedNamingPath() {
        assertThatThrownBy(() -> JsonSchema.of(Map.of("oneOf", List.of(Map.of("type", "string")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$: unsupported JSON Schema keyword 'oneOf'");
    }

    @Test
    void of_unsupportedKeywordNested_rejectedNamingPath() {
        assertThatThrownBy(() -> JsonSchema.of(object(Map.of("customer", Map.of("$ref", "#/defs/customer")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.properties.customer: unsupported JSON Schema keyword '$ref'");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("type", "array", "items", Map.of("anyOf", List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.items: unsupported JSON Schema keyword 'anyOf'");
    }

    @Test
    void of_annotations_accepted() {
        JsonSchema s = JsonSchema.of(Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "title", "t", "description", "d", "format", "email", "examples", List.of("a@b.c"), "type", "string"));
        assertThat(s.types()).containsExactly("string");
        assertThat(s.validate("not-an-email", "args")).isEmpty(); // format is an annotation only
    }

    @Test
    void of_malformedKeywords_rejectedNamingPath() {
        assertThatThrownBy(() -> JsonSchema.of(Map.of("type", "decimal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.type: unknown type 'decimal'");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("additionalProperties", Map.of("type", "string"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.additionalProperties: only true or false is supported");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("required", "sku")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.required: must be an array of strings");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("minimum", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.minimum: must be a number");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("maxLength", new BigDecimal("2.5"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.maxLength: must be an integer");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("enum", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.enum: must be an array");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("pattern", "([a-z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("$.pattern: invalid regular expression");
        assertThatThrownBy(() -> JsonSchema.of(Map.of("properties", Map.of("a", "string"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("$.properties.a: must be an object");
    }

    @Test
    void typeOf_mapsJavaValuesToJsonTypes() {
        assertThat(JsonSchema.typeOf(Map.of())).isEqualTo("object");
        assertThat(JsonSchema.typeOf(List.of())).isEqualTo("array");
        assertThat(JsonSchema.typeOf(7L)).isEqualTo("integer");
        assertThat(JsonSchema.typeOf(new BigDecimal("7.00"))).isEqualTo("integer");
        assertThat(JsonSchema.typeOf(new BigDecimal("7.01"))).isEqualTo("number");
        assertThat(JsonSchema.typeOf(1.5d)).isEqualTo("number");
        assertThat(JsonSchema.typeOf(new Object())).isEqualTo("unknown");
    }
}
