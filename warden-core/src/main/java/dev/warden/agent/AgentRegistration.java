package dev.warden.agent;

import java.util.List;
import java.util.Optional;

/**
 * What an operator submits to register an agent. Every field but {@code level} is required.
 *
 * @param name         unique name (becomes the SPIFFE id)
 * @param owner        accountable human
 * @param purpose      declared intended use
 * @param capabilities tools the agent may claim: catalog names, or a prefix ending in {@code .*}
 * @param version      agent version
 * @param configDigest hash of model, prompt and tool definitions
 * @param project      project
 * @param environment  environment within the project
 * @param level        an explicit starting level; Intern when empty
 * @param keys         one or more Ed25519 public keys
 */
public record AgentRegistration(String name, String owner, String purpose, List<String> capabilities, String version,
                                String configDigest, String project, String environment,
                                Optional<MaturityLevel> level, List<AgentKey> keys) {
}
