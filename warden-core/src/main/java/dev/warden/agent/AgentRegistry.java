package dev.warden.agent;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.ToolCatalog;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent registry: registration with validation, lookups, level changes and the kill switch.
 *
 * <p>Reads are served from an in-memory view kept in step with the store on every change, so the
 * decision path does not touch the database and a kill takes effect on the very next decision.
 *
 * <p>Every change is made with its audit record ({@link AuditLog#appendDurably(AuditEvent,
 * AuditedChange)}) and enters the view only once the record is durable: a registration, promotion
 * or restore whose record fails is not in force, and was not visible while it was being written.
 * A kill, quarantine or demotion fails closed instead: when its record cannot be stored it is put
 * in force all the same (and the caller still gets the error).
 */
public final class AgentRegistry {
    private static final System.Logger LOG = System.getLogger(AgentRegistry.class.getName());
    private final AgentStore store;
    private final AuditLog audit;
    private final Supplier<ToolCatalog> catalog;
    private final Projects projects;
    private final String trustDomain;
    private final Clock clock;
    private final Map<String, Agent> view = new ConcurrentHashMap<>();
    private final List<Consumer<Agent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AgentChange>> changeListeners = new CopyOnWriteArrayList<>();

    /** Creates the registry and loads the current agents from the store. */
    public AgentRegistry(AgentStore store, AuditLog audit, Supplier<ToolCatalog> catalog, Projects projects, String trustDomain,
                         Clock clock) {
        this.store = store;
        this.audit = audit;
        this.catalog = catalog;
        this.projects = projects;
        this.trustDomain = trustDomain;
        this.clock = clock;
        store.list().forEach(a -> view.put(a.name(), a));
    }

    /** The trust domain agent ids are minted in. */
    public String trustDomain() {
        return trustDomain;
    }

    /**
     * Registers an agent at level Intern, or at the explicit level given without a stated reason
     * (see {@link #register(AgentRegistration, Actor, String)}).
     *
     * @throws WardenException {@code missing_field}/{@code invalid_field} naming the field,
     *                         {@code unknown_project}, or {@code agent_exists}
     */
    public Agent register(AgentRegistration r, Actor by) {
        return register(r, by, "");
    }

    /**
     * Registers an agent. Every agent starts as Intern; an explicit starting level above it is
     * granted without the promotion gates: the registration record says so
     * ({@code granted_without_gates}, with {@code levelReason}) and the agent carries
     * {@link LevelBasis#GRANTED} until a promotion that passes the gates, or a demotion, replaces it.
     *
     * @param levelReason why the agent starts above Intern (the HTTP API and seed configuration require one)
     * @throws WardenException {@code missing_field}/{@code invalid_field} naming the field,
     *                         {@code unknown_project}, or {@code agent_exists}
     */
    public synchronized Agent register(AgentRegistration r, Actor by, String levelReason) {
        AgentId id = new AgentId(trustDomain, AgentId.requireName(r.name()));
        require("owner", r.owner());
        require("purpose", r.purpose());
        require("version", r.version());
        require("config_digest", r.configDigest());
        require("project", r.project());
        require("environment", r.environment());
        if (!projects.containsProject(r.project())) {
            throw new WardenException(ErrorCode.UNKNOWN_PROJECT, "project '" + r.project() + "' is not configured");
        }
        if (!projects.contains(r.project(), r.environment())) {
            throw new WardenException(ErrorCode.UNKNOWN_PROJECT,
                    "environment '" + r.environment() + "' is not configured for project '" + r.project() + "'");
        }
        checkCapabilities(r.capabilities());
        checkKeys(r.keys());
        MaturityLevel level = r.level().orElse(MaturityLevel.INTERN);
        Agent agent = new Agent(id, r.owner().trim(), r.purpose().trim(), r.capabilities(), r.version(), r.configDigest(),
                r.project(), r.environment(), level, AgentStatus.ACTIVE, r.keys(), 0, clock.instant());
        Map<String, Object> fields = describe(agent);
        fields.put("actor", by.toString());
        fields.put("level_explicit", r.level().isPresent());
        fields.put("level_basis", agent.levelBasis().wire());
        if (!agent.levelBasis().gated()) {
            fields.put("granted_without_gates", true);
            fields.put("level_reason", levelReason == null ? "" : levelReason);
        }
        AuditedChange insert = AuditedChange.of(store, () -> store.insert(agent), () -> store.remove(agent.name()));
        boolean inserted;
        try {
            inserted = audit.appendDurably(AuditEvent.forAgent("agent.registered", agent.createdAt(), agent.name(), fields),
                    insert).isPresent();
        } catch (WardenException e) {
            refresh(agent.name());
            throw e;
        }
        if (!inserted) {
            throw new WardenException(ErrorCode.AGENT_EXISTS, "an agent named '" + r.name() + "' is already registered");
        }
        view.put(agent.name(), agent);
        return agent;
    }

    /** The agent with this name, from the in-memory view. */
    public Optional<Agent> find(String name) {
        return Optional.ofNullable(view.get(name));
    }

    /**
     * The agent with this name.
     *
     * @throws WardenException {@code agent_not_found}
     */
    public Agent require(String name) {
        return find(name).orElseThrow(() -> new WardenException(ErrorCode.AGENT_NOT_FOUND, "no agent named '" + name + "'"));
    }

    /** All agents by name. */
    public List<Agent> list() {
        return view.values().stream().sorted(java.util.Comparator.comparing(Agent::name)).toList();
    }

    /**
     * Puts back the level an automatic demotion took, as it was: the level, how it was reached and
     * since when (so the time at level is not lost to a demotion an operator judged wrong). Audited
     * as {@code agent.level_changed} with the operator and reason.
     *
     * @throws WardenException {@code invalid_field} naming {@code level} unless it is above the agent's level now
     */
    public Agent undoDemotion(String name, MaturityLevel level, LevelBasis basis, java.time.Instant since,
                              Actor by, String reason) {
        return undoDemotion(name, level, basis, since, by, reason, null);
    }

    /**
     * As {@link #undoDemotion(String, MaturityLevel, LevelBasis, java.time.Instant, Actor, String)},
     * telling change listeners which demotion was undone ({@code cause}, null for none).
     */
    public synchronized Agent undoDemotion(String name, MaturityLevel level, LevelBasis basis, java.time.Instant since,
                                           Actor by, String reason, ChangeCause cause) {
        Agent before = require(name);
        if (level.compareTo(before.level()) <= 0) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "level: '" + name + "' is at " + before.level().wire()
                    + ", not below " + level.wire() + "; there is no demotion to undo");
        }
        return change(before, before.withLevel(level, basis, since), "agent.level_changed", by, reason, null, cause);
    }

    /**
     * Records a new version or configuration digest of an agent (model, prompt, tools changed),
     * audited as {@code agent.identity_changed} with both before and after. Listeners of
     * {@link #addChangeListener} hear of it, so the maturity rules can open a re-verification.
     *
     * @return the agent as it is now (unchanged, and nothing recorded, when both are the same)
     * @throws WardenException {@code missing_field} naming {@code version} or {@code config_digest}
     */
    public synchronized Agent changeIdentity(String name, String version, String configDigest, Actor by, String reason) {
        require("version", version);
        require("config_digest", configDigest);
        Agent before = require(name);
        if (before.version().equals(version) && before.configDigest().equals(configDigest)) {
            return before;
        }
        Agent after = before.withIdentity(version, configDigest);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", by.toString());
        fields.put("reason", reason == null ? "" : reason);
        fields.put("version_before", before.version());
        fields.put("version", version);
        fields.put("config_digest_before", before.configDigest());
        fields.put("config_digest", configDigest);
        audit.appendDurably(AuditEvent.forAgent("agent.identity_changed", clock.instant(), name, fields),
                AuditedChange.of(store, () -> {
                    store.update(after);
                    return true;
                }, () -> store.update(before)));
        view.put(name, after);
        notifyChange(new AgentChange("agent.identity_changed", before, after, by.toString(), reason));
        return after;
    }

    /**
     * Moves an agent up one level after its promotion gates passed: the level becomes
     * {@code to} with basis {@link LevelBasis#PROMOTED}, the time at level restarts, and the change
     * is recorded as {@code agent.promoted} carrying {@code evidence} (the gates' summary). Compare
     * and set: the promotion is refused when the agent is no longer at the level, or no longer has
     * the time at level, its gates were computed for (a demotion in between wins).
     *
     * @param from  the level the gates were computed at
     * @param since the {@link Agent#levelSince()} the gates were computed over
     * @throws WardenException {@code level_changed} when the agent moved since; {@code invalid_field}
     *                         naming {@code to} unless it is the level right above {@code from};
     *                         {@code agent_not_active} for a quarantined, killed or retired agent
     */
    public synchronized Agent promote(String name, MaturityLevel from, java.time.Instant since, MaturityLevel to, Actor by,
                                      String reason, Map<String, Object> evidence) {
        Agent before = require(name);
        if (before.level() != from || !before.levelSince().equals(since)) {
            throw new WardenException(ErrorCode.LEVEL_CHANGED, "agent '" + name + "' is now " + before.level().wire()
                    + " since " + before.levelSince() + ": its level changed while the promotion gates were computed; request again");
        }
        if (from.next().filter(to::equals).isEmpty()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "to: a promotion moves one level up, from " + from.wire()
                    + from.next().map(n -> " to " + n.wire()).orElse(" (there is no level above)") + ", not to " + to.wire());
        }
        if (before.status() != AgentStatus.ACTIVE) {
            throw new WardenException(ErrorCode.AGENT_NOT_ACTIVE, "agent '" + name + "' is " + before.status().wire()
                    + "; only an active agent is promoted");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("evidence", evidence);
        return change(before, before.withLevel(to, LevelBasis.PROMOTED, clock.instant()), "agent.promoted", by, reason, extra);
    }

    /** Sets the maturity level; audited with the operator and reason. */
    public Agent setLevel(String name, MaturityLevel level, Actor by, String reason) {
        return setLevel(name, level, by, reason, null);
    }

    /**
     * Sets the maturity level, telling change listeners what caused it ({@code cause}, null for
     * none: an operator's decision); audited with the operator and reason.
     */
    public synchronized Agent setLevel(String name, MaturityLevel level, Actor by, String reason, ChangeCause cause) {
        Agent before = require(name);
        Agent after = before.withLevel(level, clock.instant());
        return change(before, after, "agent.level_changed", by, reason, null, cause);
    }

    /** Kills the agent: every decision is denied and every token it holds is revoked. */
    public synchronized Agent kill(String name, Actor by, String reason) {
        Agent before = require(name);
        return change(before, before.withStatus(AgentStatus.KILLED, before.tokenEpoch() + 1), "agent.killed", by, reason);
    }

    /**
     * Kills every agent in the scope that is not killed already, each exactly as {@link #kill} does
     * (its own {@code agent.killed} record, carrying the scope), then records the scoped kill itself
     * ({@code agent.kill_scoped}, naming the agents it killed). Only agents registered at the time
     * are affected. A kill whose record fails is still put in force and the others still go ahead;
     * the first such failure is thrown at the end.
     *
     * @throws WardenException {@code agent_not_found} for a {@link KillScope.OneAgent} naming no agent
     */
    public synchronized KillReport kill(KillScope scope, Actor by, String reason) {
        if (scope instanceof KillScope.OneAgent one) {
            require(one.name());
        }
        List<String> killed = new java.util.ArrayList<>();
        List<String> alreadyKilled = new java.util.ArrayList<>();
        WardenException failure = null;
        for (Agent before : list()) {
            if (!scope.covers(before)) {
                continue;
            }
            if (before.status() == AgentStatus.KILLED) {
                alreadyKilled.add(before.name());
                continue;
            }
            killed.add(before.name());
            try {
                change(before, before.withStatus(AgentStatus.KILLED, before.tokenEpoch() + 1), "agent.killed", by, reason,
                        Map.of("scope", scope.describe()));
            } catch (WardenException e) {
                failure = failure == null ? e : failure;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", by.toString());
        fields.put("reason", reason == null ? "" : reason);
        fields.put("scope", scope.describe());
        fields.put("killed", killed);
        fields.put("already_killed", alreadyKilled);
        try {
            audit.appendDurably(AuditEvent.of("agent.kill_scoped", clock.instant(), fields));
        } catch (WardenException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
        return new KillReport(killed, alreadyKilled);
    }

    /**
     * Revokes every token the agent holds without stopping it: the token epoch goes up, so tokens
     * (and MCP sessions opened with them) minted before are rejected and the agent must get a new
     * token. Audited as {@code agent.tokens_revoked}.
     */
    public synchronized Agent revokeTokens(String name, Actor by, String reason) {
        Agent before = require(name);
        return change(before, before.withStatus(before.status(), before.tokenEpoch() + 1), "agent.tokens_revoked", by, reason);
    }

    /** Quarantines the agent: every decision is denied until it is restored; tokens stay valid. */
    public synchronized Agent quarantine(String name, Actor by, String reason) {
        Agent before = require(name);
        return change(before, before.withStatus(AgentStatus.QUARANTINED, before.tokenEpoch()), "agent.quarantined", by, reason);
    }

    /** Restores a killed or quarantined agent to active one level below the level it had (intern stays intern). */
    public Agent restore(String name, Actor by, String reason) {
        return restore(name, null, by, reason);
    }

    /**
     * Restores a killed or quarantined agent to active at {@code level}, or one level below the
     * level it had when {@code level} is null (intern stays intern). The level change and the
     * restore are one change with one {@code agent.restored} record. Tokens revoked by a kill stay
     * revoked.
     *
     * @throws WardenException {@code invalid_field} naming {@code level} when it is above the level
     *                         the agent had: a restore is never a promotion; {@code agent_active} when
     *                         the agent is active (nothing to restore)
     */
    public synchronized Agent restore(String name, MaturityLevel level, Actor by, String reason) {
        Agent before = require(name);
        if (before.status() == AgentStatus.ACTIVE) {
            // a restore demotes by default: on an active agent it would be a demotion by mistake
            throw new WardenException(ErrorCode.AGENT_ACTIVE, "agent '" + name + "' is active; only a killed or quarantined"
                    + " agent can be restored (change its level with the level endpoint)");
        }
        MaturityLevel had = before.level();
        if (level != null && level.compareTo(had) > 0) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "level: a restore cannot promote '" + name + "' from "
                    + had.wire() + " to " + level.wire() + "; promotions go through the level endpoint");
        }
        MaturityLevel to = level != null ? level : MaturityLevel.values()[Math.max(0, had.ordinal() - 1)];
        Agent after = before.withLevel(to, clock.instant()).withStatus(AgentStatus.ACTIVE, before.tokenEpoch());
        return change(before, after, "agent.restored", by, reason);
    }

    private Agent change(Agent before, Agent after, String kind, Actor by, String reason) {
        return change(before, after, kind, by, reason, null, null);
    }

    /** {@code extra}: fields the record carries besides the change itself (a kill's scope, a promotion's evidence). */
    private Agent change(Agent before, Agent after, String kind, Actor by, String reason, Map<String, Object> extra) {
        return change(before, after, kind, by, reason, extra, null);
    }

    private Agent change(Agent before, Agent after, String kind, Actor by, String reason, Map<String, Object> extra,
                         ChangeCause cause) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("actor", by.toString());
        fields.put("reason", reason == null ? "" : reason);
        if (extra != null) {
            fields.putAll(extra);
        }
        fields.put("level_before", before.level().wire());
        fields.put("level", after.level().wire());
        if (after.level() != before.level()) {
            fields.put("level_basis", after.levelBasis().wire());
            if (!after.levelBasis().gated()) {
                fields.put("granted_without_gates", true);
            }
        }
        fields.put("status_before", before.status().wire());
        fields.put("status", after.status().wire());
        fields.put("token_epoch", after.tokenEpoch());
        AuditedChange update = AuditedChange.of(store, () -> {
            store.update(after);
            return true;
        }, () -> store.update(before));
        try {
            audit.appendDurably(AuditEvent.forAgent(kind, clock.instant(), after.name(), fields), update);
        } catch (WardenException e) {
            if (loosens(before, after)) {
                refresh(after.name()); // no unrecorded promotion or release
            } else {
                enforceUnrecorded(after);
                notifyListeners(after);
                notifyChange(new AgentChange(kind, before, after, by.toString(), reason, Optional.ofNullable(cause)));
            }
            throw e;
        }
        view.put(after.name(), after);
        notifyListeners(after);
        notifyChange(new AgentChange(kind, before, after, by.toString(), reason, Optional.ofNullable(cause)));
        return after;
    }

    /** Fail closed: a kill, quarantine or demotion whose record failed is put in force all the same. */
    private void enforceUnrecorded(Agent after) {
        try {
            store.update(after);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "agent " + after.name() + " is " + after.status().wire() + " at level "
                    + after.level().wire() + " in this process only: neither its record nor its stored state could be written", e);
        }
        view.put(after.name(), after);
    }

    /**
     * Sets the view of an agent to what the store holds after a change whose record failed: the
     * state before it, or the change when its record was stored after all. The view stays as it
     * was when the store cannot be read.
     */
    private void refresh(String name) {
        try {
            store.find(name).ifPresentOrElse(a -> view.put(name, a), () -> view.remove(name));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "agent " + name + " could not be re-read after a failed change: " + e.getMessage());
        }
    }

    private void notifyListeners(Agent after) {
        for (Consumer<Agent> listener : listeners) {
            try {
                listener.accept(after);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "agent change listener failed for " + after.name(), e);
            }
        }
    }

    private void notifyChange(AgentChange change) {
        for (Consumer<AgentChange> listener : changeListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "agent change listener failed for " + change.after().name(), e);
            }
        }
    }

    /**
     * Registers a listener told of the same changes as {@link #addListener} listeners, with what
     * changed, who changed it and why (the alert service raises kill and quarantine alerts from it).
     * Same rules: on the caller's thread, quick, and a failure does not undo the change.
     */
    public void addChangeListener(Consumer<AgentChange> listener) {
        changeListeners.add(listener);
    }

    /**
     * Registers a listener called after every change of an agent's level or status (kill,
     * quarantine, restore, level change) that is in force, with the agent as it is now: after its
     * record is durable, or after a kill, quarantine or demotion was put in force without one.
     * Listeners run on the caller's thread and MUST be quick; a failing listener does not undo the
     * change.
     */
    public void addListener(Consumer<Agent> listener) {
        listeners.add(listener);
    }

    private static boolean loosens(Agent before, Agent after) {
        return after.level().compareTo(before.level()) > 0
                || (after.status() == AgentStatus.ACTIVE && before.status() != AgentStatus.ACTIVE);
    }

    private static Map<String, Object> describe(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_id", a.id().toString());
        m.put("owner", a.owner());
        m.put("purpose", a.purpose());
        m.put("capabilities", a.capabilities());
        m.put("version", a.version());
        m.put("config_digest", a.configDigest());
        m.put("project", a.project());
        m.put("environment", a.environment());
        m.put("level", a.level().wire());
        m.put("key_ids", a.keys().stream().map(AgentKey::keyId).toList());
        return m;
    }

    private void checkCapabilities(List<String> capabilities) {
        if (capabilities == null || capabilities.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "capabilities is required: list the tools the agent may claim");
        }
        for (int i = 0; i < capabilities.size(); i++) {
            String c = capabilities.get(i);
            if (c == null || !isKnownCapability(catalog.get(), c)) {
                throw new WardenException(ErrorCode.INVALID_FIELD,
                        "capabilities[" + i + "]: '" + c + "' is not a catalog tool or a prefix like 'inventory.*'");
            }
        }
    }

    /**
     * True when a capability-manifest entry names a catalog tool, or is a prefix like
     * {@code inventory.*} that covers at least one.
     */
    public static boolean isKnownCapability(ToolCatalog catalog, String capability) {
        if (catalog.find(capability).isPresent()) {
            return true;
        }
        if (!capability.endsWith(".*")) {
            return false;
        }
        String prefix = capability.substring(0, capability.length() - 1);
        return catalog.tools().stream().anyMatch(t -> t.name().startsWith(prefix));
    }

    private static void checkKeys(List<AgentKey> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "public_keys is required: at least one Ed25519 public key");
        }
        if (new HashSet<>(keys.stream().map(AgentKey::keyId).toList()).size() != keys.size()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "public_keys: key ids (kid) must be unique");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, field + " is required");
        }
    }

    /** True when {@code tool} is covered by the agent's capability manifest. */
    public static boolean claims(Agent agent, String tool) {
        for (String c : agent.capabilities()) {
            if (c.equals(tool) || (c.endsWith(".*") && tool.startsWith(c.substring(0, c.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
