package dev.warden.grant;

/** Whether a grant stands in for the approval of one call. */
public sealed interface GrantMatch {

    /**
     * The grant covers the call and is active: the call may use it.
     *
     * @param grant the grant as it was when matched (its use is counted with the decision's record)
     */
    record Applies(Grant grant) implements GrantMatch {
    }

    /**
     * The grant does not apply to the call.
     *
     * @param why which part did not match (for logs and tests), e.g. {@code tool}, {@code expired}
     */
    record Skipped(String why) implements GrantMatch {
    }
}
