package dev.warden.audit.log;

import dev.warden.audit.merkle.Hash;

/** The verdict of {@link LogValidator} on a stored log. */
public sealed interface LogValidation {

    /**
     * Everything recomputed matches what is stored.
     *
     * @param firstIndex  first index still stored (0 unless pruned)
     * @param size        tree size (number of entries ever appended)
     * @param root        recomputed root hash
     * @param checkpoints checkpoints whose signature (and root, where computable) was checked
     */
    record Valid(long firstIndex, long size, Hash root, long checkpoints) implements LogValidation {
    }

    /**
     * The first problem found.
     *
     * @param index  0-based leaf index where the log stops being trustworthy ({@code seq - 1})
     * @param reason what is wrong
     */
    record Corrupt(long index, String reason) implements LogValidation {
        /** A message for operators. */
        public String message() {
            return "audit log is corrupt at index " + index + " (seq " + (index + 1) + "): " + reason;
        }
    }
}
