package dev.warden.server.config;

import dev.warden.agent.MaturityLevel;
import java.util.List;

/**
 * An agent the configuration registers at first start (its key pair is generated then and written
 * to {@code <data-dir>/keys/<name>.json}).
 *
 * @param name         agent name
 * @param owner        accountable human
 * @param purpose      declared use
 * @param capabilities tools it may claim
 * @param version      agent version
 * @param configDigest its configuration digest
 * @param project      project
 * @param environment  environment
 * @param level        starting level (set explicitly, so audited as such)
 * @param levelReason  why it starts above intern (required then; empty for intern)
 */
public record SeedAgent(String name, String owner, String purpose, List<String> capabilities, String version,
                        String configDigest, String project, String environment, MaturityLevel level,
                        String levelReason) {
}
