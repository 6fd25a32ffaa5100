package dev.warden.audit.log;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MerkleNode;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The verifiable log in memory (not durable): entries, kept tree nodes, checkpoints, keys and the
 * prune mark. For tests and embedded use.
 */
public final class InMemoryLogStore implements TreeAuditStore, CheckpointStore, RetentionStore {
    /** Records by seq; pruned ones are removed. */
    private final TreeMap<Long, AuditRecord> records = new TreeMap<>();
    /** Kept nodes by level, then index; level 0 holds leaf hashes kept by a prune. */
    private final Map<Integer, TreeMap<Long, Hash>> nodes = new HashMap<>();
    private final List<StoredCheckpoint> checkpoints = new ArrayList<>();
    private final List<LogKeyRecord> keys = new ArrayList<>();
    private final TreeIntegrator tree = new TreeIntegrator(CompactRange.empty());
    private AuditHead head = AuditHead.EMPTY;
    private PruneMark pruneMark;

    @Override
    public synchronized AuditHead head() {
        return head;
    }

    @Override
    public synchronized void append(List<AuditRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        TreeIntegrator.Prepared prepared;
        try {
            prepared = tree.prepare(batch);
        } catch (IllegalStateException e) {
            throw new WardenException(ErrorCode.STORE_UNAVAILABLE, e.getMessage(), e);
        }
        for (AuditRecord r : batch) {
            records.put(r.seq(), r);
        }
        for (MerkleNode n : prepared.nodes()) {
            nodes.computeIfAbsent(n.level(), l -> new TreeMap<>()).put(n.index(), n.hash());
        }
        AuditRecord last = batch.getLast();
        head = new AuditHead(last.seq(), last.chainHash());
        tree.commit(prepared);
    }

    @Override
    public synchronized List<AuditRecord> read(AuditQuery q) {
        List<AuditRecord> out = new ArrayList<>();
        if (q.afterSeq() >= q.beforeSeq()) {
            return out;
        }
        var range = records.subMap(q.afterSeq(), false, q.beforeSeq(), false);
        for (AuditRecord r : (q.newestFirst() ? range.descendingMap() : range).values()) {
            if (out.size() >= q.limit()) {
                break;
            }
            if (q.agent().map(a -> a.equals(r.agent())).orElse(true) && q.kind().map(k -> k.equals(r.kind())).orElse(true)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<AuditRecord> findDecision(String decisionId) {
        return records.values().stream().filter(r -> "decision".equals(r.kind()) && decisionId.equals(r.decisionId())).findFirst();
    }

    @Override
    public synchronized boolean hasOutcome(String decisionId) {
        return records.values().stream().anyMatch(r -> "outcome".equals(r.kind()) && decisionId.equals(r.decisionId()));
    }

    @Override
    public synchronized List<Hash> nodes(int level, long from, long to) {
        List<Hash> out = new ArrayList<>((int) Math.min(to - from, 1024));
        for (long i = from; i < to; i++) {
            Hash h = null;
            if (level == 0) {
                AuditRecord r = records.get(i + 1);
                h = r != null ? Hash.ofHex(r.leafHash()) : null;
            }
            if (h == null && (level == 0 || TreeLayout.isStored(level))) {
                TreeMap<Long, Hash> row = nodes.get(level);
                h = row == null ? null : row.get(i);
            }
            if (h == null) {
                throw new MissingNodeException(level, i);
            }
            out.add(h);
        }
        return out;
    }

    @Override
    public TreeHead treeHead() {
        return tree.head();
    }

    @Override
    public synchronized OptionalLong lastNodeIndex(int level) {
        TreeMap<Long, Hash> row = nodes.get(level);
        return row == null || row.isEmpty() ? OptionalLong.empty() : OptionalLong.of(row.lastKey());
    }

    @Override
    public synchronized StoredCheckpoint add(StoredCheckpoint c) {
        StoredCheckpoint stored = new StoredCheckpoint(checkpoints.size() + 1L, c.size(), c.root(), c.keyId(), c.time(), c.note());
        checkpoints.add(stored);
        return stored;
    }

    @Override
    public synchronized Optional<StoredCheckpoint> latest() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.getLast());
    }

    @Override
    public synchronized List<StoredCheckpoint> page(long minSize, long afterId, int limit) {
        return checkpoints.stream().filter(c -> c.size() >= minSize && c.id() > afterId).limit(limit).toList();
    }

    @Override
    public synchronized void addKey(LogKeyRecord key) {
        if (keys.stream().noneMatch(k -> k.verifierKey().equals(key.verifierKey()))) {
            keys.add(key);
        }
    }

    @Override
    public synchronized void retireKey(String verifierKey, Instant at) {
        keys.replaceAll(k -> k.verifierKey().equals(verifierKey) && k.retiredAt().isEmpty()
                ? new LogKeyRecord(k.verifierKey(), k.keyId(), k.createdAt(), Optional.of(at)) : k);
    }

    @Override
    public synchronized List<LogKeyRecord> keys() {
        return List.copyOf(keys);
    }

    @Override
    public synchronized Optional<PruneMark> pruneMark() {
        return Optional.ofNullable(pruneMark);
    }

    @Override
    public synchronized void prune(PruneMark mark) {
        long previous = pruneMark == null ? 0 : pruneMark.below();
        if (mark.below() <= previous || mark.below() > head.seq()) {
            throw new IllegalArgumentException("below must be above " + previous + " and at most " + head.seq());
        }
        long blockStart = mark.below() - mark.below() % (1L << TreeLayout.STRIDE);
        for (long i = blockStart; i < mark.below(); i++) {
            AuditRecord r = records.get(i + 1);
            if (r != null) {
                nodes.computeIfAbsent(0, l -> new TreeMap<>()).put(i, Hash.ofHex(r.leafHash()));
            }
        }
        records.headMap(mark.below(), true).clear();
        pruneMark = mark;
    }

    /** Test hook: replaces a stored record as if someone edited the store. */
    public synchronized void tamper(AuditRecord replacement) {
        records.put(replacement.seq(), replacement);
    }

    /** Test hook: removes a stored record as if someone deleted it. */
    public synchronized void tamperDelete(long seq) {
        records.remove(seq);
    }
}
