package dev.warden.audit.cite;

import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.ProofCheck;
import dev.warden.audit.merkle.ProofVerifier;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.SignedNote;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a {@code cited} section ({@link Citations}) offline, with nothing but the section and
 * the log's public keys: the checkpoint's signature by a trusted key, then for every cited record
 * that its leaf hash recomputed from {@code entry} equals the stated one, that the entry carries
 * the record's {@code seq} and {@code kind}, and that its inclusion proof leads to the signed root.
 * Stops at the first problem and names the record.
 *
 * <p>{@link #references} then checks a document's sections against the verified entries: an item
 * that names a {@code seq} must cite a verified record of the same {@code kind}, and every field
 * the item shares with the entry must hold the entry's value.
 */
public final class CitationVerifier {
    /** Item keys that are not copies of entry fields. */
    private static final Set<String> OWN_KEYS = Set.of("seq", "kind", "time");

    private final KeyRing keys;

    /** A verifier trusting {@code keys}. */
    public CitationVerifier(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Verifies {@code cited} (parsed JSON, as {@link JsonReader} gives it). */
    public CitationCheck verify(Map<String, Object> cited) {
        if (!Citations.FORMAT.equals(cited.get("format"))) {
            return new CitationCheck.Failed(-1, "unsupported citations format " + cited.get("format")
                    + " (this verifier reads " + Citations.FORMAT + ")");
        }
        if (!(cited.get("checkpoint") instanceof Map<?, ?> cp) || !(cp.get("note") instanceof String noteText)) {
            return new CitationCheck.Failed(-1, "no signed checkpoint (checkpoint.note)");
        }
        SignedNote note;
        Checkpoint body;
        try {
            note = SignedNote.parse(noteText);
            body = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return new CitationCheck.Failed(-1, "the checkpoint is malformed: " + e.getMessage());
        }
        if (keys.verify(note) instanceof NoteVerification.Unverified u) {
            return new CitationCheck.Failed(-1, "the checkpoint is not signed by a trusted key: " + u.reason());
        }
        if (cp.get("size") instanceof Long size && size != body.size()) {
            return new CitationCheck.Failed(-1, "the stated size " + size + " differs from the signed checkpoint's " + body.size());
        }
        if (cp.get("root_hash") instanceof String root && !root.equalsIgnoreCase(body.root().hex())) {
            return new CitationCheck.Failed(-1, "the stated root_hash differs from the signed checkpoint's");
        }
        if (!(cited.get("records") instanceof List<?> records)) {
            return new CitationCheck.Failed(-1, "'records' must be a list");
        }
        TreeHasher hasher = new TreeHasher();
        Map<Long, Map<String, Object>> entries = new HashMap<>();
        for (Object o : records) {
            CitationCheck.Failed f = record(o, body, hasher, entries);
            if (f != null) {
                return f;
            }
        }
        return new CitationCheck.Verified(body.origin(), body.size(), body.root(), entries);
    }

    private static CitationCheck.Failed record(Object o, Checkpoint body, TreeHasher hasher, Map<Long, Map<String, Object>> entries) {
        if (!(o instanceof Map<?, ?> r) || !(r.get("seq") instanceof Long seq)) {
            return new CitationCheck.Failed(-1, "a cited record needs an integer seq");
        }
        if (!(r.get("entry") instanceof String entry)) {
            return new CitationCheck.Failed(seq, "the cited record has no entry string");
        }
        if (entries.containsKey(seq)) {
            return new CitationCheck.Failed(seq, "cited twice");
        }
        Hash leaf = hasher.leaf(entry.getBytes(StandardCharsets.UTF_8));
        Hash stated;
        try {
            stated = Hash.ofHex(String.valueOf(r.get("leaf_hash")));
        } catch (IllegalArgumentException e) {
            return new CitationCheck.Failed(seq, "leaf_hash is not 64 hex digits");
        }
        if (!leaf.equals(stated)) {
            return new CitationCheck.Failed(seq, "the entry does not match its leaf_hash (recomputed " + leaf.hex() + "): the record was altered");
        }
        Map<String, Object> fields;
        try {
            fields = JsonReader.parseObject(entry);
        } catch (RuntimeException e) {
            return new CitationCheck.Failed(seq, "the entry is not a JSON object");
        }
        if (!seq.equals(fields.get("seq"))) {
            return new CitationCheck.Failed(seq, "the entry carries seq " + fields.get("seq"));
        }
        if (r.get("kind") != null && !r.get("kind").equals(fields.get("kind"))) {
            return new CitationCheck.Failed(seq, "stated kind " + r.get("kind") + " but the entry is " + fields.get("kind"));
        }
        if (!(r.get("proof") instanceof List<?> path)) {
            return new CitationCheck.Failed(seq, "no inclusion proof");
        }
        List<Hash> hashes = new ArrayList<>();
        try {
            for (Object h : path) {
                hashes.add(Hash.ofHex(String.valueOf(h)));
            }
        } catch (IllegalArgumentException e) {
            return new CitationCheck.Failed(seq, "the inclusion proof holds a malformed hash");
        }
        ProofCheck check = ProofVerifier.verifyInclusion(seq - 1, body.size(), leaf, hashes, body.root());
        if (check instanceof ProofCheck.Invalid bad) {
            return new CitationCheck.Failed(seq, "the inclusion proof against the checkpoint (size " + body.size()
                    + ") does not verify: " + bad.reason());
        }
        entries.put(seq, fields);
        return null;
    }

    /**
     * Checks the items of a document section that cite records: each item with a {@code seq} must
     * name a verified record of its {@code kind}, and each of its other keys that the entry also has
     * must hold the entry's value.
     *
     * @param section the section's name, for the message
     * @return the first problem, or null
     */
    public static CitationCheck.Failed references(CitationCheck.Verified verified, String section, List<?> items) {
        for (Object o : items) {
            if (!(o instanceof Map<?, ?> item) || !item.containsKey("seq")) {
                continue;
            }
            if (!(item.get("seq") instanceof Long seq)) {
                return new CitationCheck.Failed(-1, section + ": an item's seq is not an integer");
            }
            Map<String, Object> entry = verified.entries().get(seq);
            if (entry == null) {
                return new CitationCheck.Failed(seq, section + " refers to a record that is not cited with a proof");
            }
            if (item.get("kind") != null && !item.get("kind").equals(entry.get("kind"))) {
                return new CitationCheck.Failed(seq, section + " says kind " + item.get("kind") + " but the record is " + entry.get("kind"));
            }
            for (Map.Entry<?, ?> e : item.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!OWN_KEYS.contains(key) && entry.containsKey(key) && !Objects.equals(e.getValue(), entry.get(key))) {
                    return new CitationCheck.Failed(seq, section + ": field " + key + " differs from the cited record");
                }
            }
        }
        return null;
    }
}
