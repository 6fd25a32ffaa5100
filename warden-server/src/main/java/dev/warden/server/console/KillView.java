package dev.warden.server.console;

import java.util.List;
import java.util.Optional;

/**
 * The scoped kill page: the form, and after a kill what it did.
 *
 * @param chrome the frame
 * @param result what the last kill did (empty: none yet)
 */
public record KillView(Chrome chrome, Optional<Result> result) {
    /**
     * What a scoped kill did.
     *
     * @param scope         the scope, for people ({@code owner alice@example.com})
     * @param killed        the agents it killed
     * @param alreadyKilled the agents in the scope that were killed before
     */
    public record Result(String scope, List<String> killed, List<String> alreadyKilled) {
        /** Copies. */
        public Result {
            killed = List.copyOf(killed);
            alreadyKilled = List.copyOf(alreadyKilled);
        }
    }
}
