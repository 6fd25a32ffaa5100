package dev.warden.audit.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.LineSink;
import dev.warden.audit.export.OcsfMapper;
import dev.warden.audit.log.InMemoryLogStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarding loop on a scheduled executor: delivery, retry after failures, cursor, close. */
class SiemForwarderTest {
    @TempDir
    Path dir;

    /** Collects lines; fails the first {@code failures} flushes. */
    static final class ListSink implements LineSink {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> pending = new CopyOnWriteArrayList<>();
        final AtomicInteger failures;
        final AtomicBoolean closed = new AtomicBoolean();

        ListSink(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public void line(byte[] json) {
            pending.add(new String(json, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() throws IOException {
            if (failures.getAndDecrement() > 0) {
                pending.clear();
                throw new IOException("endpoint down");
            }
            delivered.addAll(pending);
            pending.clear();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void append(InMemoryLogStore store, int n) {
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            for (int i = 0; i < n; i++) {
                log.appendDurably(AuditEvent.of("test.event", Instant.parse("2026-05-06T07:08:09Z"), Map.of("i", (long) i)));
            }
        }
    }

    private SiemForwarder forwarder(InMemoryLogStore store, ListSink sink) {
        return new SiemForwarder(store, ExportFormat.JSONL, new OcsfMapper("t/audit", "0.1.0"), sink, 10,
                dir.resolve("siem.cursor"));
    }

    @Test
    void onAnInjectedExecutor_deliversEverythingAfterEndpointFailures_savesTheCursor_andCloseCancels() throws Exception {
        InMemoryLogStore store = new InMemoryLogStore();
        append(store, 25);
        ListSink sink = new ListSink(2);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        try {
            SiemForwarder siem = forwarder(store, sink);
            siem.start(executor);

            await(() -> siem.delivered() == 25);
            append(store, 3);
            await(() -> siem.delivered() == 28);
            siem.close();

            assertThat(sink.delivered).hasSize(28);
            assertThat(sink.delivered.getFirst()).contains("\"index\":0");
            assertThat(Files.readString(dir.resolve("siem.cursor")).trim()).isEqualTo("28");
            assertThat(sink.closed).isTrue();
            assertThat(executor.getQueue()).as("the forwarder's next step is cancelled").isEmpty();
            assertThat(executor.isShutdown()).as("the executor is the caller's").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void onItsOwnThread_resumesAfterTheCursor_andCloseEndsTheThread() throws Exception {
        InMemoryLogStore store = new InMemoryLogStore();
        append(store, 12);
        Files.writeString(dir.resolve("siem.cursor"), "10\n");
        ListSink sink = new ListSink(0);
        SiemForwarder siem = forwarder(store, sink);
        siem.start();

        await(() -> siem.delivered() == 12);
        siem.close();

        assertThat(sink.delivered).hasSize(2);
        // a worker may still be on its way out when the executor reports termination
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("warden-audit-siem")) {
                t.join(5_000);
                assertThat(t.isAlive()).as("the forwarding thread ends").isFalse();
            }
        }
    }
}
