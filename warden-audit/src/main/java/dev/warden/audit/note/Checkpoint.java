package dev.warden.audit.note;

import dev.warden.audit.merkle.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP checkpoint (https://c2sp.org/tlog-checkpoint): the body of a signed note committing to a
 * log's size and root hash.
 *
 * <pre>
 * warden.local/audit
 * 15
 * 8N1ODx0Wn2N6oQz8c3J0G9yIZcR3tZGLgqtpeGqF6Tc=
 * </pre>
 *
 * @param origin     the log's unique name, the first line
 * @param size       the tree size, in decimal
 * @param root       the RFC 9162 root hash of that tree, in standard base64
 * @param extensions further non-empty lines (Warden writes none)
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
    /** Checks the fields. */
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("the origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
        Objects.requireNonNull(root, "root");
        extensions = List.copyOf(extensions);
        for (String e : extensions) {
            if (e.isEmpty() || e.contains("\n")) {
                throw new IllegalArgumentException("an extension is one non-empty line");
            }
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    /** The note text: origin, size and root hash lines, then the extension lines. */
    public String body() {
        StringBuilder b = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(root.base64()).append('\n');
        extensions.forEach(e -> b.append(e).append('\n'));
        return b.toString();
    }

    /** Signs the body. */
    public SignedNote sign(NoteSigner... signers) {
        return SignedNote.sign(body(), signers);
    }

    /**
     * Parses a checkpoint body (the text of a signed note).
     *
     * @throws IllegalArgumentException if it is not a checkpoint
     */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a checkpoint has an origin, a tree size and a root hash line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("the tree size line is not a decimal number: " + lines[1]);
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the tree size is too large: " + lines[1], e);
        }
        Hash root;
        try {
            root = Hash.ofBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash line is not base64 of 32 bytes", e);
        }
        return new Checkpoint(lines[0], size, root, List.of(lines).subList(3, lines.length));
    }
}
