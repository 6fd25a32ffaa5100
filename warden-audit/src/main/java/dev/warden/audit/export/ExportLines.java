package dev.warden.audit.export;

import dev.warden.audit.merkle.Hash;
import dev.warden.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of Warden's verifiable export (format {@value #FORMAT}). Every line is one JSON object
 * with a {@code type}:
 * <ul>
 *   <li>{@code header}: {@code format}, {@code origin}, {@code from}, {@code to}, {@code keys}
 *       (the log's published verifier keys, for information only: verify with keys you trust);</li>
 *   <li>{@code frontier}: {@code size} and {@code hashes}, the subtree roots of the tree before the
 *       first exported entry (only when the export does not start at 0);</li>
 *   <li>{@code entry}: {@code index} (0-based leaf index, {@code seq - 1}), {@code leaf_hash} (hex)
 *       and {@code entry}, the canonical entry exactly as hashed;</li>
 *   <li>{@code consistency}: {@code from}, {@code to}, {@code proof} (hex), an RFC 9162 consistency
 *       proof between two checkpoint sizes;</li>
 *   <li>{@code checkpoint}: {@code size} and {@code note}, a C2SP signed checkpoint, written right
 *       after the entry that brings the tree to its size.</li>
 * </ul>
 */
public final class ExportLines {
    /** The format name in the header. */
    public static final String FORMAT = "warden.audit.export/v1";

    private ExportLines() {
    }

    /** The header line (UTF-8, without newline). */
    public static byte[] header(String origin, long from, long to, List<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "header");
        m.put("format", FORMAT);
        m.put("origin", origin);
        m.put("from", from);
        m.put("to", to);
        m.put("keys", keys);
        return bytes(CanonicalJson.write(m));
    }

    /** The frontier line (UTF-8, without newline). */
    public static byte[] frontier(long size, List<Hash> roots) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "frontier");
        m.put("size", size);
        m.put("hashes", roots.stream().map(Hash::hex).toList());
        return bytes(CanonicalJson.write(m));
    }

    /** {@code {"type":"entry","index":..,"leaf_hash":"..","entry":<entry as is>}}. */
    /** The entry line (UTF-8, without newline). */
    public static byte[] entry(long index, String leafHash, String entry) {
        StringBuilder b = new StringBuilder(entry.length() + 120);
        b.append("{\"type\":\"entry\",\"index\":").append(index).append(",\"leaf_hash\":\"").append(leafHash)
                .append("\",\"entry\":").append(entry).append('}');
        return bytes(b.toString());
    }

    /** The consistency line (UTF-8, without newline). */
    public static byte[] consistency(long from, long to, List<Hash> proof) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "consistency");
        m.put("from", from);
        m.put("to", to);
        m.put("proof", proof.stream().map(Hash::hex).toList());
        return bytes(CanonicalJson.write(m));
    }

    /** The checkpoint line (UTF-8, without newline). */
    public static byte[] checkpoint(long size, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "checkpoint");
        m.put("size", size);
        m.put("note", note);
        return bytes(CanonicalJson.write(m));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
