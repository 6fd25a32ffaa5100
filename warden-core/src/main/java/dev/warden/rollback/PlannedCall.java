package dev.warden.rollback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compensating call as planned: the tool and its arguments, mapped from the original call.
 *
 * @param tool the compensating tool
 * @param args its arguments (plain Java JSON values)
 */
public record PlannedCall(String tool, Map<String, Object> args) {

    /** Copies the arguments, keeping their order. */
    public PlannedCall {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }
}
