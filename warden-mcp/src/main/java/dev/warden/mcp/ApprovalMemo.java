package dev.warden.mcp;

import dev.warden.approval.ApprovalId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers which approval was opened for which exact call of which agent, so that an agent that
 * simply repeats the call (the only thing an unmodified MCP client can do) redeems the approval
 * once an operator granted it, instead of opening a new one. Bounded (least recently used entries
 * are forgotten first); a forgotten approval can still be redeemed with the explicit
 * {@code _meta} form.
 */
final class ApprovalMemo {
    private static final int MAX = 10_000;

    private final Map<String, ApprovalId> byCall = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ApprovalId> eldest) {
            return size() > MAX;
        }
    };

    synchronized Optional<ApprovalId> find(String agent, String fingerprint) {
        return Optional.ofNullable(byCall.get(agent + "\n" + fingerprint));
    }

    synchronized void remember(String agent, String fingerprint, ApprovalId id) {
        byCall.put(agent + "\n" + fingerprint, id);
    }

    synchronized void forget(String agent, String fingerprint) {
        byCall.remove(agent + "\n" + fingerprint);
    }
}
