package dev.warden.audit.cite;

import dev.warden.audit.merkle.Hash;
import java.util.Map;

/** The verdict of {@link CitationVerifier} on a {@code cited} section. */
public sealed interface CitationCheck {

    /**
     * The checkpoint's signature, every cited record's leaf hash and inclusion proof checked out.
     *
     * @param origin  the checkpoint's origin
     * @param size    the checkpoint's tree size
     * @param root    its root hash
     * @param entries the verified entries by sequence number, each its parsed canonical JSON
     */
    record Verified(String origin, long size, Hash root, Map<Long, Map<String, Object>> entries) implements CitationCheck {
        /** Copies the map. */
        public Verified {
            entries = Map.copyOf(entries);
        }
    }

    /**
     * The first problem.
     *
     * @param seq  sequence number of the record concerned, or -1 when none (the checkpoint, the structure)
     * @param what what is wrong
     */
    record Failed(long seq, String what) implements CitationCheck {
        /** A one-line message naming the record. */
        public String message() {
            return (seq >= 0 ? "record seq " + seq + ": " : "") + what;
        }
    }
}
