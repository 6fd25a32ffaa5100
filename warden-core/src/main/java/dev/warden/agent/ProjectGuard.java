package dev.warden.agent;

import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;

/** Segmentation: the agent's project and environment must be configured. */
public final class ProjectGuard implements Guard {
    private final Projects projects;

    /** A guard checking against the configured {@code projects}. */
    public ProjectGuard(Projects projects) {
        this.projects = projects;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        Agent agent = decision.agent();
        if (!projects.contains(agent.project(), agent.environment())) {
            return Verdict.deny(Reason.of("segmentation", "unknown_project",
                    "project '" + agent.project() + "/" + agent.environment() + "' is not configured"));
        }
        return Verdict.PASS;
    }
}
