package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --when} of {@code warden grants add}, e.g. {@code amount<50}, {@code customer.id==c-9}
 * or {@code region in eu,us}, as the {@code {"arg", "op", "value"}} object the API takes. A value
 * that reads as a number is a number, {@code true}/{@code false} a boolean, a value in double
 * quotes a string as written, anything else a string.
 */
record GrantCondition(String arg, String op, JsonNode value) {
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*(==|!=|<=|>=|<|>|\\s+in\\s+)\\s*(.+?)\\s*");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the accepted form
     */
    static GrantCondition parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--when '" + text + "' is not ARG OP VALUE (OP one of == != < <= > >= in),"
                    + " e.g. 'amount<50' or 'region in eu,us'");
        }
        String op = m.group(2).strip();
        if (op.equals("in")) {
            ArrayNode list = JSON.arrayNode();
            for (String part : m.group(3).split(",", -1)) {
                list.add(scalar(part.strip()));
            }
            return new GrantCondition(m.group(1), op, list);
        }
        return new GrantCondition(m.group(1), op, scalar(m.group(3)));
    }

    private static JsonNode scalar(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return JSON.textNode(v.substring(1, v.length() - 1));
        }
        if (v.equals("true") || v.equals("false")) {
            return JSON.booleanNode(Boolean.parseBoolean(v));
        }
        if (v.matches("-?[0-9]+(\\.[0-9]+)?")) {
            BigDecimal n = new BigDecimal(v);
            return n.scale() <= 0 ? JSON.numberNode(n.toBigInteger()) : JSON.numberNode(n);
        }
        return JSON.textNode(v);
    }

    /** The API's form. */
    ObjectNode json() {
        ObjectNode o = JSON.objectNode();
        o.put("arg", arg);
        o.put("op", op);
        o.set("value", value);
        return o;
    }
}
