package dev.warden.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashes of the audit log: RFC 9162 leaf hash {@code SHA-256(0x00 || entry)} and the chain
 * hash {@code SHA-256(previous || leaf)}. Not thread-safe: one instance per thread.
 */
public final class AuditHashing {
    private static final HexFormat HEX = HexFormat.of();
    private final MessageDigest sha256;

    /** Creates a hasher. */
    public AuditHashing() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The raw leaf hash of a canonical entry. */
    public byte[] leaf(String entry) {
        sha256.update((byte) 0x00);
        return sha256.digest(entry.getBytes(StandardCharsets.UTF_8));
    }

    /** The raw chain hash following {@code previous} (hex) with {@code leaf}. */
    public byte[] chain(String previousHex, byte[] leaf) {
        sha256.update(HEX.parseHex(previousHex));
        return sha256.digest(leaf);
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
