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
 * @param levelSince   when the agent reached its current level (time at level counts from it)
 * @param levelBasis   how it reached it: started, granted without gates, promoted or demoted
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
        Instant createdAt,
        Instant levelSince,
        LevelBasis levelBasis) {

    /** Copies the lists defensively. */
    public Agent {
        capabilities = List.copyOf(capabilities);
        keys = List.copyOf(keys);
        java.util.Objects.requireNonNull(levelSince, "levelSince");
        java.util.Objects.requireNonNull(levelBasis, "levelBasis");
    }

    /**
     * An agent that has held its level since registration: Intern as {@link LevelBasis#STARTED},
     * any other level as {@link LevelBasis#GRANTED} (not earned through gates).
     */
    public Agent(AgentId id, String owner, String purpose, List<String> capabilities, String version, String configDigest,
                 String project, String environment, MaturityLevel level, AgentStatus status, List<AgentKey> keys,
                 long tokenEpoch, Instant createdAt) {
        this(id, owner, purpose, capabilities, version, configDigest, project, environment, level, status, keys,
                tokenEpoch, createdAt, createdAt, LevelBasis.atRegistration(level));
    }

    /** The agent's unique name. */
    public String name() {
        return id.name();
    }

    /** The key with this id, if the agent has one. */
    public Optional<AgentKey> key(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /**
     * A copy at another level, held since {@code at} on {@code basis}; the same level keeps its
     * time and basis.
     */
    public Agent withLevel(MaturityLevel newLevel, LevelBasis basis, Instant at) {
        if (newLevel == level) {
            return this;
        }
        return new Agent(id, owner, purpose, capabilities, version, configDigest, project, environment,
                newLevel, status, keys, tokenEpoch, createdAt, at, basis);
    }

    /** A copy at another level set without gates at {@code at} (a raise is granted, a cut is a demotion). */
    public Agent withLevel(MaturityLevel newLevel, Instant at) {
        return withLevel(newLevel, LevelBasis.ofChange(level, newLevel, levelBasis), at);
    }

    /** A copy with another version and configuration digest (its compound identity), level and status kept. */
    public Agent withIdentity(String newVersion, String newConfigDigest) {
        return new Agent(id, owner, purpose, capabilities, newVersion, newConfigDigest, project, environment,
                level, status, keys, tokenEpoch, createdAt, levelSince, levelBasis);
    }

    /** A copy with another status and token epoch. */
    public Agent withStatus(AgentStatus newStatus, long newEpoch) {
        return new Agent(id, owner, purpose, capabilities, version, configDigest, project, environment,
                level, newStatus, keys, newEpoch, createdAt, levelSince, levelBasis);
    }
}
