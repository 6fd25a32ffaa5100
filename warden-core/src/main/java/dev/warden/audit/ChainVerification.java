package dev.warden.audit;

/** The result of checking a run of audit records against their hash chain. */
public sealed interface ChainVerification {

    /**
     * Every record checked out.
     *
     * @param count records checked
     * @param head  the position after the last one
     */
    record Intact(long count, AuditHead head) implements ChainVerification {
    }

    /**
     * The first record that does not fit.
     *
     * @param seq    the sequence number where the chain breaks (the expected one if a record is missing)
     * @param reason what is wrong
     */
    record Broken(long seq, String reason) implements ChainVerification {
    }
}
