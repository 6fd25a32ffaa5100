package dev.warden.policy.cedar;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.grant.GrantGuard;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PolicyVerdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Cedar policy engine. Immutable and thread-safe once {@link #load loaded}.
 *
 * <h2>Entity model (the contract policies are written against)</h2>
 * No namespace.
 * <ul>
 *   <li><b>principal</b> {@code Agent::"<agent name>"}, no parents, with attributes
 *       {@code name, owner, project, environment, version} (String), {@code level} (String:
 *       {@code intern|junior|senior|principal}), {@code level_rank} (Long 1..4, in that order) and
 *       {@code capabilities} (Set&lt;String&gt;).</li>
 *   <li><b>action</b> {@code Action::"<tool name>"}, e.g. {@code Action::"refund.process"}, one per
 *       catalog tool. Each is a member of the effect groups of its tool's effects:
 *       {@code Action::"effect:read"}, {@code "effect:write"}, {@code "effect:destructive"},
 *       {@code "effect:financial"}, {@code "effect:external"}, so a policy can say
 *       {@code action in Action::"effect:financial"}.</li>
 *   <li><b>resource</b> {@code Resource::"<resource>"}, no attributes, no parents.</li>
 *   <li><b>context</b>: {@code args} (Record, the call arguments), {@code effects}
 *       (Set&lt;String&gt; of effect names), {@code risk} (String {@code low|medium|high|critical}),
 *       {@code risk_rank} (Long 1..4), {@code session} (Record: {@code id}, String, the session id,
 *       and {@code labels}, Set&lt;String&gt;, the data labels the session carried before the call),
 *       {@code tool} (String, the tool name), {@code grants} (Set&lt;String&gt;, the ids of the agent's
 *       active grants covering the tool, see {@link GrantGuard}; empty when it has none), and each context entry declared at {@link #load(List, ToolCatalog, Map) load}
 *       (optional: the entry a guard put in the decision, {@code context has <name>} when it did).
 *       The calls of a tool no policy can read the context of ({@link #readsContext}) are
 *       evaluated with one fixed stand-in context instead, which no policy can tell apart.</li>
 * </ul>
 *
 * <h2>Arguments</h2>
 * {@code context.args} is typed by the tool's input schema: {@code string}→String,
 * {@code integer}→Long, {@code number}→{@code decimal}, {@code boolean}→Bool, {@code array}→Set,
 * {@code object}→Record; properties not in {@code required} (or allowing {@code null}) are optional
 * and must be guarded with {@code has}. A {@code number} argument is <em>always</em> a
 * {@code decimal}, also when the value is integral, so a policy sees one type. Cedar's
 * {@code < <= > >=} do not accept decimals and a decimal never compares with a Long: compare with
 * the decimal methods, e.g. {@code context.args.amount.lessThan(decimal("100.0"))} or
 * {@code .greaterThanOrEqual(decimal("100.0"))}. A number with more than four fractional digits (or
 * outside Cedar's decimal range) cannot be represented and the verdict is {@link PolicyVerdict.Failed}.
 * Properties whose schema has no Cedar equivalent (no {@code type}, unions other than with
 * {@code null}, arrays without typed {@code items}) are left out of the schema and of
 * {@code context.args}: a policy that names them fails validation.
 *
 * <h2>Policy files</h2>
 * Every policy is validated at {@link #load} against a schema generated from the catalog (so a typo
 * in an attribute or an unknown action stops startup with file and line). Policy ids are the
 * {@code @id("...")} annotation or {@code <file name>#<n>} (0-based position in the file) and must
 * be unique. A permit annotated {@code @approval("required")} carries an approval obligation. A
 * forbid annotated {@code @approval("required")} is a <em>hold</em>: when it matches, the call is
 * not denied but needs a human approval, provided some permit matches and no plain forbid does (a
 * plain forbid still wins, and a hold alone permits nothing). Any other {@code @approval} value is a
 * load error. Templates are not supported.
 *
 * <p>Holds are evaluated in one Cedar call: in the policy set Cedar is given, each hold is turned
 * into a permit of the same scope and condition, so Cedar reports it among the determining
 * policies when it matches, and {@link VerdictMapper} tells holds from permits. An error in a hold
 * fails the query like an error in any forbid.
 *
 * <h2>Verdicts</h2>
 * A matching forbid gives {@link PolicyVerdict.Forbid}; otherwise matching permits give
 * {@link PolicyVerdict.Permit} (listing those with {@code @approval("required")} and the matching
 * holds); otherwise
 * {@link PolicyVerdict.NoPermit}. A forbid that raises an evaluation error (for example an integer
 * overflow), arguments Cedar cannot represent, a context entry that was not declared or does not
 * fit its declared type, and any failure of Cedar itself give {@link PolicyVerdict.Failed}; a
 * permit that raises an error is simply not counted.
 *
 * <h2>Memoizing</h2>
 * {@link #verdictKey} is the Cedar request of a query, so {@link dev.warden.policy.MemoizingPolicyEngine}
 * answers from memory only a query Cedar would be given exactly the same input for (context entries
 * included); a query whose arguments or context entries Cedar cannot take has no key and is denied
 * every time.
 */
public final class CedarPolicyEngine implements PolicyEngine {
    private static final int WARM_UP_ROUNDS = 10;

    private final AuthorizationEngine cedar;
    private final List<LoadedPolicy> policies;
    private final List<String> policyIds;
    private final PolicySet policySet;
    private final Schema schema;
    private final String schemaJson;
    private final Map<String, ToolBinding> tools;
    private final VerdictMapper verdicts;
    private final Set<String> toolsReadingContext;
    private final Map<String, Map<String, Value>> standInContexts;
    private final Map<String, CedarType> entries;
    private static final java.util.regex.Pattern CONTEXT = java.util.regex.Pattern.compile("\\bcontext\\b");

    private CedarPolicyEngine(AuthorizationEngine cedar, PolicyLoader.Loaded loaded) {
        this.cedar = cedar;
        this.policies = loaded.policies();
        this.policyIds = policies.stream().map(LoadedPolicy::wardenId).toList();
        this.policySet = loaded.policySet();
        this.schema = loaded.schema();
        this.schemaJson = loaded.schemaJson();
        this.tools = Map.copyOf(loaded.tools());
        this.verdicts = new VerdictMapper(policies);
        this.toolsReadingContext = toolsReadingContext(policies, tools);
        this.standInContexts = standInContexts(tools, toolsReadingContext);
        this.entries = Map.copyOf(loaded.entries());
    }

    /**
     * Parses and validates the policy files against the catalog, then warms the engine up so the
     * first real decision is not slowed by one-time initialisation.
     *
     * @param sources the policy files, in load order
     * @param catalog the tools; one Cedar action per tool
     * @return the engine
     * @throws PolicyLoadException naming the file and 1-based line of the first problem: a syntax
     *                             error, a schema violation, a duplicate id or a bad {@code @approval}
     *                             (a problem with the catalog itself is reported for the pseudo file
     *                             {@code <tool catalog>})
     */
    public static CedarPolicyEngine load(List<PolicySource> sources, ToolCatalog catalog) {
        return load(sources, catalog, Map.of());
    }

    /**
     * Like {@link #load(List, ToolCatalog)}, with context entries guards add to decisions
     * ({@link dev.warden.decision.DecisionContext#put}) declared, so policies can read them as
     * {@code context.<name>}. Each entry is an optional attribute of every action's context, typed
     * from its JSON Schema the way {@code context.args} is typed from a tool's input schema;
     * policies test it with {@code context has <name>}.
     *
     * @param sources        the policy files, in load order
     * @param catalog        the tools; one Cedar action per tool
     * @param contextEntries the type of each context entry, by name
     * @return the engine
     * @throws PolicyLoadException as {@link #load(List, ToolCatalog)}, and for an entry whose name is a
     *                             built-in context attribute ({@code args, effects, risk, risk_rank,
     *                             session, tool}) or whose schema has no Cedar type (reported for the
     *                             pseudo file {@code <context entries>})
     */
    public static CedarPolicyEngine load(List<PolicySource> sources, ToolCatalog catalog,
                                         Map<String, JsonSchema> contextEntries) {
        AuthorizationEngine cedar = new BasicAuthorizationEngine();
        CedarPolicyEngine engine = new CedarPolicyEngine(cedar, PolicyLoader.load(sources, catalog, contextEntries, cedar));
        engine.warmUp();
        return engine;
    }

    /** {@inheritDoc} Never throws: every failure is a {@link PolicyVerdict.Failed}. */
    @Override
    public PolicyVerdict evaluate(PolicyQuery query) {
        try {
            return switch (prepare(query)) {
                case Prepared.Rejected rejected -> rejected.verdict();
                case Prepared.Request request -> authorize(request);
            };
        } catch (CedarValues.ConversionException e) {
            return new PolicyVerdict.Failed(List.of(), "arguments Cedar cannot represent: " + e.getMessage());
        } catch (Throwable t) {
            return new PolicyVerdict.Failed(List.of(), "policy engine failure: " + t);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The key is the request Cedar is given for the query (agent, tool, resource and context,
     * with the arguments and context entries as converted Cedar values), built the way
     * {@link #evaluate} builds it; empty for a query that cannot be given to Cedar (arguments Cedar
     * cannot represent, an undeclared or ill-typed context entry, a tool not in the catalog, no
     * session), which is then evaluated, and fails, every time. For a tool no policy can read the
     * context of ({@link #readsContext}) Cedar is given the same stand-in context on every call, so
     * such a tool's calls share one key per agent and resource whatever their arguments, session and
     * context entries, once these convert.
     */
    @Override
    public Optional<Object> verdictKey(PolicyQuery query) {
        try {
            // Keyed on the Cedar request itself, so a hit is by construction what Cedar would answer, yet
            // context-free tools still hit across arguments (the gateway's throughput relies on that).
            return prepare(query) instanceof Prepared.Request request ? Optional.of(request.key()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@inheritDoc} The ids are in load order. */
    @Override
    public List<String> policyIds() {
        return policyIds;
    }

    /** {@inheritDoc} In load order; the place is the line of the policy's {@code @approvers}. */
    @Override
    public Map<String, String> approverGroups() {
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        for (LoadedPolicy p : policies) {
            for (String g : p.terms().groups()) {
                groups.putIfAbsent(g, p.statement().file().name() + ":" + p.statement().annotationLine("approvers"));
            }
        }
        return java.util.Collections.unmodifiableMap(groups);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Looks only at policy scopes: false when no permit's principal and action constraints can
     * match the agent and tool, or when an unconditional forbid's scope certainly matches; true
     * otherwise. Also false for a tool not in the catalog, which {@link #evaluate} always fails.
     */
    @Override
    public boolean mayEverPermit(Agent agent, Tool tool) {
        try {
            ToolBinding binding = tools.get(tool.name());
            if (binding == null) {
                return false;
            }
            boolean permit = false;
            for (LoadedPolicy p : policies) {
                PolicyScope.Match principal = p.scope().principalMatches(agent.name());
                PolicyScope.Match action = p.scope().actionMatches(tool.name(), binding.actionIds());
                if (!p.permit() && !p.approval() && p.scope().unconditional() && p.scope().resourceAll()
                        && principal == PolicyScope.Match.YES && action == PolicyScope.Match.YES) {
                    return false;
                }
                permit |= p.permit() && principal != PolicyScope.Match.NO && action != PolicyScope.Match.NO;
            }
            return permit;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Can a policy read the context of this tool's calls? True when any policy whose action scope
     * may match the tool mentions {@code context} anywhere in its text (Cedar has no other way to
     * reach the context, so a policy without the word cannot read it; a mention in a comment or
     * string only makes the answer more cautious). Also true for a tool not in the catalog. When
     * false, {@link #evaluate} gives Cedar the same stand-in context for every call of the tool.
     */
    public boolean readsContext(Tool tool) {
        return !tools.containsKey(tool.name()) || toolsReadingContext.contains(tool.name());
    }

    private static Set<String> toolsReadingContext(List<LoadedPolicy> policies, Map<String, ToolBinding> tools) {
        Set<String> reading = new java.util.HashSet<>();
        for (ToolBinding binding : tools.values()) {
            String name = binding.tool().name();
            for (LoadedPolicy p : policies) {
                if (p.scope().actionMatches(name, binding.actionIds()) != PolicyScope.Match.NO
                        && CONTEXT.matcher(p.statement().text()).find()) {
                    reading.add(name);
                    break;
                }
            }
        }
        return Set.copyOf(reading);
    }

    /** The Cedar schema (JSON form) policies are validated against, for policy authors and tooling. */
    public String schemaJson() {
        return schemaJson;
    }

    /** A query made ready for Cedar, or the verdict of one that cannot be. */
    private sealed interface Prepared {
        /** A query that fails before Cedar is asked. */
        record Rejected(PolicyVerdict.Failed verdict) implements Prepared {
        }

        /**
         * Everything Cedar is given for a query besides the policies and the schema, which are fixed
         * per engine; the principal entity is a function of the agent and the action of the tool.
         */
        record Request(Agent agent, Entity principal, ToolBinding binding, String resource, EntityUID resourceUid,
                       Map<String, Value> context) implements Prepared {
            VerdictKey key() {
                return new VerdictKey(agent, binding.tool().name(), resource, context);
            }
        }
    }

    /** A {@link #verdictKey}: the Cedar request of a query. Its values are never changed after it is built. */
    private record VerdictKey(Agent agent, String tool, String resource, Map<String, Value> context) {
    }

    /**
     * Builds the Cedar request of a query.
     *
     * @throws CedarValues.ConversionException for arguments Cedar cannot represent
     * @throws RuntimeException                for a query with missing parts (no agent, resource, ...)
     */
    private Prepared prepare(PolicyQuery query) {
        ToolBinding binding = tools.get(query.tool().name());
        if (binding == null) {
            return new Prepared.Rejected(new PolicyVerdict.Failed(List.of(),
                    "tool '" + query.tool().name() + "' is not in the catalog the policies were loaded with"));
        }
        if (query.sessionId() == null) {
            return new Prepared.Rejected(new PolicyVerdict.Failed(List.of(), "the query has no session id"));
        }
        Value args = CedarValues.convertArgs(query.args(), binding.args());
        Map<String, Value> converted = new HashMap<>();
        converted.put(GrantGuard.CONTEXT_KEY, EMPTY_SET);
        for (Map.Entry<String, Object> entry : query.context().entrySet()) {
            if (GrantGuard.CONTEXT_KEY.equals(entry.getKey())) {
                if (!(entry.getValue() instanceof List<?> ids) || !ids.stream().allMatch(String.class::isInstance)) {
                    return new Prepared.Rejected(new PolicyVerdict.Failed(List.of(), "context entry 'grants' must be a list of grant ids"));
                }
                CedarList set = new CedarList();
                ids.stream().map(String.class::cast).sorted().forEach(g -> set.add(new PrimString(g)));
                converted.put(GrantGuard.CONTEXT_KEY, set);
                continue;
            }
            CedarType type = entries.get(entry.getKey());
            if (type == null) {
                return new Prepared.Rejected(new PolicyVerdict.Failed(List.of(), "context entry '" + entry.getKey()
                        + "' was not declared when the policy engine was loaded, so Cedar cannot be given it"));
            }
            try {
                converted.put(entry.getKey(), CedarValues.convert(entry.getValue(), type, "context." + entry.getKey()));
            } catch (CedarValues.ConversionException e) {
                return new Prepared.Rejected(new PolicyVerdict.Failed(List.of(),
                        "context entry that does not fit its declared type: " + e.getMessage()));
            }
        }
        return request(query.agent(), binding, query.resource(), args, session(query.sessionId(), query.sessionLabels()),
                converted);
    }

    /** {@code context.grants} of a call without grants. */
    private static final CedarList EMPTY_SET = new CedarList();

    /** {@code context.session}: the id and the labels (sorted, so one set of labels is one value). */
    private static CedarMap session(String id, Set<String> labels) {
        CedarMap session = new CedarMap();
        session.put("id", new PrimString(id));
        CedarList set = new CedarList();
        labels.stream().sorted().forEach(l -> set.add(new PrimString(l)));
        session.put("labels", set);
        return session;
    }

    private Prepared.Request request(Agent agent, ToolBinding binding, String resource, Value args, CedarMap session,
                                     Map<String, Value> guardEntries) {
        // One fixed context for a tool no policy reads it of: its verdict then cannot depend on arguments, session or entries.
        Map<String, Value> context = standInContexts.get(binding.tool().name());
        if (context == null) {
            context = context(binding, args, session, guardEntries);
        }
        return new Prepared.Request(agent, CedarEntities.principal(agent), binding, resource,
                CedarEntities.resourceUid(resource), context);
    }

    private static Map<String, Value> context(ToolBinding binding, Value args, CedarMap session,
                                              Map<String, Value> guardEntries) {
        Map<String, Value> context = new HashMap<>(guardEntries);
        context.putAll(binding.fixedContext());
        context.put("args", args);
        context.put("session", session);
        return Map.copyOf(context);
    }

    /**
     * For each tool no policy can read the context of, the context its calls are evaluated with: the
     * schema's shape (Cedar parses a context against the schema even without request validation)
     * with sample arguments and an empty session.
     */
    private static Map<String, Map<String, Value>> standInContexts(Map<String, ToolBinding> tools, Set<String> reading) {
        Map<String, Map<String, Value>> out = new HashMap<>();
        tools.forEach((name, binding) -> {
            if (!reading.contains(name)) {
                out.put(name, context(binding, CedarValues.sample(binding.args()), session("", Set.of()),
                        Map.of(GrantGuard.CONTEXT_KEY, EMPTY_SET)));
            }
        });
        return Map.copyOf(out);
    }

    private PolicyVerdict authorize(Prepared.Request r) throws AuthException {
        // Request validation is off: the policies were validated against this schema at load, and the
        // context is built from it (CedarValues converts every argument by its schema type and fails
        // the query otherwise), so re-checking each request would only cost time (~25 us a call).
        AuthorizationRequest request = new AuthorizationRequest(r.principal().getEUID(), r.binding().action(),
                r.resourceUid(), Optional.of(r.context()), Optional.of(schema), false);
        AuthorizationResponse response = cedar.isAuthorized(request, policySet, Set.of(r.principal()));
        return verdicts.map(response);
    }

    /** One-time initialisation of the JNI path (about a second) happens here rather than on a real call. */
    private void warmUp() {
        if (tools.isEmpty()) {
            return;
        }
        ToolBinding binding = tools.values().iterator().next();
        Agent agent = new Agent(new AgentId("warden.local", "warden-warm-up"), "warden", "warm-up", List.of(), "0",
                "", "warden", "warm-up", MaturityLevel.INTERN, AgentStatus.ACTIVE, List.of(), 0, Instant.EPOCH);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            try {
                authorize(request(agent, binding, "warm-up", CedarValues.sample(binding.args()), session("warm-up", Set.of()),
                        Map.of(GrantGuard.CONTEXT_KEY, EMPTY_SET)));
            } catch (AuthException | RuntimeException e) {
                return; // warming up is best effort; real calls report their own failures
            }
        }
    }
}
