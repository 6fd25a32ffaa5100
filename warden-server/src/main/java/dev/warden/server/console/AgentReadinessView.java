package dev.warden.server.console;

import java.util.List;

/**
 * An agent's promotion readiness and shadow-mode figures: the agent page's section loaded after
 * the page, because counting them reads the agent's audit trail.
 *
 * @param chrome    the frame (used when the section is opened as a page of its own)
 * @param agent     the agent's name
 * @param readiness its promotion gates and the next level's controls
 * @param shadow    what shadow mode measured at its next level
 */
public record AgentReadinessView(Chrome chrome, String agent, AgentPageView.ReadinessView readiness, List<Figure> shadow) {
    /** Copies. */
    public AgentReadinessView {
        shadow = List.copyOf(shadow);
    }
}
