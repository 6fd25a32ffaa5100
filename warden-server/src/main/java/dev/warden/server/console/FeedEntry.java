package dev.warden.server.console;

import dev.warden.decision.Decision;
import dev.warden.decision.Reason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recorded decision as the live feed shows it. Made on the deciding thread from what the
 * decision point already holds (no copies); turned into JSON only on a subscriber's writer thread.
 *
 * @param at       when it was decided
 * @param id       the decision id
 * @param agent    the calling agent
 * @param tool     the tool called
 * @param resource the resource named, or null
 * @param decision {@code allow}, {@code deny} or {@code approval_required}
 * @param reasons  why
 */
public record FeedEntry(Instant at, String id, String agent, String tool, String resource, String decision,
                        List<Reason> reasons) {

    /** The entry of a decision. */
    static FeedEntry of(dev.warden.decision.DecisionRequest request, Decision decision, Instant at) {
        return new FeedEntry(at, decision.id().value(), request.caller().agent(), request.action(),
                request.resource().orElse(null), decision.wire(), decision.reasons());
    }

    /** Its JSON object for the stream (plain values; the page sets them as text). */
    Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", at.toString());
        m.put("id", id);
        m.put("agent", agent);
        m.put("tool", tool);
        m.put("resource", resource == null ? "" : resource);
        m.put("decision", decision);
        m.put("reasons", reasons.stream().map(r -> r.code() + ": " + r.message()).toList());
        return m;
    }
}
