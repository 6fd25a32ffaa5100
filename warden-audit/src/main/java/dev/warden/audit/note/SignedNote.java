package dev.warden.audit.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): UTF-8 text ending in a newline, a blank line,
 * then one signature line per signer, {@code — <key name> <base64(key hash || signature)>}. The
 * signature covers the text bytes exactly.
 *
 * @param text       the signed text, ending in a newline
 * @param signatures the signature lines, in order
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
    /** U+2014 EM DASH, which starts a signature line. */
    public static final String DASH = "\u2014";

    /** Checks the text and copies the list. */
    public SignedNote {
        checkText(text);
        signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} with each signer. */
    public static SignedNote sign(String text, NoteSigner... signers) {
        checkText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<NoteSignature> sigs = new ArrayList<>();
        for (NoteSigner s : signers) {
            sigs.add(new NoteSignature(s.name(), s.verifier().keyHash(), s.sign(message)));
        }
        return new SignedNote(text, sigs);
    }

    /**
     * Parses a signed note.
     *
     * @throws IllegalArgumentException if it is not a well-formed signed note
     */
    public static SignedNote parse(String note) {
        Objects.requireNonNull(note, "note");
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String rest = note.substring(split + 2);
        if (rest.isEmpty() || !rest.endsWith("\n")) {
            throw new IllegalArgumentException("a signed note ends with signature lines, each ending in a newline");
        }
        List<NoteSignature> sigs = new ArrayList<>();
        for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
            sigs.add(parseLine(line));
        }
        return new SignedNote(text, sigs);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(DASH + " ")) {
            throw new IllegalArgumentException("a signature line starts with '\u2014 ': " + abbreviate(line));
        }
        String[] parts = line.substring(2).split(" ", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("a signature line is '\u2014 <name> <signature>': " + abbreviate(line));
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signature is base64: " + abbreviate(line), e);
        }
        if (value.length < 5) {
            throw new IllegalArgumentException("a signature is a 4-byte key hash and the signature: " + abbreviate(line));
        }
        int hash = (value[0] & 0xff) << 24 | (value[1] & 0xff) << 16 | (value[2] & 0xff) << 8 | (value[3] & 0xff);
        return new NoteSignature(parts[0], hash, java.util.Arrays.copyOfRange(value, 4, value.length));
    }

    /**
     * Checks the signatures against trusted keys: signatures by unknown keys are ignored (as the
     * format asks); a signature by a trusted key that does not verify fails the note.
     */
    public NoteVerification verify(Collection<NoteVerifier> trusted) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<NoteVerifier> ok = new ArrayList<>();
        for (NoteSignature sig : signatures) {
            for (NoteVerifier key : trusted) {
                if (key.name().equals(sig.name()) && key.keyHash() == sig.keyHash()) {
                    if (!key.verify(message, sig.signature())) {
                        return new NoteVerification.Unverified("the signature by " + key.name() + "+" + key.keyId()
                                + " does not verify");
                    }
                    ok.add(key);
                }
            }
        }
        if (ok.isEmpty()) {
            List<String> seen = signatures.stream().map(s -> s.name() + "+" + String.format("%08x", s.keyHash())).toList();
            return new NoteVerification.Unverified("no signature by a trusted key (signed by " + seen + ")");
        }
        return new NoteVerification.Verified(ok);
    }

    /** The note text: the signed text, a blank line and the signature lines. */
    public String format() {
        StringBuilder b = new StringBuilder(text).append('\n');
        for (NoteSignature s : signatures) {
            b.append(s.line()).append('\n');
        }
        return b.toString();
    }

    private static void checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text of a note must end with a newline");
        }
        if (text.contains("\n\n")) {
            throw new IllegalArgumentException("the text of a note must not contain a blank line");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public String toString() {
        return format();
    }
}
