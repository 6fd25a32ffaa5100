package dev.warden.audit.note;

import java.util.Base64;
import java.util.Objects;

/**
 * One signature line of a signed note: {@code — <name> <base64(4-byte key hash || signature)>}.
 *
 * @param name      the key name
 * @param keyHash   the key hash (first four bytes of the decoded value)
 * @param signature the signature bytes after the key hash (64 bytes for Ed25519)
 */
public record NoteSignature(String name, int keyHash, byte[] signature) {
    /** Copies the signature. */
    public NoteSignature {
        Objects.requireNonNull(name, "name");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The line without its newline: {@code — name base64}. */
    public String line() {
        byte[] value = new byte[4 + signature.length];
        value[0] = (byte) (keyHash >>> 24);
        value[1] = (byte) (keyHash >>> 16);
        value[2] = (byte) (keyHash >>> 8);
        value[3] = (byte) keyHash;
        System.arraycopy(signature, 0, value, 4, signature.length);
        return SignedNote.DASH + " " + name + " " + Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s && s.name.equals(name) && s.keyHash == keyHash
                && java.util.Arrays.equals(s.signature, signature);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyHash;
    }

    @Override
    public String toString() {
        return line();
    }
}
