package dev.warden.approval;

import dev.warden.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash an approval is bound to: SHA-256 (hex) of the canonical JSON of
 * {@code {agent, action, resource, args}}. Any change to any argument gives another fingerprint.
 */
public final class CallFingerprint {
    private CallFingerprint() {
    }

    /** Computes the fingerprint of one call. */
    public static String of(String agent, String action, String resource, Map<String, Object> args) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("agent", agent);
        call.put("action", action);
        call.put("resource", resource);
        call.put("args", args);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.write(call).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
