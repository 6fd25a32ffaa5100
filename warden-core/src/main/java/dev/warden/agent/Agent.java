package dev.warden.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered agent: a non-human identity with an accountable owner.
 *
 * @param id           immutable SPIFFE id
 * @param owner        the accountable human (ATF I-3)
 * @param purpose      declared intended use and scope (ATF I-4)
 * @param capabilities the tools the agent may claim (ATF I-5 capability manifest)
 * @param version      the agent's version
 * @param configDigest hash of model, prompt and tool definitions: the agent's compound identity
 * @param project      the project the agent belongs to
 * @param environment  the environment within the project
 * @param level        maturity level (a ceiling on what any policy may allow)
 * @param status       lifecycle status
 * @param keys         Ed25519 public keys the agent may authenticate with
 * @param tokenEpoch   incremented on kill; tokens minted under an older epoch are rejected
 * @param createdAt    registration time
 */
public record Agent(
        AgentId id,
        String owner,
        String purpose,
        List<String> capabilities,
        String version,
        String configDigest,
        String project,
        String environment,
        MaturityLevel level,
        AgentStatus status,
        List<AgentKey> keys,
        long tokenEpoch,
        Instant createdAt) {

    /** Copies the lists defensively. */
    public Agent {
        capabilities = List.copyOf(capabilities);
        keys = List.copyOf(keys);
    }

    /** The agent's unique name. */
    public String name() {
        return id.name();
    }

    /** The key with this id, if the agent has one. */
    public Optional<AgentKey> key(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /** A copy with another level. */
    public Agent withLevel(MaturityLevel newLevel) {
        return new Agent(id, owner, purpose, capabilities, version, configDigest, project, environment,
                newLevel, status, keys, tokenEpoch, createdAt);
    }

    /** A copy with another status and token epoch. */
    public Agent withStatus(AgentStatus newStatus, long newEpoch) {
        return new Agent(id, owner, purpose, capabilities, version, configDigest, project, environment,
                level, newStatus, keys, newEpoch, createdAt);
    }
}
