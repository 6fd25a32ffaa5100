package dev.warden.agent;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One Ed25519 public key of an agent, as in a JWK of type OKP: the key id and the raw 32-byte
 * public key in base64url ({@code x}).
 *
 * @param keyId the JWK {@code kid}, unique within the agent
 * @param x     base64url (no padding) of the 32-byte Ed25519 public key
 */
public record AgentKey(String keyId, String x) {
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Validates the key id and the key length. */
    public AgentKey {
        if (keyId == null || !KID.matcher(keyId).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "public_keys[].kid must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x == null ? "" : x);
        } catch (IllegalArgumentException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "public_keys[].x is not base64url");
        }
        if (raw.length != 32) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "public_keys[].x must be a 32-byte Ed25519 public key");
        }
    }

    /** The raw 32 public key bytes. */
    public byte[] rawKey() {
        return Base64.getUrlDecoder().decode(x);
    }
}
