package dev.warden.store.memory;

import dev.warden.rollback.ItemResult;
import dev.warden.rollback.ItemState;
import dev.warden.rollback.RollbackItem;
import dev.warden.rollback.RollbackPlan;
import dev.warden.rollback.RollbackPlanStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link RollbackPlanStore} in memory (not durable), for tests and embedded use. */
public final class InMemoryRollbackPlanStore implements RollbackPlanStore {
    private final Map<String, RollbackPlan> plans = new HashMap<>();

    @Override
    public synchronized void create(RollbackPlan plan) {
        if (plans.putIfAbsent(plan.id(), plan) != null) {
            throw new IllegalStateException("duplicate plan id " + plan.id());
        }
    }

    @Override
    public synchronized void delete(String planId) {
        plans.remove(planId);
    }

    @Override
    public synchronized Optional<RollbackPlan> find(String planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    @Override
    public synchronized boolean markRun(String planId, String by) {
        RollbackPlan p = plans.get(planId);
        if (p == null || p.ranBy().isPresent()) {
            return false;
        }
        plans.put(planId, new RollbackPlan(p.id(), p.agent(), p.since(), p.until(), p.createdAt(), p.createdBy(),
                p.truncated(), Optional.of(by), p.items()));
        return true;
    }

    @Override
    public synchronized void unmarkRun(String planId) {
        RollbackPlan p = plans.get(planId);
        if (p != null) {
            plans.put(planId, new RollbackPlan(p.id(), p.agent(), p.since(), p.until(), p.createdAt(), p.createdBy(),
                    p.truncated(), Optional.empty(), p.items()));
        }
    }

    @Override
    public synchronized boolean claim(String planId, String decisionId) {
        RollbackPlan p = plans.get(planId);
        Optional<RollbackItem> item = p == null ? Optional.empty() : p.item(decisionId);
        if (item.isEmpty() || item.get().result().state() != ItemState.PENDING) {
            return false;
        }
        for (RollbackPlan other : plans.values()) {
            if (other.item(decisionId).map(i -> i.result().state().holdsAction()).orElse(false)) {
                return false;
            }
        }
        finish(planId, decisionId, ItemResult.of(ItemState.RUNNING));
        return true;
    }

    @Override
    public synchronized void finish(String planId, String decisionId, ItemResult result) {
        RollbackPlan p = plans.get(planId);
        if (p == null) {
            return;
        }
        List<RollbackItem> items = new ArrayList<>(p.items().size());
        for (RollbackItem i : p.items()) {
            items.add(i.decisionId().equals(decisionId) ? i.withResult(result) : i);
        }
        plans.put(planId, new RollbackPlan(p.id(), p.agent(), p.since(), p.until(), p.createdAt(), p.createdBy(),
                p.truncated(), p.ranBy(), items));
    }
}
