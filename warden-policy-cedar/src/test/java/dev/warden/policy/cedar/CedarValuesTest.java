package dev.warden.policy.cedar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CedarValuesTest {
    private static final CedarType LONG = new CedarType.LongType();
    private static final CedarType DECIMAL = new CedarType.DecimalType();

    @Test
    void decimalText_representableNumbers_useCedarForm() {
        assertThat(CedarValues.decimalText(new BigDecimal("99.5"), "x")).isEqualTo("99.5");
        assertThat(CedarValues.decimalText(100L, "x")).isEqualTo("100.0");
        assertThat(CedarValues.decimalText(new BigDecimal("1.23450"), "x")).isEqualTo("1.2345");
        assertThat(CedarValues.decimalText(new BigDecimal("1E+2"), "x")).isEqualTo("100.0");
        assertThat(CedarValues.decimalText(new BigDecimal("-0.0001"), "x")).isEqualTo("-0.0001");
        assertThat(CedarValues.decimalText(BigInteger.ZERO, "x")).isEqualTo("0.0");
        assertThat(CedarValues.decimalText(new BigDecimal("922337203685477.5807"), "x")).isEqualTo("922337203685477.5807");
    }

    @Test
    void decimalText_unrepresentableNumbers_fail() {
        assertThatThrownBy(() -> CedarValues.decimalText(new BigDecimal("99.12345"), "args.amount"))
                .isInstanceOf(CedarValues.ConversionException.class)
                .hasMessageContaining("args.amount").hasMessageContaining("4 fractional digits");
        assertThatThrownBy(() -> CedarValues.decimalText(new BigDecimal("922337203685477.5808"), "x"))
                .isInstanceOf(CedarValues.ConversionException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> CedarValues.decimalText(Double.NaN, "x")).isInstanceOf(CedarValues.ConversionException.class);
    }

    @Test
    void convert_numberAttribute_isAlwaysDecimal() {
        assertThat(CedarValues.convert(7, DECIMAL, "x")).isEqualTo(new Decimal("7.0"));
        assertThat(CedarValues.convert(new BigDecimal("7.25"), DECIMAL, "x")).isEqualTo(new Decimal("7.25"));
        assertThatThrownBy(() -> CedarValues.convert("7", DECIMAL, "x")).isInstanceOf(CedarValues.ConversionException.class);
    }

    @Test
    void convert_integerAttribute_isLongWhenIntegral() {
        assertThat(CedarValues.convert(7, LONG, "x")).isEqualTo(new PrimLong(7));
        assertThat(CedarValues.convert(new BigDecimal("7.000"), LONG, "x")).isEqualTo(new PrimLong(7));
        assertThat(CedarValues.convert(BigInteger.valueOf(Long.MAX_VALUE), LONG, "x")).isEqualTo(new PrimLong(Long.MAX_VALUE));
        assertThatThrownBy(() -> CedarValues.convert(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), LONG, "x"))
                .isInstanceOf(CedarValues.ConversionException.class).hasMessageContaining("64-bit");
        assertThatThrownBy(() -> CedarValues.convert(new BigDecimal("7.5"), LONG, "x"))
                .isInstanceOf(CedarValues.ConversionException.class);
        assertThatThrownBy(() -> CedarValues.convert(null, LONG, "x")).isInstanceOf(CedarValues.ConversionException.class);
    }

    @Test
    void convert_recordsAndSets_followTheType() {
        Map<String, CedarType.Attribute> inner = new LinkedHashMap<>();
        inner.put("n", new CedarType.Attribute(LONG, true));
        Map<String, CedarType.Attribute> attrs = new LinkedHashMap<>();
        attrs.put("name", new CedarType.Attribute(new CedarType.StringType(), true));
        attrs.put("flag", new CedarType.Attribute(new CedarType.BoolType(), false));
        attrs.put("tags", new CedarType.Attribute(new CedarType.SetType(new CedarType.StringType()), false));
        attrs.put("inner", new CedarType.Attribute(new CedarType.RecordType(inner), false));
        attrs.put("note", new CedarType.Attribute(new CedarType.StringType(), false));
        CedarType.RecordType type = new CedarType.RecordType(attrs);
        Map<String, Object> args = new HashMap<>(Map.of("name", "n", "flag", true, "tags", List.of("a", "b"),
                "inner", Map.of("n", 3L, "extra", 1L), "undeclared", "x"));
        args.put("note", null);

        CedarMap out = CedarValues.convertArgs(args, type);

        assertThat(out).containsOnlyKeys("name", "flag", "tags", "inner");
        assertThat(out.get("name")).isEqualTo(new PrimString("n"));
        assertThat(out.get("flag")).isEqualTo(new PrimBool(true));
        assertThat(out.get("tags")).isEqualTo(new CedarList(List.<Value>of(new PrimString("a"), new PrimString("b"))));
        assertThat(out.get("inner")).isEqualTo(new CedarMap(Map.of("n", new PrimLong(3))));
    }

    @Test
    void convert_missingRequiredOrWrongType_fails() {
        CedarType.RecordType type = new CedarType.RecordType(Map.of("id", new CedarType.Attribute(new CedarType.StringType(), true)));

        assertThatThrownBy(() -> CedarValues.convertArgs(Map.of(), type))
                .isInstanceOf(CedarValues.ConversionException.class).hasMessage("args.id: required");
        assertThatThrownBy(() -> CedarValues.convertArgs(Map.of("id", 1L), type))
                .isInstanceOf(CedarValues.ConversionException.class).hasMessageContaining("args.id: expected string");
        assertThatThrownBy(() -> CedarValues.convert(List.of("a"), new CedarType.SetType(LONG), "args.s"))
                .isInstanceOf(CedarValues.ConversionException.class).hasMessageContaining("args.s[0]");
    }

    @Test
    void sample_fillsRequiredAttributesOnly() {
        CedarType.RecordType type = new CedarType.RecordType(Map.of(
                "a", new CedarType.Attribute(DECIMAL, true),
                "b", new CedarType.Attribute(LONG, false)));

        assertThat(CedarValues.sample(type)).isEqualTo(new CedarMap(Map.of("a", new Decimal("0.0"))));
    }
}
