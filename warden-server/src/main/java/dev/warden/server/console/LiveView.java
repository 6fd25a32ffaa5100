package dev.warden.server.console;

import java.util.List;

/**
 * The live feed page.
 *
 * @param chrome    the frame
 * @param agent     the agent filter as given ("" for all)
 * @param decision  the decision filter ("" for all)
 * @param stream    the URL of the event stream with these filters
 * @param agents    the names of the agents the operator may see (suggestions for the agent filter)
 * @param decisions the decision values to choose from
 */
public record LiveView(Chrome chrome, String agent, String decision, String stream, List<String> agents,
                       List<Choice> decisions) {
    /** Copies. */
    public LiveView {
        agents = List.copyOf(agents);
        decisions = List.copyOf(decisions);
    }

    /**
     * One option of the decision filter.
     *
     * @param value    its value
     * @param label    its text
     * @param selected whether it is the filter now
     */
    public record Choice(String value, String label, boolean selected) {
    }
}
