package dev.warden.store.memory;

import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.approval.ApprovalStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ApprovalStore} in memory, for tests and embedded use without persistence. */
public final class InMemoryApprovalStore implements ApprovalStore {
    private final ConcurrentHashMap<ApprovalId, Approval> approvals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ApprovalId, List<String>> signOffs = new ConcurrentHashMap<>();

    @Override
    public void insert(Approval approval) {
        approvals.put(approval.id(), approval);
    }

    @Override
    public Optional<Approval> find(ApprovalId id) {
        return Optional.ofNullable(approvals.get(id));
    }

    @Override
    public List<Approval> list(Optional<ApprovalState> state, int limit) {
        return approvals.values().stream()
                .filter(a -> state.isEmpty() || a.state() == state.get())
                .sorted(Comparator.comparing(Approval::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Approval> listOfAgent(String agent, ApprovalState state) {
        return approvals.values().stream()
                .filter(a -> a.agent().equals(agent) && a.state() == state)
                .sorted(Comparator.comparing(Approval::createdAt))
                .toList();
    }

    @Override
    public List<Approval> listDue(Instant now, int limit) {
        return approvals.values().stream()
                .filter(a -> (a.state() == ApprovalState.PENDING || a.state() == ApprovalState.APPROVED)
                        && !now.isBefore(a.expiresAt()))
                .sorted(Comparator.comparing(Approval::expiresAt))
                .limit(limit)
                .toList();
    }

    @Override
    public boolean transition(ApprovalId id, ApprovalState from, ApprovalState to, String decidedBy, Instant at, String note) {
        boolean[] done = {false};
        approvals.computeIfPresent(id, (k, a) -> {
            if (a.state() != from) {
                return a;
            }
            done[0] = true;
            boolean human = decidedBy != null;
            return a.with(to, human ? Optional.of(decidedBy) : a.decidedBy(), human ? Optional.of(at) : a.decidedAt(),
                    human ? Optional.ofNullable(note) : a.note());
        });
        return done[0];
    }

    @Override
    public boolean restore(Approval earlier, ApprovalState from) {
        boolean[] done = {false};
        approvals.computeIfPresent(earlier.id(), (k, a) -> {
            if (a.state() != from) {
                return a;
            }
            done[0] = true;
            return a.with(earlier.state(), earlier.decidedBy(), earlier.decidedAt(), earlier.note());
        });
        return done[0];
    }

    @Override
    public boolean remove(ApprovalId id) {
        return approvals.remove(id) != null;
    }

    @Override
    public boolean signOff(ApprovalId id, String operator, Instant at) {
        boolean[] added = {false};
        signOffs.compute(id, (k, list) -> {
            List<String> now = list == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(list);
            if (!now.contains(operator)) {
                now.add(operator);
                added[0] = true;
            }
            return List.copyOf(now);
        });
        return added[0];
    }

    @Override
    public void removeSignOff(ApprovalId id, String operator) {
        signOffs.computeIfPresent(id, (k, list) -> {
            List<String> now = new java.util.ArrayList<>(list);
            now.remove(operator);
            return now.isEmpty() ? null : List.copyOf(now);
        });
    }

    @Override
    public List<String> signOffs(ApprovalId id) {
        return signOffs.getOrDefault(id, List.of());
    }

    @Override
    public List<Approval> createdSince(Instant since, Optional<String> agent, int limit) {
        return approvals.values().stream()
                .filter(a -> !a.createdAt().isBefore(since) && (agent.isEmpty() || a.agent().equals(agent.get())))
                .sorted(Comparator.comparing(Approval::createdAt).thenComparing(a -> a.id().value()))
                .limit(Math.max(limit, 0))
                .toList();
    }

    @Override
    public List<Approval> withFingerprint(String fingerprint, int limit) {
        return approvals.values().stream()
                .filter(a -> a.fingerprint().equals(fingerprint))
                .sorted(Comparator.comparing(Approval::createdAt).thenComparing(a -> a.id().value()).reversed())
                .limit(Math.max(limit, 0))
                .toList();
    }
}
