package dev.warden.audit.note;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 signer key of the C2SP signed-note format, written
 * {@code PRIVATE+KEY+<name>+<key hash>+<base64(0x01 || 32-byte seed)>} (the format of
 * golang.org/x/mod/sumdb/note). Keep the text secret; {@link #verifier()} is the public half.
 */
public final class NoteSigner {
    private static final String PREFIX = "PRIVATE+KEY+";
    private final byte[] seed;
    private final NoteVerifier verifier;
    private final PrivateKey jdkKey;

    private NoteSigner(String name, byte[] seed) {
        this.seed = seed.clone();
        this.verifier = NoteVerifier.of(name, Ed25519.publicKey(seed));
        this.jdkKey = Ed25519.privateKey(seed);
    }

    /** A new random key named {@code name}. */
    public static NoteSigner generate(String name, SecureRandom random) {
        return new NoteSigner(NoteVerifier.checkName(name), Ed25519.newSeed(random));
    }

    /** The key of {@code name} with a 32-byte Ed25519 seed (RFC 8032 private key). */
    public static NoteSigner of(String name, byte[] seed) {
        return new NoteSigner(NoteVerifier.checkName(name), Objects.requireNonNull(seed, "seed"));
    }

    /**
     * Parses {@code PRIVATE+KEY+<name>+<hash>+<base64 seed>}.
     *
     * @throws IllegalArgumentException if malformed or the hash does not match
     */
    public static NoteSigner parse(String text) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (!t.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signer key starts with " + PREFIX);
        }
        String rest = t.substring(PREFIX.length());
        int middle = rest.indexOf('+');
        int last = middle > 0 ? rest.indexOf('+', middle + 1) : -1;
        if (middle <= 0 || last < 0) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<hash>+<base64 key>");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(rest.substring(last + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of a signer key is not base64", e);
        }
        if (key.length != 33 || key[0] != NoteVerifier.ALG_ED25519) {
            throw new IllegalArgumentException("not an Ed25519 signer key");
        }
        NoteSigner signer = of(rest.substring(0, middle), Arrays.copyOfRange(key, 1, 33));
        if (!signer.verifier.keyId().equals(rest.substring(middle + 1, last))) {
            throw new IllegalArgumentException("the key hash does not match name and key");
        }
        return signer;
    }

    /** The key name. */
    public String name() {
        return verifier.name();
    }

    /** The public half. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(jdkKey, message);
    }

    /** {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>}: secret. */
    public String encode() {
        byte[] k = new byte[33];
        k[0] = NoteVerifier.ALG_ED25519;
        System.arraycopy(seed, 0, k, 1, 32);
        return PREFIX + name() + "+" + verifier.keyId() + "+" + Base64.getEncoder().encodeToString(k);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "NoteSigner[" + verifier.name() + "+" + verifier.keyId() + "]";
    }
}
