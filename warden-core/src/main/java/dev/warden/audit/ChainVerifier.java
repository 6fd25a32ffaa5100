package dev.warden.audit;

import java.util.Optional;

/**
 * Recomputes the hash chain over stored records and reports the first mismatch: an edited entry,
 * a removed, reordered or inserted record, a chain hash that does not follow, or an entry whose
 * own top-level {@code seq} (read by parsing it) is not its record's.
 */
public final class ChainVerifier {
    private final AuditHashing hashing = new AuditHashing();
    private AuditHead head;
    private long count;
    private ChainVerification.Broken broken;

    /** Starts at {@code start} (use {@link AuditHead#EMPTY} to verify from the beginning). */
    public ChainVerifier(AuditHead start) {
        this.head = start;
    }

    /** Checks the next record; once broken, further records are ignored. */
    public void accept(AuditRecord record) {
        if (broken != null) {
            return;
        }
        long expected = head.seq() + 1;
        if (record.seq() != expected) {
            broken = new ChainVerification.Broken(expected, "expected seq " + expected + " but found " + record.seq());
            return;
        }
        byte[] leaf = hashing.leaf(record.entry());
        if (!AuditHashing.hex(leaf).equals(record.leafHash())) {
            broken = new ChainVerification.Broken(record.seq(), "entry does not match its leaf hash");
            return;
        }
        String chain = AuditHashing.hex(hashing.chain(head.chainHash(), leaf));
        if (!chain.equals(record.chainHash())) {
            broken = new ChainVerification.Broken(record.seq(), "chain hash does not follow from the previous entry");
            return;
        }
        String problem = headerProblem(record);
        if (problem != null) {
            broken = new ChainVerification.Broken(record.seq(), problem);
            return;
        }
        head = new AuditHead(record.seq(), chain);
        count++;
    }

    /** Null when the entry's own top-level {@code schema} and {@code seq} are right (parsed, not searched). */
    private static String headerProblem(AuditRecord record) {
        EntryHeader header;
        try {
            header = EntryHeader.of(record.entry());
        } catch (IllegalArgumentException e) {
            return "entry is not a JSON object: " + e.getMessage();
        }
        if (!header.seq().equals(Optional.of(record.seq()))) {
            return "entry carries another sequence number";
        }
        if (!header.schema().equals(Optional.of(AuditEvent.SCHEMA))) {
            return "entry does not carry schema " + AuditEvent.SCHEMA;
        }
        return null;
    }

    /** The verdict so far. */
    public ChainVerification result() {
        return broken != null ? broken : new ChainVerification.Intact(count, head);
    }
}
