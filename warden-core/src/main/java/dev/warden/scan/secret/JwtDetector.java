package dev.warden.scan.secret;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Finds JSON Web Tokens (JWS compact form): three base64url parts joined by dots, the first two
 * starting {@code eyJ} (the encoding of <code>{"</code>), whose header decodes to a JSON object
 * with an {@code alg} member. Score 1.0 with a signature, 0.8 for an unsigned token (empty third
 * part). A five-part JWE is reported the same way when its header decodes.
 */
public final class JwtDetector implements ContentDetector {
    /** The detector id. */
    public static final String ID = "jwt";
    private static final int MAX_PART = 16_384;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Set<DataClass> classes() {
        return Set.of(DataClass.SECRET);
    }

    @Override
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int from = 0;
        for (int at = text.indexOf("eyJ", from); at >= 0; at = text.indexOf("eyJ", from)) {
            from = at + 3;
            if (at > 0 && b64(text.charAt(at - 1))) {
                continue;
            }
            int headerEnd = partEnd(text, at);
            if (headerEnd >= n || text.charAt(headerEnd) != '.' || !text.startsWith("eyJ", headerEnd + 1)) {
                from = Math.max(from, headerEnd);
                continue;
            }
            int payloadEnd = partEnd(text, headerEnd + 1);
            if (payloadEnd >= n || text.charAt(payloadEnd) != '.') {
                from = Math.max(from, payloadEnd);
                continue;
            }
            int end = partEnd(text, payloadEnd + 1);
            int parts = 3;
            while (parts < 5 && end < n && text.charAt(end) == '.' && end + 1 < n && b64(text.charAt(end + 1))) {
                end = partEnd(text, end + 1);
                parts++;
            }
            from = Math.max(from, end);
            if (parts == 4 || !header(text.substring(at, headerEnd)) || payloadEnd - headerEnd < 8) {
                continue;
            }
            out.add(new Finding(DataClass.SECRET, ID, at, end, end == payloadEnd + 1 ? 0.8 : 1.0));
        }
        return out;
    }

    private static boolean header(String part) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(part.replace("=", "")), StandardCharsets.UTF_8).strip();
            return json.startsWith("{") && json.endsWith("}") && json.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int partEnd(String text, int from) {
        int k = from;
        int n = text.length();
        while (k < n && k - from < MAX_PART && b64(text.charAt(k))) {
            k++;
        }
        return k;
    }

    private static boolean b64(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
