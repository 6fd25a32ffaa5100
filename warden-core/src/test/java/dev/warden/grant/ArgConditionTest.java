package dev.warden.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.grant.ArgCondition.Op;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgConditionTest {

    @Test
    void numbersCompareByValueWhateverTheirForm() {
        ArgCondition under50 = new ArgCondition("amount", Op.LT, 50L);

        assertThat(under50.test(Map.of("amount", 49L))).isTrue();
        assertThat(under50.test(Map.of("amount", new BigDecimal("49.99")))).isTrue();
        assertThat(under50.test(Map.of("amount", 49.5d))).isTrue();
        assertThat(under50.test(Map.of("amount", 50L))).isFalse();
        assertThat(under50.test(Map.of("amount", new BigDecimal("50.00")))).isFalse();
        assertThat(under50.test(Map.of("amount", 60L))).isFalse();
        assertThat(new ArgCondition("amount", Op.EQ, new BigDecimal("50.0")).test(Map.of("amount", 50L))).isTrue();
    }

    @Test
    void attack_missingNullOrWrongTypedArgument_neverSatisfiesAnyOperator() {
        for (Op op : List.of(Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE)) {
            ArgCondition c = new ArgCondition("amount", op, 50L);
            assertThat(c.test(Map.of())).as("missing, %s", op).isFalse();
            assertThat(c.test(Map.of("amount", "10"))).as("string, %s", op).isFalse();
            assertThat(c.test(Map.of("amount", true))).as("boolean, %s", op).isFalse();
            assertThat(c.test(Map.of("amount", List.of(10L)))).as("list, %s", op).isFalse();
            assertThat(c.test(Map.of("amount", Map.of("value", 10L)))).as("object, %s", op).isFalse();
            assertThat(c.test(Map.of("amount", Double.NaN))).as("NaN, %s", op).isFalse();
        }
        java.util.HashMap<String, Object> nulled = new java.util.HashMap<>();
        nulled.put("amount", null);
        assertThat(new ArgCondition("amount", Op.NE, 50L).test(nulled)).isFalse();
    }

    @Test
    void dottedPathsReachNestedObjects() {
        ArgCondition customer = new ArgCondition("customer.id", Op.EQ, "c-9");

        assertThat(customer.test(Map.of("customer", Map.of("id", "c-9")))).isTrue();
        assertThat(customer.test(Map.of("customer", Map.of("id", "c-1")))).isFalse();
        assertThat(customer.test(Map.of("customer", "c-9"))).isFalse();
        assertThat(customer.test(Map.of("customer.id", "c-9"))).isFalse();
    }

    @Test
    void inMatchesAnyListedValueOfTheSameType() {
        ArgCondition in = new ArgCondition("region", Op.IN, List.of("eu", "us"));

        assertThat(in.test(Map.of("region", "eu"))).isTrue();
        assertThat(in.test(Map.of("region", "apac"))).isFalse();
        assertThat(new ArgCondition("n", Op.IN, List.of(1L, 2L)).test(Map.of("n", new BigDecimal("2.0")))).isTrue();
        assertThat(new ArgCondition("n", Op.IN, List.of(1L, 2L)).test(Map.of("n", "2"))).isFalse();
    }

    @Test
    void stringsAndBooleans() {
        assertThat(new ArgCondition("s", Op.GE, "b").test(Map.of("s", "c"))).isTrue();
        assertThat(new ArgCondition("s", Op.GE, "b").test(Map.of("s", "a"))).isFalse();
        assertThat(new ArgCondition("f", Op.EQ, true).test(Map.of("f", true))).isTrue();
        assertThat(new ArgCondition("f", Op.NE, true).test(Map.of("f", false))).isTrue();
    }

    @Test
    void malformedConditions_areRefusedNamingThePart() {
        assertThatThrownBy(() -> new ArgCondition("", Op.EQ, 1L)).hasMessageContaining("arg");
        assertThatThrownBy(() -> new ArgCondition("a..b", Op.EQ, 1L)).hasMessageContaining("arg");
        assertThatThrownBy(() -> new ArgCondition("a", Op.LT, true)).hasMessageContaining("boolean");
        assertThatThrownBy(() -> new ArgCondition("a", Op.IN, 1L)).hasMessageContaining("list");
        assertThatThrownBy(() -> new ArgCondition("a", Op.EQ, null)).hasMessageContaining("value");
        assertThatThrownBy(() -> new ArgCondition("a", Op.EQ, Map.of())).hasMessageContaining("value");
        assertThatThrownBy(() -> ArgCondition.fromWire(Map.of("arg", "a", "op", "~", "value", 1L))).hasMessageContaining("op");
        assertThat(ArgCondition.fromWire(Map.of("arg", "amount", "op", "<", "value", 50L)))
                .isEqualTo(new ArgCondition("amount", Op.LT, 50L));
    }
}
