package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process in the middle of appending audit batches and checks that every
 * acknowledged record survived and the log has no gaps.
 */
class AuditCrashDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        Path file = dir.resolve("crash.db");
        Path stderr = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), AuditWriterProcess.class.getName(), file.toString(), "32")
                .redirectError(stderr.toFile())
                .start();
        ByteArrayOutputStream acked = new ByteArrayOutputStream();
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = child.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (acked) {
                        acked.write(buf, 0, n);
                    }
                    firstAck.countDown();
                }
            } catch (Exception e) {
                // the pipe breaks when the child is killed
            }
        });
        drain.start();
        try {
            boolean started = firstAck.await(8, TimeUnit.SECONDS);
            assertThat(started).as("child acknowledged appends; stderr: %s", Files.exists(stderr) ? Files.readString(stderr) : "").isTrue();
            Thread.sleep(1500);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        drain.join(5000);

        List<Long> acks = completeLines(acked);
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();
        assertThat(acks).as("acknowledged seqs").isNotEmpty();
        for (int i = 0; i < acks.size(); i++) {
            assertThat(acks.get(i)).isEqualTo(i + 1L);
        }
        long lastAck = acks.getLast();

        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            AuditHead head = stores.audit().head();
            assertThat(head.seq()).as("stored head vs last acknowledged").isGreaterThanOrEqualTo(lastAck);
            List<AuditRecord> all = readAll(stores);
            assertThat(all).hasSize((int) head.seq());
            String chain = Fixtures.ZERO_HASH;
            for (int i = 0; i < all.size(); i++) {
                AuditRecord r = all.get(i);
                assertThat(r.seq()).as("gap-free").isEqualTo(i + 1L);
                assertThat(r.leafHash()).isEqualTo(Fixtures.leafHash(r.entry()));
                chain = Fixtures.chainHash(chain, r.leafHash());
                assertThat(r.chainHash()).as("chain at %d", r.seq()).isEqualTo(chain);
            }
            assertThat(head.chainHash()).isEqualTo(chain);
            System.out.printf("durability: %d records acknowledged before SIGKILL, %d stored after reopen%n",
                    lastAck, head.seq());
        }
    }

    private static List<Long> completeLines(ByteArrayOutputStream acked) {
        String text;
        synchronized (acked) {
            text = acked.toString(StandardCharsets.US_ASCII);
        }
        int end = text.lastIndexOf('\n');
        List<Long> out = new ArrayList<>();
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            out.add(Long.parseLong(line));
        }
        return out;
    }

    private static List<AuditRecord> readAll(JdbcStores stores) {
        List<AuditRecord> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<AuditRecord> page = stores.audit().read(new AuditQuery(after, 1000, Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.getLast().seq();
        }
    }
}
