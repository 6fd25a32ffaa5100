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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Continuously forwards new audit records to a SIEM: tails the store after a cursor, writes each
 * record as an OCSF event or a JSON Lines entry (both carry the leaf index and leaf hash, so a gap
 * or an altered event in the SIEM is detectable), and saves the cursor after each delivered batch.
 * Delivery is at least once: after a crash the last batch may be sent again (deduplicate on
 * {@code metadata.uid} / {@code leaf_hash}). A failing endpoint is retried with backoff (up to one
 * minute); nothing is skipped. The loop runs on a {@link ScheduledExecutorService}, one step at a time.
 */
public final class SiemForwarder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SiemForwarder.class.getName());
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final TreeAuditStore store;
    private final ExportFormat format;
    private final OcsfMapper ocsf;
    private final LineSink sink;
    private final int batchSize;
    private final Path cursorFile;
    private volatile boolean closed;
    private volatile long delivered;
    /** Held by a step while it runs, so that close() can wait for it before closing the sink. */
    private final ReentrantLock stepping = new ReentrantLock();
    private Duration backoff = FIRST_BACKOFF;
    private ScheduledExecutorService executor;
    private ScheduledExecutorService ownExecutor;
    private Future<?> next;

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

    /** Starts forwarding on a daemon thread of its own, shut down by {@link #close()}. */
    public synchronized void start() throws IOException {
        if (executor != null || closed) {
            return;
        }
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-audit-siem").daemon(true).factory());
        ownExecutor = own;
        start(own);
    }

    /**
     * Reads the cursor and forwards on {@code executor}: a batch right after a delivered one, after
     * half a second when there was nothing new, after a growing backoff (up to a minute) when the
     * endpoint failed. {@link #close()} cancels that (the executor stays the caller's).
     */
    public synchronized void start(ScheduledExecutorService executor) throws IOException {
        if (this.executor != null || closed) {
            return;
        }
        delivered = readCursor();
        this.executor = executor;
        next = executor.schedule(this::step, 0, TimeUnit.MILLISECONDS);
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

    private void step() {
        stepping.lock();
        try {
            if (!closed) {
                scheduleNext(deliver());
            }
        } finally {
            stepping.unlock();
        }
    }

    /** Forwards one batch; returns how long to wait before the next step. */
    private Duration deliver() {
        Duration wait;
        try {
            wait = forwardOnce() == 0 ? IDLE : Duration.ZERO;
            backoff = FIRST_BACKOFF;
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return Duration.ZERO;
            }
            LOG.log(Level.WARNING, "SIEM export failed after seq " + delivered + "; retrying in " + backoff.toMillis()
                    + " ms: " + e.getMessage());
            wait = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        return wait;
    }

    private void scheduleNext(Duration wait) {
        synchronized (this) {
            if (!closed) {
                next = executor.schedule(this::step, wait.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Stops forwarding (interrupting a delivery in progress) and closes the sink. */
    @Override
    public void close() {
        ScheduledExecutorService own;
        synchronized (this) {
            closed = true;
            if (next != null) {
                next.cancel(true);
            }
            own = ownExecutor;
        }
        try {
            if (stepping.tryLock(5, TimeUnit.SECONDS)) {
                stepping.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (own != null) {
            own.shutdownNow();
            try {
                own.awaitTermination(5, TimeUnit.SECONDS);
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
