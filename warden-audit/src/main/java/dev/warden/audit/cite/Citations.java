package dev.warden.audit.cite;

import dev.warden.WardenException;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.SignedNote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes the {@code cited} section of a document that cites audit records (format {@value #FORMAT}):
 * <ul>
 *   <li>{@code checkpoint}: {@code origin}, {@code size}, {@code root_hash} (hex), {@code key_id},
 *       {@code time} and {@code note}, one C2SP signed checkpoint of the log (the latest: the log
 *       publishes a fresh one when entries arrived since the last);</li>
 *   <li>{@code records}: each cited record, in sequence order, with {@code seq}, {@code index}
 *       ({@code seq - 1}), {@code kind}, {@code time}, {@code leaf_hash} (hex), {@code entry} (a
 *       string: the canonical JSON exactly as hashed, the leaf hash being
 *       {@code SHA-256(0x00 || UTF-8(entry))}) and {@code proof} (hex hashes, the RFC 9162
 *       inclusion proof of {@code index} in the checkpoint's tree);</li>
 *   <li>{@code not_covered}: sequence numbers of records the checkpoint does not cover (appended
 *       after it was signed) or whose proof is no longer available (pruned), cited without proof
 *       nowhere else: a verifier does not accept them.</li>
 * </ul>
 */
public final class Citations {
    /** The format name of the section. */
    public static final String FORMAT = "warden.audit.citations/v1";

    private final VerifiableLog log;

    /** Cites records of {@code log}. */
    public Citations(VerifiableLog log) {
        this.log = java.util.Objects.requireNonNull(log, "log");
    }

    /** The section for {@code records} (duplicates cited once), against the log's latest checkpoint. */
    public Map<String, Object> cite(List<AuditRecord> records) {
        StoredCheckpoint cp = log.checkpoint();
        Map<Long, AuditRecord> bySeq = new TreeMap<>();
        records.forEach(r -> bySeq.put(r.seq(), r));
        List<Map<String, Object>> cited = new ArrayList<>();
        List<Long> notCovered = new ArrayList<>();
        for (AuditRecord r : bySeq.values()) {
            if (r.seq() > cp.size()) {
                notCovered.add(r.seq());
                continue;
            }
            InclusionProof p;
            try {
                p = log.inclusion(r.seq() - 1, cp.size());
            } catch (WardenException e) {
                notCovered.add(r.seq()); // pruned below the prune point: only an export proves it
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", r.seq());
            m.put("index", r.seq() - 1);
            m.put("kind", r.kind());
            m.put("time", r.time().toString());
            m.put("leaf_hash", r.leafHash());
            m.put("entry", r.entry());
            m.put("proof", p.path().stream().map(Hash::hex).toList());
            cited.add(m);
        }
        cited.sort(Comparator.comparingLong(m -> (Long) m.get("seq")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("checkpoint", checkpoint(cp));
        out.put("records", cited);
        out.put("not_covered", notCovered);
        return out;
    }

    private static Map<String, Object> checkpoint(StoredCheckpoint cp) {
        Checkpoint body = Checkpoint.parse(SignedNote.parse(cp.note()).text());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", body.origin());
        m.put("size", cp.size());
        m.put("root_hash", cp.root().hex());
        m.put("key_id", cp.keyId());
        m.put("time", cp.time().toString());
        m.put("note", cp.note());
        return m;
    }
}
