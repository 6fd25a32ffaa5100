package dev.warden.audit.siem;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.ExportLines;
import dev.warden.audit.export.LineSink;
import dev.warden.audit.export.OcsfMapper;
import dev.warden.audit.log.TreeAuditStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Continuously forwards new audit records to a SIEM: tails the store after a cursor, writes each
 * record as an OCSF event or a JSON Lines entry (both carry the leaf index and leaf hash, so a gap
 * or an altered event in the SIEM is detectable), and saves the cursor after each delivered batch.
 * Delivery is at least once: after a crash the last batch may be sent again (deduplicate on
 * {@code metadata.uid} / {@code leaf_hash}). A failing endpoint is retried with backoff (up to one
 * minute); nothing is skipped.
 */
public final class SiemForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SiemForwarder.class.getName());
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final TreeAuditStore store;
    private final ExportFormat format;
    private final OcsfMapper ocsf;
    private final LineSink sink;
    private final int batchSize;
    private final Path cursorFile;
    private volatile boolean closed;
    private volatile long delivered;
    private Thread thread;

    /**
     * A forwarder; call {@link #start()}.
     *
     * @param store      the log
     * @param format     OCSF or JSON Lines entries
     * @param ocsf       the OCSF mapping
     * @param sink       the endpoint (flushed after every batch)
     * @param batchSize  records per batch
     * @param cursorFile where the last delivered seq is kept
     */
    public SiemForwarder(TreeAuditStore store, ExportFormat format, OcsfMapper ocsf, LineSink sink, int batchSize,
                         Path cursorFile) {
        this.store = Objects.requireNonNull(store, "store");
        this.format = Objects.requireNonNull(format, "format");
        this.ocsf = Objects.requireNonNull(ocsf, "ocsf");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.batchSize = batchSize;
        this.cursorFile = Objects.requireNonNull(cursorFile, "cursorFile");
    }

    /** The seq of the last record delivered (from the cursor file at start). */
    public long delivered() {
        return delivered;
    }

    /** Starts the forwarding thread (a daemon). */
    public synchronized void start() throws IOException {
        delivered = readCursor();
        thread = Thread.ofPlatform().name("warden-audit-siem").daemon(true).start(this::run);
    }

    /**
     * Delivers one batch after the cursor.
     *
     * @return the number of records delivered (0 when there is nothing new)
     * @throws IOException if the endpoint fails (the cursor does not move)
     */
    public int forwardOnce() throws IOException {
        List<AuditRecord> page = store.read(new AuditQuery(delivered, batchSize, Optional.empty(), Optional.empty()));
        if (page.isEmpty()) {
            return 0;
        }
        for (AuditRecord r : page) {
            sink.line(format == ExportFormat.OCSF ? ocsf.map(r) : ExportLines.entry(r.seq() - 1, r.leafHash(), r.entry()));
        }
        sink.flush();
        delivered = page.getLast().seq();
        writeCursor(delivered);
        return page.size();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (!closed) {
            try {
                if (forwardOnce() == 0) {
                    Thread.sleep(IDLE.toMillis());
                }
                backoff = Duration.ofMillis(250);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "SIEM export failed after seq " + delivered + "; retrying in " + backoff.toMillis()
                        + " ms: " + e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private long readCursor() throws IOException {
        if (!Files.exists(cursorFile)) {
            return 0;
        }
        String text = Files.readString(cursorFile, StandardCharsets.UTF_8).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(cursorFile + ": not a sequence number: " + text, e);
        }
    }

    private void writeCursor(long seq) throws IOException {
        Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        Files.writeString(tmp, seq + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops the thread and closes the sink. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the SIEM sink failed", e);
        }
    }
}
