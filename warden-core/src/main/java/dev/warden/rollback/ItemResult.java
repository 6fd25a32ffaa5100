package dev.warden.rollback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What running one item gave.
 *
 * @param state      where the item stands
 * @param decisionId the compensation's decision id, once decided
 * @param reasons    the decision's reasons (wire form), when decided
 * @param at         when the item was run
 * @param detail     what went wrong forwarding, or other detail for the operator
 */
public record ItemResult(ItemState state, Optional<String> decisionId, List<Map<String, Object>> reasons,
                         Optional<Instant> at, Optional<String> detail) {

    /** Copies the reasons. */
    public ItemResult {
        reasons = List.copyOf(reasons);
    }

    /** A result with nothing but a state. */
    public static ItemResult of(ItemState state) {
        return new ItemResult(state, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }
}
