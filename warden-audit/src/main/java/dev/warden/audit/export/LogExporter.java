package dev.warden.audit.export;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.log.CheckpointStore;
import dev.warden.audit.log.LogKeyRecord;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.TreeAuditStore;
import dev.warden.audit.merkle.MissingNodeException;
import dev.warden.audit.merkle.TreeReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Streams a range of the log to a {@link LineSink}: Warden's verifiable JSON Lines
 * ({@link ExportLines}) or OCSF events ({@link OcsfMapper}). Reads pages of 1,000 entries, so memory
 * stays bounded whatever the size.
 */
public final class LogExporter {
    private static final int PAGE = 1000;
    private final TreeAuditStore store;
    private final CheckpointStore checkpoints;
    private final String origin;
    private final OcsfMapper ocsf;

    /**
     * An exporter of one log.
     *
     * @param store       entries and tree
     * @param checkpoints published checkpoints and keys
     * @param origin      the log's origin
     * @param version     Warden's version (OCSF metadata)
     */
    public LogExporter(TreeAuditStore store, CheckpointStore checkpoints, String origin, String version) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.origin = origin;
        this.ocsf = new OcsfMapper(origin, version);
    }

    /**
     * Writes the export and flushes the sink (it is not closed).
     *
     * @throws IOException          if the sink fails
     * @throws MissingNodeException if the range starts below the pruned part of the log
     */
    public ExportSummary export(ExportRequest request, LineSink sink) throws IOException {
        boolean jsonl = request.format() == ExportFormat.JSONL;
        long from = request.from();
        long to = request.to();
        CheckpointQueue cps = new CheckpointQueue(from, to);
        TreeReader reader = new TreeReader(store);
        long checkpointsWritten = 0;
        long lastCheckpointSize = -1;
        if (jsonl) {
            List<String> keys = checkpoints.keys().stream().map(LogKeyRecord::verifierKey).toList();
            sink.line(ExportLines.header(origin, from, to, keys));
            if (from > 0) {
                sink.line(ExportLines.frontier(from, reader.compactRange(from).subtreeRoots()));
            }
            for (StoredCheckpoint c : cps.at(from)) {
                sink.line(ExportLines.checkpoint(c.size(), c.note()));
                checkpointsWritten++;
                lastCheckpointSize = c.size();
            }
        }
        long entries = 0;
        long after = from;
        while (after < to) {
            List<AuditRecord> page = store.read(new AuditQuery(after, (int) Math.min(PAGE, to - after),
                    Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord r : page) {
                if (r.seq() > to) {
                    break;
                }
                long index = r.seq() - 1;
                if (jsonl) {
                    sink.line(ExportLines.entry(index, r.leafHash(), r.entry()));
                    List<StoredCheckpoint> due = cps.at(r.seq());
                    if (!due.isEmpty() && request.consistencyProofs() && lastCheckpointSize > 0 && lastCheckpointSize < r.seq()) {
                        sink.line(ExportLines.consistency(lastCheckpointSize, r.seq(),
                                reader.consistency(lastCheckpointSize, r.seq()).path()));
                    }
                    for (StoredCheckpoint c : due) {
                        sink.line(ExportLines.checkpoint(c.size(), c.note()));
                        checkpointsWritten++;
                        lastCheckpointSize = c.size();
                    }
                } else {
                    sink.line(ocsf.map(r));
                }
                entries++;
            }
            after = page.getLast().seq();
        }
        sink.flush();
        return new ExportSummary(from, to, entries, checkpointsWritten);
    }

    /** The checkpoints with from <= size <= to, consumed in size order as the export advances. */
    private final class CheckpointQueue {
        private final long to;
        private final long minSize;
        private final Deque<StoredCheckpoint> buffer = new ArrayDeque<>();
        private long afterId;
        private boolean exhausted;

        CheckpointQueue(long from, long to) {
            this.minSize = from;
            this.to = to;
        }

        /** The checkpoints at exactly {@code size}; skips any of smaller size (out of order). */
        List<StoredCheckpoint> at(long size) {
            List<StoredCheckpoint> out = new ArrayList<>(1);
            while (true) {
                if (buffer.isEmpty() && !exhausted) {
                    List<StoredCheckpoint> page = checkpoints.page(minSize, afterId, PAGE);
                    if (page.isEmpty()) {
                        exhausted = true;
                    } else {
                        afterId = page.getLast().id();
                        page.stream().filter(c -> c.size() <= to).forEach(buffer::add);
                        // sizes only grow with publication order: past 'to' nothing more is needed
                        exhausted = page.getLast().size() > to;
                        continue;
                    }
                }
                StoredCheckpoint c = buffer.peekFirst();
                if (c == null || c.size() > size) {
                    return out;
                }
                buffer.removeFirst();
                if (c.size() == size) {
                    out.add(c);
                }
            }
        }
    }
}
