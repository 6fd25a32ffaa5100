package dev.warden.policy;

import dev.warden.agent.Agent;
import dev.warden.catalog.Tool;
import dev.warden.json.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the verdicts of a deterministic policy engine for recently seen queries.
 *
 * <p>Policy evaluation is a pure function of the query: the agent as registered (every attribute,
 * so a level change or kill is a different key), the session, the tool, the resource and the
 * canonical form of the arguments; session and arguments are left out of the key for tools whose
 * policies never read the context ({@link PolicyEngine#readsContext}). An engine whose verdicts depend on nothing else (Cedar's do
 * not: it has no clock or randomness) can be memoized without changing any decision; the cache
 * lives and dies with the engine instance, so loading new policies starts empty. Failed verdicts
 * are never remembered. The cache holds at most {@code capacity} entries, least recently used
 * out first.
 */
public final class MemoizingPolicyEngine implements PolicyEngine {
    private record Key(Agent agent, String session, String tool, String resource, String args) {
    }

    private final PolicyEngine delegate;
    private final Map<Key, PolicyVerdict> verdicts;

    /**
     * Wraps an engine.
     *
     * @param delegate an engine whose verdicts depend only on the query
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
            protected boolean removeEldestEntry(Map.Entry<Key, PolicyVerdict> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public PolicyVerdict evaluate(PolicyQuery query) {
        Key key;
        try {
            boolean context = delegate.readsContext(query.tool());
            key = new Key(query.agent(), context ? query.sessionId() : "", query.tool().name(), query.resource(),
                    context ? CanonicalJson.write(query.args()) : "");
        } catch (IllegalArgumentException notJson) {
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

    @Override
    public List<String> policyIds() {
        return delegate.policyIds();
    }

    @Override
    public boolean mayEverPermit(Agent agent, Tool tool) {
        return delegate.mayEverPermit(agent, tool);
    }

    @Override
    public boolean readsContext(Tool tool) {
        return delegate.readsContext(tool);
    }

    /** The wrapped engine. */
    public PolicyEngine delegate() {
        return delegate;
    }
}
