package dev.warden.audit.note;

import dev.warden.json.JsonException;
import dev.warden.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The log keys a verifier trusts. Accepts, one or more per file:
 * <ul>
 *   <li>note verifier keys {@code <name>+<hash>+<base64>}, one per line ({@code #} starts a comment);</li>
 *   <li>an Ed25519 JWK {@code {"kty":"OKP","crv":"Ed25519","x":"..."}} or a JWK set {@code {"keys":[...]}};</li>
 *   <li>the answer of {@code GET /v1/audit/keys} ({@code {"keys":[{"verifier_key":"..."}]}}).</li>
 * </ul>
 * A JWK carries no key name: it matches a signature whose key hash, computed from the signature's
 * name and the JWK's public key, equals the one in the signature.
 */
public final class KeyRing {
    private final List<NoteVerifier> named;
    private final List<byte[]> unnamed;

    private KeyRing(List<NoteVerifier> named, List<byte[]> unnamed) {
        this.named = List.copyOf(named);
        this.unnamed = unnamed.stream().map(byte[]::clone).toList();
    }

    /** A ring of note verifier keys. */
    public static KeyRing of(List<NoteVerifier> keys) {
        return new KeyRing(keys, List.of());
    }

    /**
     * Reads a key file.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if it holds no usable key
     */
    public static KeyRing load(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses key text in any of the accepted forms.
     *
     * @throws IllegalArgumentException if it holds no usable key
     */
    public static KeyRing parse(String text) {
        String t = text.strip();
        List<NoteVerifier> named = new ArrayList<>();
        List<byte[]> unnamed = new ArrayList<>();
        if (t.startsWith("{")) {
            Map<String, Object> json;
            try {
                json = JsonReader.parseObject(t);
            } catch (JsonException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
            }
            if (json.get("keys") instanceof List<?> list) {
                for (Object item : list) {
                    if (!(item instanceof Map<?, ?> m)) {
                        throw new IllegalArgumentException("'keys' must hold objects");
                    }
                    addJson(m, named, unnamed);
                }
            } else {
                addJson(json, named, unnamed);
            }
        } else {
            for (String line : t.split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    named.add(NoteVerifier.parse(l));
                }
            }
        }
        if (named.isEmpty() && unnamed.isEmpty()) {
            throw new IllegalArgumentException("no key found");
        }
        return new KeyRing(named, unnamed);
    }

    private static void addJson(Map<?, ?> m, List<NoteVerifier> named, List<byte[]> unnamed) {
        if (m.get("verifier_key") instanceof String v) {
            named.add(NoteVerifier.parse(v));
            return;
        }
        if (!"OKP".equals(m.get("kty")) || !"Ed25519".equals(m.get("crv")) || !(m.get("x") instanceof String x)) {
            throw new IllegalArgumentException("a JWK must be kty OKP, crv Ed25519, with x");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWK's x is not base64url", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the JWK's x is not a 32-byte Ed25519 key");
        }
        unnamed.add(raw);
    }

    /** This ring plus another's keys. */
    public KeyRing with(KeyRing other) {
        List<NoteVerifier> n = new ArrayList<>(named);
        n.addAll(other.named);
        List<byte[]> u = new ArrayList<>(unnamed);
        u.addAll(other.unnamed);
        return new KeyRing(n, u);
    }

    /** Checks a note's signatures against these keys (see {@link SignedNote#verify}). */
    public NoteVerification verify(SignedNote note) {
        List<NoteVerifier> candidates = new ArrayList<>(named);
        for (NoteSignature sig : note.signatures()) {
            for (byte[] key : unnamed) {
                try {
                    NoteVerifier v = NoteVerifier.of(sig.name(), key);
                    if (v.keyHash() == sig.keyHash() && !candidates.contains(v)) {
                        candidates.add(v);
                    }
                } catch (IllegalArgumentException ignored) {
                    // a signature name that is not a valid key name matches no key
                }
            }
        }
        return note.verify(candidates);
    }

    /** Number of keys. */
    public int size() {
        return named.size() + unnamed.size();
    }

    /** Short descriptions of the keys, for messages. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        named.forEach(v -> out.add(v.name() + "+" + v.keyId()));
        unnamed.forEach(k -> out.add("jwk:" + Base64.getUrlEncoder().withoutPadding().encodeToString(k).substring(0, 8) + "..."));
        return out;
    }
}
