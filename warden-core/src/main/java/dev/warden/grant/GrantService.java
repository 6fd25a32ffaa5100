package dev.warden.grant;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.id.IdGenerator;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;
import dev.warden.operator.SeparationOfDuties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates, revokes, lists and matches grants (pre-approvals).
 *
 * <p><b>Who may grant.</b> An admin, or an approver whose scope covers the agent's project and the
 * grant's tool ({@link OperatorPrincipal#mayApprove}; a pattern {@code refund.*} needs a scope that
 * covers the whole group). The separation of duties applies as to approving: an operator cannot
 * grant for an agent they own where the project forbids owners approving. A grant cannot cover a
 * tool at the two-person risk tier ({@link SeparationOfDuties#approversNeeded} above one) unless an
 * admin grants it: one approver cannot stand in for two. That check is made against the catalog
 * when the grant is created.
 *
 * <p><b>Records.</b> Each grant is stored with its {@code grant.created} record and revoked with its
 * {@code grant.revoked} record ({@link AuditLog#appendDurably(AuditEvent, AuditedChange)}). A use
 * is counted by {@link #using} with the record of the decision that uses it, which names the grant.
 *
 * <p><b>Decision path.</b> The grants of each agent that are neither revoked nor expired are kept in
 * memory, so an agent without grants costs one map lookup per decision; a grant that may apply is
 * read again from the store before it is used, and the use itself is a compare-and-set in the store.
 */
public final class GrantService {
    private final GrantStore store;
    private final AuditLog audit;
    private final AgentRegistry agents;
    private final Supplier<ToolCatalog> catalog;
    private final IdGenerator ids;
    private final Clock clock;
    /** Per agent, its grants neither revoked nor expired when last read (a superset of the active ones). */
    private final ConcurrentHashMap<String, List<Grant>> live = new ConcurrentHashMap<>();

    /** Creates the service and reads the grants in force from the store. */
    public GrantService(GrantStore store, AuditLog audit, AgentRegistry agents, Supplier<ToolCatalog> catalog,
                        IdGenerator ids, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.agents = agents;
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
        for (Grant g : store.listUnexpired(clock.instant())) {
            live.computeIfAbsent(g.agent(), k -> new ArrayList<>()).add(g);
        }
        live.replaceAll((k, v) -> List.copyOf(v));
    }

    /**
     * Grants a pre-approval.
     *
     * @param by  the operator granting
     * @param req what is granted
     * @param sod the separation of duties in force
     * @return the grant, stored with its {@code grant.created} record
     * @throws WardenException {@code agent_not_found}; {@code invalid_field} (tool) for a tool, or a
     *                         pattern, that names no catalog tool; {@code forbidden_role} for an
     *                         operator without the scope, or a non-admin granting a tool at the
     *                         two-person risk; {@code sod_own_agent} for the agent's owner where the
     *                         project forbids it; {@code store_unavailable}
     */
    public Grant create(OperatorPrincipal by, GrantRequest req, SeparationOfDuties sod) {
        Agent agent = agents.find(req.agent())
                .orElseThrow(() -> new WardenException(ErrorCode.AGENT_NOT_FOUND, "no agent " + req.agent()));
        Grant probe = probe(req);
        List<Tool> covered = catalog.get().tools().stream().filter(t -> probe.coversTool(t.name())).toList();
        if (covered.isEmpty()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "tool '" + req.tool() + "' names no tool of the catalog");
        }
        boolean admin = by.has(Role.ADMIN);
        if (!by.mayApprove(agent.project(), req.tool())) {
            throw new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + by.name() + " may not grant "
                    + req.tool() + " for agent " + agent.name() + " (needs admin, or an approver of project "
                    + agent.project() + " whose scope covers " + req.tool() + ")");
        }
        sod.checkApprover(by, agent.owner(), agent.project());
        if (!admin) {
            for (Tool t : covered) {
                if (sod.approversNeeded(t.risk()) > 1) {
                    throw new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + by.name() + " may not grant "
                            + t.name() + ": its calls need two approvers (risk " + t.risk().wire()
                            + "), so only an admin can pre-approve them");
                }
            }
        }
        Instant now = clock.instant();
        Grant grant = new Grant(new GrantId(ids.next("grt")), agent.name(), req.tool(), req.resource(), req.session(),
                req.conditions(), req.maxUses(), 0, by.actor().toString(), now, now.plus(req.ttl()),
                Optional.empty(), Optional.empty(), req.reason());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("grant", grant.wire(now));
        fields.put("actor", by.actor().toString());
        AuditEvent event = new AuditEvent("grant.created", now, agent.name(), grant.session().orElse(null), null, null, fields);
        audit.appendDurably(event, AuditedChange.of(store, () -> {
            store.insert(grant);
            return true;
        }, () -> store.remove(grant.id())));
        refresh(agent.name());
        return grant;
    }

    /** A grant of the request, only to ask which tools it covers. */
    private static Grant probe(GrantRequest req) {
        Instant t = Instant.EPOCH;
        return new Grant(new GrantId("grt_" + "0".repeat(32)), req.agent(), req.tool(), req.resource(), req.session(),
                req.conditions(), req.maxUses(), 0, "", t, t, Optional.empty(), Optional.empty(), req.reason());
    }

    /**
     * Revokes a grant: from now on it allows nothing.
     *
     * @param by the operator revoking: an admin, an approver whose scope covers the grant, or the
     *           operator who granted it
     * @throws WardenException {@code grant_not_found}, {@code forbidden_role}, {@code grant_revoked}
     *                         when it was revoked before, {@code store_unavailable}
     */
    public Grant revoke(GrantId id, OperatorPrincipal by, Optional<String> note) {
        Grant g = require(id);
        boolean creator = g.createdBy().equals(by.actor().toString());
        String project = agents.find(g.agent()).map(Agent::project).orElse("");
        if (!creator && !by.mayApprove(project, g.tool())) {
            throw new WardenException(ErrorCode.FORBIDDEN_ROLE, "operator " + by.name() + " may not revoke grant " + id
                    + " (needs admin, its granter, or an approver whose scope covers it)");
        }
        if (!revoke(g, by.actor(), note.orElse(""))) {
            throw new WardenException(ErrorCode.GRANT_REVOKED, "grant " + id + " was revoked before");
        }
        return require(id);
    }

    /**
     * Revokes every grant of an agent still in force (the kill switch does), each with its record;
     * like a kill, fails closed: a revocation whose record fails is made all the same.
     *
     * @return how many were revoked
     */
    public int revokeAll(String agent, Actor by, String reason) {
        int n = 0;
        WardenException unrecorded = null;
        for (Grant g : store.listOfAgent(agent)) {
            if (g.revokedAt().isPresent() || !clock.instant().isBefore(g.expiresAt())) {
                continue;
            }
            try {
                n += revoke(g, by, reason) ? 1 : 0;
            } catch (WardenException e) {
                unrecorded = unrecorded == null ? e : unrecorded;
                try {
                    n += store.revoke(g.id(), by.toString(), clock.instant()) ? 1 : 0;
                } catch (RuntimeException ignored) {
                    // nothing more to do: the kill itself stops the agent
                }
            }
        }
        refresh(agent);
        if (unrecorded != null) {
            throw unrecorded;
        }
        return n;
    }

    private boolean revoke(Grant g, Actor by, String note) {
        Instant now = clock.instant();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("grant_id", g.id().value());
        fields.put("tool", g.tool());
        fields.put("state_before", g.stateAt(now).wire());
        fields.put("uses", g.uses());
        fields.put("actor", by.toString());
        fields.put("note", note);
        AuditEvent event = new AuditEvent("grant.revoked", now, g.agent(), g.session().orElse(null), null, null, fields);
        boolean done = audit.appendDurably(event, AuditedChange.of(store, () -> store.revoke(g.id(), by.toString(), now),
                () -> store.unrevoke(g.id()))).isPresent();
        refresh(g.agent());
        return done;
    }

    /**
     * The grant with this id.
     *
     * @throws WardenException {@code grant_not_found}
     */
    public Grant require(GrantId id) {
        return store.find(id).orElseThrow(() -> new WardenException(ErrorCode.GRANT_NOT_FOUND, "no grant " + id));
    }

    /**
     * Grants, newest first.
     *
     * @param agent      only this agent's, when given
     * @param activeOnly only those active now
     * @param limit      at most this many
     */
    public List<Grant> list(Optional<String> agent, boolean activeOnly, int limit) {
        Instant now = clock.instant();
        List<Grant> all = agent.map(a -> store.listOfAgent(a).reversed()).orElseGet(() -> store.list(activeOnly ? 10_000 : limit));
        return all.stream().filter(g -> !activeOnly || g.stateAt(now) == GrantState.ACTIVE).limit(Math.max(1, limit)).toList();
    }

    /**
     * The ids of the agent's grants active at {@code now} that cover {@code tool} (whatever their
     * resource, session and conditions), sorted: what policies see as {@code context.grants}. From
     * memory: no store read.
     */
    public List<String> activeIds(String agent, String tool, Instant now) {
        List<Grant> mine = live.get(agent);
        if (mine == null) {
            return List.of();
        }
        List<String> out = null;
        for (Grant g : mine) {
            if (g.coversTool(tool) && g.stateAt(now) == GrantState.ACTIVE) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(g.id().value());
            }
        }
        if (out == null) {
            return List.of();
        }
        out.sort(Comparator.naturalOrder());
        return List.copyOf(out);
    }

    /**
     * The grant a call may use instead of an approval: of the agent's grants that apply to it
     * ({@link Grant#match}), as read from the store now, the one that expires first. Empty when none
     * applies (or the agent has none: then nothing is read from the store).
     */
    public Optional<Grant> matching(GrantCall call, Instant now) {
        List<Grant> mine = live.get(call.agent());
        if (mine == null) {
            return Optional.empty();
        }
        Grant best = null;
        for (Grant cached : mine) {
            if (!(cached.match(call, now) instanceof GrantMatch.Applies)) {
                continue;
            }
            Optional<Grant> fresh = store.find(cached.id()); // the cached count may lag: the store's decides
            if (fresh.isPresent() && fresh.get().match(call, now) instanceof GrantMatch.Applies(Grant g)
                    && (best == null || g.expiresAt().isBefore(best.expiresAt()))) {
                best = g;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The change that counts one use of a grant {@link #matching} found, to be made with the record of
     * the decision that uses it: refused (nothing changed) once the grant expired, was revoked or has
     * no uses left, so concurrent calls cannot take it past its maximum. Taken back when the record
     * fails.
     */
    public AuditedChange using(Grant grant) {
        return AuditedChange.of(store, () -> clock.instant().isBefore(grant.expiresAt()) && store.use(grant.id()),
                () -> store.unuse(grant.id()));
    }

    /** Reads an agent's grants in force from the store again (after a change or a use); one read at a time per agent. */
    public void refresh(String agent) {
        live.compute(agent, (k, before) -> {
            Instant now = clock.instant();
            List<Grant> mine = store.listOfAgent(agent).stream()
                    .filter(g -> g.revokedAt().isEmpty() && now.isBefore(g.expiresAt())).toList();
            return mine.isEmpty() ? null : mine;
        });
    }
}
