package dev.warden.store.memory;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link AuditStore} in memory (not durable), for tests and embedded use. */
public final class InMemoryAuditStore implements AuditStore {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized AuditHead head() {
        if (records.isEmpty()) {
            return AuditHead.EMPTY;
        }
        AuditRecord last = records.getLast();
        return new AuditHead(last.seq(), last.chainHash());
    }

    @Override
    public synchronized void append(List<AuditRecord> batch) {
        long next = records.size() + 1L;
        for (AuditRecord r : batch) {
            if (r.seq() != next++) {
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "audit append out of sequence at " + r.seq());
            }
        }
        records.addAll(batch);
    }

    @Override
    public synchronized List<AuditRecord> read(AuditQuery q) {
        List<AuditRecord> out = new ArrayList<>();
        // record i has seq i + 1
        int from = (int) Math.min(q.afterSeq(), records.size());
        int to = (int) Math.min(q.beforeSeq() - 1, records.size());
        for (int n = 0; n < to - from && out.size() < q.limit(); n++) {
            AuditRecord r = records.get(q.newestFirst() ? to - 1 - n : from + n);
            if (q.agent().map(a -> a.equals(r.agent())).orElse(true) && q.kind().map(k -> k.equals(r.kind())).orElse(true)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<AuditRecord> findDecision(String decisionId) {
        return records.stream().filter(r -> "decision".equals(r.kind()) && decisionId.equals(r.decisionId())).findFirst();
    }

    @Override
    public synchronized boolean hasOutcome(String decisionId) {
        return records.stream().anyMatch(r -> "outcome".equals(r.kind()) && decisionId.equals(r.decisionId()));
    }
}
