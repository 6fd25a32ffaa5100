package dev.warden.policy.cedar;

/**
 * One loaded policy.
 *
 * @param index      position in load order (also its Cedar id, {@code p<index>})
 * @param wardenId   the id reported to Warden: {@code @id} or {@code <file>#<n>}
 * @param permit     true for a permit, false for a forbid
 * @param approval   whether it is annotated {@code @approval("required")}: on a permit, an approval
 *                   obligation; on a forbid, a hold an approval lifts
 * @param statement  where it came from
 * @param scope      its scope, for {@link CedarPolicyEngine#mayEverPermit}
 * @param terms      its approval's deadline ({@code @approval_ttl}) and approver group
 *                   ({@code @approvers}); {@code NONE} without them
 */
record LoadedPolicy(int index, String wardenId, boolean permit, boolean approval,
                    PolicyFileParser.Statement statement, PolicyScope scope, dev.warden.approval.ApprovalTerms terms) {

    /** A forbid that a human approval lifts: Cedar is given it as a permit and it holds the call. */
    boolean hold() {
        return !permit && approval;
    }

    /** The id the policy has inside Cedar. */
    String cedarId() {
        return cedarId(index);
    }

    /** The Cedar id of the policy at a load-order position. */
    static String cedarId(int index) {
        return "p" + index;
    }
}
