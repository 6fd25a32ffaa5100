package dev.warden.audit.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An Ed25519 verifier key of the C2SP signed-note format: a key name and a public key, written
 * {@code <name>+<key hash, 8 hex>+<base64(0x01 || 32-byte public key)>}. The key hash is the first
 * four bytes of {@code SHA-256(name || 0x0A || 0x01 || public key)}; it prefixes every signature
 * made with the key.
 */
public final class NoteVerifier {
    /** The signed-note algorithm byte of Ed25519. */
    static final byte ALG_ED25519 = 0x01;

    private final String name;
    private final byte[] publicKey;
    private final int keyHash;
    private final PublicKey jdkKey;

    private NoteVerifier(String name, byte[] publicKey) {
        this.name = checkName(name);
        this.publicKey = publicKey.clone();
        this.keyHash = keyHash(name, publicKey);
        this.jdkKey = Ed25519.publicKeyObject(publicKey);
    }

    /** The verifier of {@code name} with a raw 32-byte Ed25519 public key. */
    public static NoteVerifier of(String name, byte[] publicKey) {
        return new NoteVerifier(name, Objects.requireNonNull(publicKey, "publicKey"));
    }

    /**
     * Parses {@code <name>+<hash>+<base64 key>}.
     *
     * @throws IllegalArgumentException if malformed, not Ed25519, or the hash does not match
     */
    public static NoteVerifier parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        // names contain no '+', base64 may: split from the left
        int middle = t.indexOf('+');
        int last = middle > 0 ? t.indexOf('+', middle + 1) : -1;
        if (middle <= 0 || last < 0) {
            throw new IllegalArgumentException("a verifier key is <name>+<hash>+<base64 key>");
        }
        String name = t.substring(0, middle);
        String hash = t.substring(middle + 1, last);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(t.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of a verifier key is not base64", e);
        }
        if (key.length != 33 || key[0] != ALG_ED25519) {
            throw new IllegalArgumentException("not an Ed25519 verifier key (expected 0x01 followed by 32 bytes)");
        }
        NoteVerifier v = new NoteVerifier(name, Arrays.copyOfRange(key, 1, 33));
        if (!hash.matches("[0-9a-f]{8}") || Integer.parseUnsignedInt(hash, 16) != v.keyHash) {
            throw new IllegalArgumentException("the key hash " + hash + " does not match name and key");
        }
        return v;
    }

    /** The key name (the origin of Warden's checkpoints). */
    public String name() {
        return name;
    }

    /** The raw public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-bit key hash. */
    public int keyHash() {
        return keyHash;
    }

    /** The key hash as 8 lower-case hex digits, a short id for the key. */
    public String keyId() {
        return String.format("%08x", keyHash);
    }

    /** True if {@code signature} (64 bytes, without the key hash) signs {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(jdkKey, message, signature);
    }

    /** {@code <name>+<hash>+<base64(0x01 || key)>}. */
    public String encode() {
        byte[] k = new byte[33];
        k[0] = ALG_ED25519;
        System.arraycopy(publicKey, 0, k, 1, 32);
        return name + "+" + keyId() + "+" + Base64.getEncoder().encodeToString(k);
    }

    /** The public key as a JWK (RFC 8037 OKP) with the key id as {@code kid}. */
    public String jwk() {
        return "{\"crv\":\"Ed25519\",\"kid\":\"" + keyId() + "\",\"kty\":\"OKP\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey) + "\"}";
    }

    /** The key hash of {@code name} with an Ed25519 public key. */
    static int keyHash(String name, byte[] publicKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(ALG_ED25519);
            md.update(publicKey);
            byte[] h = md.digest();
            return (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key names are non-empty, without spaces, newlines or '+'. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '+' || c == 0x2014)) {
            throw new IllegalArgumentException("a key name must be non-empty without spaces or '+': " + name);
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifier v && v.name.equals(name) && Arrays.equals(v.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return encode();
    }
}
