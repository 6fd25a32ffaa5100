package dev.warden.policy;

import dev.warden.agent.Agent;
import dev.warden.catalog.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers the verdicts of a policy engine for recently seen queries, under the key the engine
 * itself gives ({@link PolicyEngine#verdictKey}): the engine knows what its verdict depends on (the
 * Cedar engine keys on the request Cedar is given, so whether the arguments can be given to Cedar
 * at all is part of it), and a key that left something out would make one call's decision depend on
 * the calls before it. A query without a key is evaluated every time, as is any query when the
 * engine gives no keys at all. The cache lives and dies with the engine instance, so loading new
 * policies starts empty. The context entries guards added ({@link PolicyQuery#context}) and the
 * session's data labels ({@link PolicyQuery#sessionLabels}) are part of every key, whatever the
 * engine's key holds, so a verdict is never shared between calls whose entries or labels differ: a
 * verdict remembered before a session gained a label never answers a call made after. Failed verdicts are never remembered. The cache holds at most
 * {@code capacity} entries, least recently used out first.
 */
public final class MemoizingPolicyEngine implements PolicyEngine {
    private final PolicyEngine delegate;
    private final Map<Object, PolicyVerdict> verdicts;

    /**
     * Wraps an engine.
     *
     * @param delegate the engine; only queries it gives a {@link PolicyEngine#verdictKey} for are remembered
     * @param capacity how many verdicts to keep (at least 1)
     */
    public MemoizingPolicyEngine(PolicyEngine delegate, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.delegate = delegate;
        this.verdicts = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, PolicyVerdict> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public PolicyVerdict evaluate(PolicyQuery query) {
        Object key = keyOf(query);
        if (key == null) {
            return delegate.evaluate(query);
        }
        synchronized (verdicts) {
            PolicyVerdict known = verdicts.get(key);
            if (known != null) {
                return known;
            }
        }
        PolicyVerdict verdict = delegate.evaluate(query);
        if (!(verdict instanceof PolicyVerdict.Failed)) {
            synchronized (verdicts) {
                verdicts.put(key, verdict);
            }
        }
        return verdict;
    }

    private Object keyOf(PolicyQuery query) {
        try {
            Optional<Object> key = delegate.verdictKey(query);
            Object engineKey = key == null ? null : key.orElse(null);
            if (engineKey == null || query.context().isEmpty() && query.sessionLabels().isEmpty()) {
                return engineKey;
            }
            // the guards' entries and the labels are always part of the key, whether or not the engine's key names them
            return new WithEntries(engineKey, Map.copyOf(query.context()), query.sessionLabels());
        } catch (RuntimeException e) {
            return null; // no key, no memo: the engine answers (or fails) on its own
        }
    }

    /** The key of a query with context entries or labels: the engine's key, a copy of the entries, the labels. */
    private record WithEntries(Object engineKey, Map<String, Object> entries, Set<String> labels) {
    }

    @Override
    public List<String> policyIds() {
        return delegate.policyIds();
    }

    @Override
    public java.util.Map<String, String> approverGroups() {
        return delegate.approverGroups();
    }

    @Override
    public boolean mayEverPermit(Agent agent, Tool tool) {
        return delegate.mayEverPermit(agent, tool);
    }

    @Override
    public Optional<Object> verdictKey(PolicyQuery query) {
        return delegate.verdictKey(query);
    }

    /** The wrapped engine. */
    public PolicyEngine delegate() {
        return delegate;
    }
}
