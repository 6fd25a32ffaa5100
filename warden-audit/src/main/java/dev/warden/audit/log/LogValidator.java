package dev.warden.audit.log;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.MerkleNode;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.merkle.TreeLayout;
import dev.warden.audit.merkle.TreeReader;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.note.SignedNote;
import dev.warden.json.JsonException;
import dev.warden.json.JsonObjectSpans;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Recomputes a stored log from its entries and compares everything stored against it: every leaf
 * hash from its entry, the sequence number inside each entry, the hash chain, every kept tree node,
 * the root at every checkpoint (whose signature must verify with a published log key), and that
 * nothing (nodes, checkpoints) reaches beyond the last entry. Reports the first problem by index.
 *
 * <p>Runs at server startup: a corrupt store refuses to start rather than serve a wrong root.
 * Streams in pages of 1,000 entries; memory stays O(log n).
 */
public final class LogValidator {
    private static final HexFormat HEX = HexFormat.of();
    private static final int PAGE = 1000;

    private final TreeAuditStore store;
    private final CheckpointStore checkpoints;
    private final RetentionStore retention;
    private LongConsumer progress = n -> { };

    /** A validator over the three parts of a stored log. */
    public LogValidator(TreeAuditStore store, CheckpointStore checkpoints, RetentionStore retention) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.retention = retention;
    }

    /** Called with the number of entries checked, every 100,000 entries. */
    public LogValidator onProgress(LongConsumer listener) {
        this.progress = listener;
        return this;
    }

    /** Validates the whole stored log. */
    public LogValidation validate() {
        Optional<PruneMark> mark = retention.pruneMark();
        long start = mark.map(PruneMark::below).orElse(0L);
        AuditHead chain = mark.map(m -> new AuditHead(m.below(), m.anchorChain())).orElse(AuditHead.EMPTY);
        CompactRange range;
        try {
            range = new TreeReader(store).compactRange(start);
        } catch (MissingNodeException e) {
            return new LogValidation.Corrupt(start, "the tree nodes kept at the prune point are missing: " + e.getMessage());
        }
        KeyRing keys = KeyRing.of(checkpoints.keys().stream().map(k -> NoteVerifier.parse(k.verifierKey())).toList());
        CheckpointCursor cursor = new CheckpointCursor(keys);

        // checkpoints below the prune point: signatures only, their entries are archived
        LogValidation early = cursor.skipBelow(start);
        if (early != null) {
            return early;
        }
        LogValidation atStart = cursor.checkAt(range);
        if (atStart != null) {
            return atStart;
        }
        if (mark.isPresent() && mark.get().exportedSize() == start && !mark.get().exportedRoot().equals(range.root())) {
            return new LogValidation.Corrupt(start, "the root at the prune point differs from the verified export's");
        }

        TreeHasher hasher = new TreeHasher();
        MessageDigest sha256 = sha256();
        byte[] previousChain = HEX.parseHex(chain.chainHash());
        long after = start;
        while (true) {
            List<AuditRecord> page = store.read(new AuditQuery(after, PAGE, Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                break;
            }
            List<MerkleNode> completed = new ArrayList<>();
            for (AuditRecord r : page) {
                long index = range.size();
                if (r.seq() != index + 1) {
                    return new LogValidation.Corrupt(index, r.seq() > index + 1
                            ? "entry is missing (the next stored entry has seq " + r.seq() + ")"
                            : "entry seq " + r.seq() + " is out of order");
                }
                byte[] entry = r.entry().getBytes(StandardCharsets.UTF_8);
                Hash leaf = hasher.leaf(entry);
                if (!leaf.hex().equals(r.leafHash())) {
                    return new LogValidation.Corrupt(index, "entry does not match its stored leaf hash");
                }
                String seqProblem = seqProblem(entry, r.seq());
                if (seqProblem != null) {
                    return new LogValidation.Corrupt(index, seqProblem);
                }
                sha256.update(previousChain);
                byte[] chained = sha256.digest(leaf.bytes());
                if (!HEX.formatHex(chained).equals(r.chainHash())) {
                    return new LogValidation.Corrupt(index, "chain hash does not follow from the previous entry");
                }
                previousChain = chained;
                range.append(leaf, (level, i, hash) -> {
                    if (TreeLayout.isStored(level)) {
                        completed.add(new MerkleNode(level, i, hash));
                    }
                });
                LogValidation cp = cursor.checkAt(range);
                if (cp != null) {
                    return cp;
                }
                if (mark.isPresent() && mark.get().exportedSize() == range.size() && !mark.get().exportedRoot().equals(range.root())) {
                    return new LogValidation.Corrupt(index, "the root differs from the one of the verified export recorded at the last prune");
                }
                if (range.size() % 100_000 == 0) {
                    progress.accept(range.size() - start);
                }
            }
            LogValidation nodes = compareNodes(completed);
            if (nodes != null) {
                return nodes;
            }
            after = page.getLast().seq();
        }
        long size = range.size();
        LogValidation beyond = cursor.beyond(size);
        if (beyond != null) {
            return beyond;
        }
        for (int level = TreeLayout.STRIDE; level < 63; level += TreeLayout.STRIDE) {
            OptionalLong last = store.lastNodeIndex(level);
            if (last.isPresent() && last.getAsLong() >= size >>> level) {
                return new LogValidation.Corrupt(size, "the tree has nodes beyond the last entry (level " + level + " index "
                        + last.getAsLong() + "): entries were removed from the end");
            }
        }
        TreeHead head = store.treeHead();
        if (head.size() != size || !head.root().equals(range.root())) {
            return new LogValidation.Corrupt(Math.min(size, head.size()), "the store's tree head (size " + head.size()
                    + ") differs from the recomputed one (size " + size + ")");
        }
        return new LogValidation.Valid(start, size, range.root(), cursor.checked);
    }

    private LogValidation compareNodes(List<MerkleNode> completed) {
        for (MerkleNode n : completed) {
            Hash stored;
            try {
                stored = store.nodes(n.level(), n.index(), n.index() + 1).getFirst();
            } catch (MissingNodeException e) {
                return new LogValidation.Corrupt(n.firstLeaf(), "tree node level " + n.level() + " index " + n.index()
                        + " (entries " + n.firstLeaf() + ".." + (n.endLeaf() - 1) + ") is missing");
            }
            if (!stored.equals(n.hash())) {
                return new LogValidation.Corrupt(n.firstLeaf(), "stored tree node level " + n.level() + " index " + n.index()
                        + " (entries " + n.firstLeaf() + ".." + (n.endLeaf() - 1) + ") differs from the recomputed hash");
            }
        }
        return null;
    }

    /** Null when the entry's top-level "schema" and "seq" are right. */
    static String seqProblem(byte[] entry, long seq) {
        try {
            JsonObjectSpans spans = JsonReader.objectSpans(entry, 0, entry.length);
            if (!spans.has("seq") || spans.integer("seq") != seq) {
                return "entry carries seq " + (spans.has("seq") ? spans.value("seq") : "(none)") + " instead of " + seq;
            }
            if (!spans.has("schema") || !AuditEvent.SCHEMA.equals(spans.value("schema"))) {
                return "entry does not carry schema " + AuditEvent.SCHEMA;
            }
            return null;
        } catch (JsonException e) {
            return "entry is not a JSON object: " + e.getMessage();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Walks the stored checkpoints in publication order alongside the recomputed tree. */
    private final class CheckpointCursor {
        private final KeyRing keys;
        private final Deque<StoredCheckpoint> buffer = new ArrayDeque<>();
        private long afterId;
        private boolean exhausted;
        private long checked;
        private long lastSize = -1;

        CheckpointCursor(KeyRing keys) {
            this.keys = keys;
        }

        private StoredCheckpoint peek() {
            if (buffer.isEmpty() && !exhausted) {
                List<StoredCheckpoint> page = checkpoints.page(0, afterId, PAGE);
                if (page.isEmpty()) {
                    exhausted = true;
                } else {
                    buffer.addAll(page);
                    afterId = page.getLast().id();
                }
            }
            return buffer.peekFirst();
        }

        /** Checks the signature and returns the parsed body, or a corruption. */
        private Object open(StoredCheckpoint c) {
            SignedNote note;
            Checkpoint body;
            try {
                note = SignedNote.parse(c.note());
                body = Checkpoint.parse(note.text());
            } catch (IllegalArgumentException e) {
                return new LogValidation.Corrupt(c.size(), "checkpoint " + c.id() + " is malformed: " + e.getMessage());
            }
            if (keys.verify(note) instanceof NoteVerification.Unverified u) {
                return new LogValidation.Corrupt(c.size(), "checkpoint " + c.id() + " at size " + c.size()
                        + " has no valid signature by a published log key: " + u.reason());
            }
            if (body.size() != c.size() || !body.root().equals(c.root())) {
                return new LogValidation.Corrupt(c.size(), "checkpoint " + c.id() + " differs from its stored size or root");
            }
            if (c.size() < lastSize) {
                return new LogValidation.Corrupt(c.size(), "checkpoint " + c.id() + " at size " + c.size()
                        + " comes after one at size " + lastSize + ": the log shrank");
            }
            lastSize = c.size();
            checked++;
            return body;
        }

        LogValidation skipBelow(long start) {
            StoredCheckpoint c;
            while ((c = peek()) != null && c.size() < start) {
                buffer.removeFirst();
                if (open(c) instanceof LogValidation.Corrupt bad) {
                    return bad;
                }
            }
            return null;
        }

        /** Checks every checkpoint at the range's size. */
        LogValidation checkAt(CompactRange range) {
            StoredCheckpoint c;
            while ((c = peek()) != null && c.size() == range.size()) {
                buffer.removeFirst();
                Object opened = open(c);
                if (opened instanceof LogValidation.Corrupt bad) {
                    return bad;
                }
                if (!((Checkpoint) opened).root().equals(range.root())) {
                    return new LogValidation.Corrupt(Math.max(0, c.size() - 1), "the root recomputed at size " + c.size()
                            + " differs from signed checkpoint " + c.id() + ": entries before it were changed");
                }
            }
            if (c != null && c.size() < range.size()) {
                return new LogValidation.Corrupt(c.size(), "checkpoint " + c.id() + " at size " + c.size() + " is out of order");
            }
            return null;
        }

        LogValidation beyond(long size) {
            StoredCheckpoint c = peek();
            if (c != null) {
                Object opened = open(c);
                if (opened instanceof LogValidation.Corrupt bad) {
                    return bad;
                }
                return new LogValidation.Corrupt(size, "signed checkpoint " + c.id() + " covers " + c.size()
                        + " entries but the log ends after " + size + ": entries were removed from the end");
            }
            return null;
        }
    }
}
