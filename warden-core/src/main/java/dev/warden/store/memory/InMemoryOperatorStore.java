package dev.warden.store.memory;

import dev.warden.operator.Operator;
import dev.warden.operator.OperatorCredential;
import dev.warden.operator.OperatorStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link OperatorStore} in memory (embedded use and tests); thread-safe. */
public final class InMemoryOperatorStore implements OperatorStore {
    private final TreeMap<String, Operator> operators = new TreeMap<>();
    private final Map<String, OperatorCredential> credentials = new LinkedHashMap<>();

    @Override
    public synchronized boolean insert(Operator operator) {
        return operators.putIfAbsent(operator.name(), operator) == null;
    }

    @Override
    public synchronized boolean update(Operator operator) {
        return operators.replace(operator.name(), operator) != null;
    }

    @Override
    public synchronized void delete(String name) {
        operators.remove(name);
    }

    @Override
    public synchronized Optional<Operator> find(String name) {
        return Optional.ofNullable(operators.get(name));
    }

    @Override
    public synchronized List<Operator> list() {
        return List.copyOf(operators.values());
    }

    @Override
    public synchronized void insertCredential(OperatorCredential credential) {
        credentials.put(credential.id(), credential);
    }

    @Override
    public synchronized void deleteCredential(String id) {
        credentials.remove(id);
    }

    @Override
    public synchronized Optional<OperatorCredential> findCredential(String hash) {
        return credentials.values().stream().filter(c -> c.hash().equals(hash)).findFirst();
    }

    @Override
    public synchronized List<OperatorCredential> credentialsOf(String operator, OperatorCredential.Kind kind) {
        return credentials.values().stream().filter(c -> c.operator().equals(operator) && c.kind() == kind)
                .sorted(Comparator.comparing(OperatorCredential::createdAt).thenComparing(OperatorCredential::id)).toList();
    }

    @Override
    public synchronized boolean revokeCredential(String id, Instant at) {
        OperatorCredential c = credentials.get(id);
        if (c == null || c.revokedAt().isPresent()) {
            return false;
        }
        credentials.put(id, with(c, Optional.of(at)));
        return true;
    }

    @Override
    public synchronized void unrevokeCredential(String id) {
        credentials.computeIfPresent(id, (k, c) -> with(c, Optional.empty()));
    }

    @Override
    public synchronized int purgeExpiredTokens(Instant now) {
        int before = credentials.size();
        credentials.values().removeIf(c -> c.kind() == OperatorCredential.Kind.TOKEN
                && c.expiresAt().map(now::isAfter).orElse(false));
        return before - credentials.size();
    }

    private static OperatorCredential with(OperatorCredential c, Optional<Instant> revokedAt) {
        return new OperatorCredential(c.id(), c.operator(), c.kind(), c.hash(), c.roles(), c.createdAt(), c.expiresAt(), revokedAt);
    }
}
