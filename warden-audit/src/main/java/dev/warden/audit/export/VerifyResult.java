package dev.warden.audit.export;

import dev.warden.audit.merkle.Hash;

/** The verdict of {@link ExportVerifier} on an export file. */
public sealed interface VerifyResult {

    /**
     * Every entry, leaf hash, checkpoint signature, root and proof checked out.
     *
     * @param firstIndex  index of the first entry in the file
     * @param entries     entries checked
     * @param checkpoints checkpoints checked
     * @param proofs      consistency proofs checked
     * @param size        tree size at the end of the file
     * @param root        root hash at that size (equal to the last checkpoint's)
     */
    record Verified(long firstIndex, long entries, long checkpoints, long proofs, long size, Hash root)
            implements VerifyResult {
    }

    /**
     * The first problem.
     *
     * @param line  1-based line number in the file (0 when the problem is at the end of the file)
     * @param index leaf index concerned, or -1 when none
     * @param what  what is wrong
     */
    record Failed(long line, long index, String what) implements VerifyResult {
        /** A one-line message. */
        public String message() {
            return (line > 0 ? "line " + line + ": " : "end of file: ") + (index >= 0 ? "index " + index + ": " : "") + what;
        }
    }
}
