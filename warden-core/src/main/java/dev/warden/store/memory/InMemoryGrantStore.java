package dev.warden.store.memory;

import dev.warden.grant.Grant;
import dev.warden.grant.GrantId;
import dev.warden.grant.GrantStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A {@link GrantStore} in memory, for tests and embedded use without persistence. */
public final class InMemoryGrantStore implements GrantStore {
    private final ConcurrentHashMap<GrantId, Grant> grants = new ConcurrentHashMap<>();

    @Override
    public void insert(Grant grant) {
        if (grants.putIfAbsent(grant.id(), grant) != null) {
            throw new IllegalStateException("grant " + grant.id() + " exists");
        }
    }

    @Override
    public boolean remove(GrantId id) {
        return grants.remove(id) != null;
    }

    @Override
    public Optional<Grant> find(GrantId id) {
        return Optional.ofNullable(grants.get(id));
    }

    @Override
    public List<Grant> listOfAgent(String agent) {
        return grants.values().stream().filter(g -> g.agent().equals(agent))
                .sorted(Comparator.comparing(Grant::createdAt).thenComparing(g -> g.id().value())).toList();
    }

    @Override
    public List<Grant> list(int limit) {
        return grants.values().stream()
                .sorted(Comparator.comparing(Grant::createdAt).thenComparing(g -> g.id().value()).reversed())
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public List<Grant> listUnexpired(Instant now) {
        return grants.values().stream().filter(g -> g.revokedAt().isEmpty() && now.isBefore(g.expiresAt()))
                .sorted(Comparator.comparing(Grant::createdAt).thenComparing(g -> g.id().value())).toList();
    }

    @Override
    public boolean use(GrantId id) {
        return swap(id, g -> g.revokedAt().isEmpty() && (g.maxUses().isEmpty() || g.uses() < g.maxUses().getAsLong())
                ? with(g, g.uses() + 1, g.revokedAt(), g.revokedBy()) : null);
    }

    @Override
    public boolean unuse(GrantId id) {
        return swap(id, g -> g.uses() > 0 ? with(g, g.uses() - 1, g.revokedAt(), g.revokedBy()) : null);
    }

    @Override
    public boolean revoke(GrantId id, String by, Instant at) {
        return swap(id, g -> g.revokedAt().isEmpty() ? with(g, g.uses(), Optional.of(at), Optional.of(by)) : null);
    }

    @Override
    public boolean unrevoke(GrantId id) {
        return swap(id, g -> g.revokedAt().isPresent() ? with(g, g.uses(), Optional.empty(), Optional.empty()) : null);
    }

    /** Replaces a grant by {@code change}'s result atomically; a null result changes nothing. */
    private boolean swap(GrantId id, UnaryOperator<Grant> change) {
        boolean[] done = {false};
        grants.computeIfPresent(id, (k, g) -> {
            Grant next = change.apply(g);
            if (next == null) {
                return g;
            }
            done[0] = true;
            return next;
        });
        return done[0];
    }

    private static Grant with(Grant g, long uses, Optional<Instant> revokedAt, Optional<String> revokedBy) {
        OptionalLong max = g.maxUses();
        return new Grant(g.id(), g.agent(), g.tool(), g.resource(), g.session(), g.conditions(), max, uses,
                g.createdBy(), g.createdAt(), g.expiresAt(), revokedAt, revokedBy, g.reason());
    }
}
