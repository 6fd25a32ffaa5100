package dev.warden.store.memory;

import dev.warden.maturity.EvidenceItem;
import dev.warden.maturity.EvidenceStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link EvidenceStore} in memory, for tests and embedded use without persistence. */
public final class InMemoryEvidenceStore implements EvidenceStore {
    private final ConcurrentHashMap<String, EvidenceItem> items = new ConcurrentHashMap<>();

    @Override
    public void insert(EvidenceItem item) {
        if (items.putIfAbsent(item.id(), item) != null) {
            throw new IllegalStateException("evidence " + item.id() + " exists");
        }
    }

    @Override
    public boolean remove(String id) {
        return items.remove(id) != null;
    }

    @Override
    public Optional<EvidenceItem> find(String id) {
        return Optional.ofNullable(items.get(id));
    }

    @Override
    public List<EvidenceItem> listOfAgent(String agent) {
        return items.values().stream().filter(i -> i.agent().equals(agent))
                .sorted(Comparator.comparing(EvidenceItem::recordedAt).thenComparing(EvidenceItem::id)).toList();
    }

    @Override
    public boolean withdraw(String id, String by, Instant at, String reason) {
        boolean[] done = {false};
        items.computeIfPresent(id, (k, i) -> {
            if (i.withdrawn()) {
                return i;
            }
            done[0] = true;
            return i.withdraw(by, at, reason);
        });
        return done[0];
    }

    @Override
    public boolean unwithdraw(String id) {
        boolean[] done = {false};
        items.computeIfPresent(id, (k, i) -> {
            if (!i.withdrawn()) {
                return i;
            }
            done[0] = true;
            return new EvidenceItem(i.id(), i.agent(), i.level(), i.target(), i.kind(), i.operator(), i.role(), i.fields(),
                    i.recordedAt(), Optional.empty(), Optional.empty(), Optional.empty());
        });
        return done[0];
    }
}
