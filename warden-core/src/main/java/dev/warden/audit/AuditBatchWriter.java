package dev.warden.audit;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.json.CanonicalJson;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the batches of a {@link GroupCommitAuditLog}, one at a time: numbers its events after the
 * head of the previous batch, writes them as canonical entries, hashes them into the chain,
 * applies the changes they record and appends the records ({@link AuditStore#appendWithChanges}
 * when there are changes). After a failed batch it takes back the changes the store's transaction
 * did not cover and re-reads the store's head for the next batch, so sequence numbers stay gap-free.
 *
 * <p>Not thread-safe: the log calls {@link #write} only with its commit lock held, which also
 * guards the head kept here.
 */
final class AuditBatchWriter {
    // the log's logger, so batch failures are logged where they always were
    private static final System.Logger LOG = System.getLogger(GroupCommitAuditLog.class.getName());

    /**
     * One queued event. Its state goes from queued to taken (by the writer, which then writes it)
     * or to withdrawn (by a {@link GroupCommitAuditLog#appendDurably} caller that gave up waiting), never both.
     */
    record Pending(AuditEvent event, AuditedChange change, CompletableFuture<AuditReceipt> receipt,
                   AtomicInteger state) {
        static final int QUEUED = 0;
        static final int TAKEN = 1;
        static final int WITHDRAWN = 2;

        Pending(AuditEvent event) {
            this(event, null);
        }

        /** An event with the change it records (null for none); a refused change completes the receipt with null. */
        Pending(AuditEvent event, AuditedChange change) {
            this(event, change, new CompletableFuture<>(), new AtomicInteger(QUEUED));
        }

        boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }

        boolean withdraw() {
            return state.compareAndSet(QUEUED, WITHDRAWN);
        }
    }

    /**
     * A written batch whose callers are yet to be told.
     *
     * @param written how many events were written (withdrawn ones are not), or -1 when the store failed the batch
     */
    record Committed(int written, List<Runnable> acks) {
        void acknowledge() {
            acks.forEach(Runnable::run);
        }
    }

    private final AuditStore store;
    private final AuditHashing hashing = new AuditHashing();
    /** The head after the last batch written; null after a failed one (then read from the store). */
    private AuditHead head;
    /** The key of masked fields ({@link AuditEvent#withSensitive}); set by the log. */
    volatile dev.warden.scan.MaskingKey maskingKey = dev.warden.scan.MaskingKey.random(new java.security.SecureRandom());

    /** Starts after the store's head. */
    AuditBatchWriter(AuditStore store) {
        this.store = store;
        this.head = store.head();
    }

    /**
     * Writes a batch (the caller holds the log's commit lock); its receipts are completed by
     * {@link Committed#acknowledge}, which the caller runs after releasing the lock.
     */
    Committed write(List<Pending> batch) {
        Built built = new Built(batch.size());
        try {
            if (!hasChanges(batch)) {
                build(batch, built);
                if (!built.records.isEmpty()) {
                    store.append(built.records);
                }
            } else {
                store.appendWithChanges(() -> build(batch, built));
            }
            head = built.next;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "audit batch of " + batch.size() + " events failed; they are not acknowledged", e);
            head = null;
            takeBack(built);
            WardenException failure = e instanceof WardenException w ? w : unavailable("audit append failed", e);
            batch.forEach(p -> built.acks.add(() -> p.receipt().completeExceptionally(failure)));
            return new Committed(-1, built.acks);
        }
        for (int i = 0; i < built.written.size(); i++) {
            AuditRecord r = built.records.get(i);
            Pending p = built.written.get(i);
            built.acks.add(() -> p.receipt().complete(new AuditReceipt(r.seq(), r.leafHash())));
        }
        return new Committed(built.written.size(), built.acks);
    }

    private static boolean hasChanges(List<Pending> batch) {
        for (Pending p : batch) {
            if (p.change() != null) {
                return true;
            }
        }
        return false;
    }

    /** What building a batch produced: its records, their events, the changes applied and the early answers. */
    private static final class Built {
        final List<Runnable> acks;
        final List<AuditRecord> records;
        final List<Pending> written;
        final List<AuditedChange> applied = new ArrayList<>();
        AuditHead next;

        Built(int size) {
            acks = new ArrayList<>(size);
            records = new ArrayList<>(size);
            written = new ArrayList<>(size);
        }
    }

    /**
     * Numbers and hashes the batch's events and applies their changes, in order. An event that is
     * not plain JSON fails alone, before its change is applied; a refused change gets no record.
     *
     * @return the records to append
     */
    private List<AuditRecord> build(List<Pending> batch, Built built) {
        AuditHead next = head == null ? store.head() : head;
        for (Pending p : batch) {
            if (!p.take()) {
                continue; // withdrawn by a caller that stopped waiting: never written
            }
            AuditEvent e = p.event();
            long seq = next.seq() + 1;
            String entry;
            try {
                entry = CanonicalJson.write(e.entry(seq, maskingKey), AuditEvent.MAX_ENTRY_CHARS);
            } catch (IllegalArgumentException notJson) {
                // an event that is not plain JSON fails alone; it must not fail the rest of its batch
                WardenException failure = unavailable("audit event '" + e.kind()
                        + "' cannot be written as canonical JSON: " + notJson.getMessage(), notJson);
                built.acks.add(() -> p.receipt().completeExceptionally(failure));
                continue;
            }
            if (p.change() != null) {
                if (!p.change().apply()) {
                    built.acks.add(() -> p.receipt().complete(null)); // refused: nothing changed, nothing written
                    continue;
                }
                built.applied.add(p.change());
            }
            byte[] leaf = hashing.leaf(entry);
            String chain = AuditHashing.hex(hashing.chain(next.chainHash(), leaf));
            built.records.add(new AuditRecord(seq, e.time(), e.kind(), e.agent(), e.session(), e.decisionId(),
                    e.decision(), entry, AuditHashing.hex(leaf), chain));
            built.written.add(p);
            next = new AuditHead(seq, chain);
        }
        built.next = next;
        return built.records;
    }

    /**
     * Reverts the applied changes of a failed batch that its transaction did not cover, latest
     * first; none when the store's head shows the batch was committed all the same, because its
     * records then say the changes were made.
     */
    private void takeBack(Built built) {
        List<AuditedChange> outside = built.applied.stream().filter(c -> !store.sharesTransactionWith(c.store())).toList();
        if (outside.isEmpty()) {
            return;
        }
        if (committedAfterAll(built.records)) {
            LOG.log(Level.WARNING, "audit batch was reported failed but is stored; its " + outside.size()
                    + " changes stay in force");
            return;
        }
        for (AuditedChange c : outside.reversed()) {
            try {
                c.revert();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a change whose audit record failed could not be reverted; it is in force without its record", e);
            }
        }
    }

    /** Whether the store's head is the last record of the batch (a commit reported as failed). */
    private boolean committedAfterAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return false;
        }
        try {
            AuditHead stored = store.head();
            AuditRecord last = records.getLast();
            return stored.seq() == last.seq() && stored.chainHash().equals(last.chainHash());
        } catch (RuntimeException e) {
            return false; // unknown: revert, so a change is never in force on a record that may be missing
        }
    }

    static WardenException unavailable(String message, Throwable cause) {
        return new WardenException(ErrorCode.STORE_UNAVAILABLE, message, cause);
    }
}
