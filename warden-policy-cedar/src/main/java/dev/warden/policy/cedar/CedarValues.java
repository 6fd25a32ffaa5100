package dev.warden.policy.cedar;

import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Converts call arguments from Warden's plain Java JSON form to Cedar values, directed by the
 * {@link CedarType} derived from the tool's input schema.
 *
 * <p>Rules: integers (Integer, Long, BigInteger, integral BigDecimal) become Long for an
 * {@code integer} attribute; any number becomes a {@code decimal} for a {@code number} attribute
 * (so {@code 100} and {@code 99.5} have the same Cedar type); strings, booleans, lists (as sets) and
 * maps (as records) map directly; a null or absent optional attribute is omitted; attributes the
 * type does not declare are dropped. A value Cedar cannot represent (a decimal with more than four
 * fractional digits or outside ±922337203685477.5807, an integer outside the 64-bit range, a type
 * mismatch, a missing required attribute) is a {@link ConversionException}: the caller must deny.
 */
final class CedarValues {
    private static final BigDecimal DECIMAL_MIN = new BigDecimal("-922337203685477.5808");
    private static final BigDecimal DECIMAL_MAX = new BigDecimal("922337203685477.5807");
    private static final int DECIMAL_DIGITS = 4;

    /** A value that cannot be converted; the message names the argument path. */
    static final class ConversionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConversionException(String message) {
            super(message);
        }
    }

    private CedarValues() {
    }

    /**
     * Converts a value.
     *
     * @param value the value in plain Java JSON form
     * @param type  its Cedar type
     * @param path  the name to report, e.g. {@code args.amount}
     * @throws ConversionException if the value does not fit the type or Cedar cannot represent it
     */
    static Value convert(Object value, CedarType type, String path) {
        return switch (type) {
            case CedarType.LongType t -> new PrimLong(toLong(value, path));
            case CedarType.DecimalType t -> toDecimal(value, path);
            case CedarType.StringType t -> new PrimString(expect(value, String.class, "string", path));
            case CedarType.BoolType t -> new PrimBool(expect(value, Boolean.class, "boolean", path));
            case CedarType.SetType t -> toSet(value, t, path);
            case CedarType.RecordType t -> toRecord(value, t, path);
        };
    }

    /** Converts the argument map of a call to the {@code context.args} record. */
    static CedarMap convertArgs(Map<String, Object> args, CedarType.RecordType type) {
        return toRecord(args == null ? Map.of() : args, type, "args");
    }

    /**
     * A value of the type with every required attribute present (zeros and empty strings), used to
     * warm the engine up with a request that passes schema checks.
     */
    static Value sample(CedarType type) {
        return switch (type) {
            case CedarType.LongType t -> new PrimLong(0);
            case CedarType.DecimalType t -> new Decimal("0.0");
            case CedarType.StringType t -> new PrimString("");
            case CedarType.BoolType t -> new PrimBool(false);
            case CedarType.SetType t -> new CedarList();
            case CedarType.RecordType t -> {
                CedarMap out = new CedarMap();
                t.attributes().forEach((name, attribute) -> {
                    if (attribute.required()) {
                        out.put(name, sample(attribute.type()));
                    }
                });
                yield out;
            }
        };
    }

    /**
     * The Cedar decimal text of a number ({@code 99.5}, {@code 100.0}).
     *
     * @throws ConversionException if the number has more than four fractional digits or is out of
     *                             Cedar's decimal range
     */
    static String decimalText(Number number, String path) {
        BigDecimal d = toBigDecimal(number, path).stripTrailingZeros();
        if (d.scale() > DECIMAL_DIGITS) {
            throw new ConversionException(path + ": " + d.toPlainString()
                    + " has more than " + DECIMAL_DIGITS + " fractional digits; a Cedar decimal cannot represent it");
        }
        if (d.compareTo(DECIMAL_MIN) < 0 || d.compareTo(DECIMAL_MAX) > 0) {
            throw new ConversionException(path + ": " + d.toPlainString() + " is outside the range of a Cedar decimal");
        }
        return d.setScale(Math.max(1, d.scale())).toPlainString();
    }

    private static Decimal toDecimal(Object value, String path) {
        if (!(value instanceof Number number)) {
            throw mismatch("number", value, path);
        }
        return new Decimal(decimalText(number, path));
    }

    private static long toLong(Object value, String path) {
        try {
            return switch (value) {
                case null -> throw mismatch("integer", null, path);
                case Long l -> l;
                case Integer i -> i;
                case Short s -> s;
                case Byte b -> b;
                case BigInteger i -> i.longValueExact();
                case BigDecimal d -> d.stripTrailingZeros().longValueExact();
                case Number n -> toBigDecimal(n, path).longValueExact();
                default -> throw mismatch("integer", value, path);
            };
        } catch (ArithmeticException e) {
            throw new ConversionException(path + ": " + value + " is not an integer in the 64-bit range of a Cedar Long");
        }
    }

    private static BigDecimal toBigDecimal(Number number, String path) {
        return switch (number) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case Float f when Float.isFinite(f) -> new BigDecimal(Float.toString(f));
            default -> {
                try {
                    yield new BigDecimal(number.toString());
                } catch (NumberFormatException e) {
                    throw new ConversionException(path + ": " + number + " is not a finite number");
                }
            }
        };
    }

    private static CedarList toSet(Object value, CedarType.SetType type, String path) {
        if (!(value instanceof Collection<?> items)) {
            throw mismatch("array", value, path);
        }
        CedarList out = new CedarList();
        int i = 0;
        for (Object item : items) {
            out.add(convert(item, type.element(), path + "[" + i++ + "]"));
        }
        return out;
    }

    private static CedarMap toRecord(Object value, CedarType.RecordType type, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch("object", value, path);
        }
        CedarMap out = new CedarMap();
        for (Map.Entry<String, CedarType.Attribute> e : type.attributes().entrySet()) {
            Object v = map.get(e.getKey());
            String at = path + "." + e.getKey();
            if (v != null) {
                out.put(e.getKey(), convert(v, e.getValue().type(), at));
            } else if (e.getValue().required()) {
                throw new ConversionException(at + ": required");
            }
        }
        return out;
    }

    private static <T> T expect(Object value, Class<T> type, String name, String path) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw mismatch(name, value, path);
    }

    private static ConversionException mismatch(String expected, Object value, String path) {
        String actual = value == null ? "null" : value.getClass().getSimpleName();
        return new ConversionException(path + ": expected " + expected + ", got " + actual);
    }
}
