package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rejects a query string that is not well-formed percent-encoded UTF-8. The query parser behind
 * {@code ctx.queryParam} drops or mangles such a parameter without a word, so a filter such as
 * {@code kind=%zz} would silently match everything.
 */
public final class QueryStrings {
    private QueryStrings() {
    }

    /**
     * Checks every name and value of a raw query string.
     *
     * @throws WardenException {@link ErrorCode#INVALID_REQUEST} naming the parameter at fault
     */
    public static void check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String shown = decodeOrNull(name);
            if (shown == null) {
                throw bad("a query parameter name is not valid percent-encoded UTF-8: " + printable(name));
            }
            if (eq >= 0 && decodeOrNull(pair.substring(eq + 1)) == null) {
                throw bad("query parameter " + printable(shown) + " is not valid percent-encoded UTF-8 without NUL characters");
            }
        }
    }

    /** The decoded text, or null when a {@code %} lacks two hex digits, the bytes are not UTF-8, or it holds NUL. */
    static String decodeOrNull(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static WardenException bad(String message) {
        return new WardenException(ErrorCode.INVALID_REQUEST, message);
    }
}
