package dev.warden.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load run, not a test (it asserts nothing and runs only when asked): one audit entry of 1,200
 * bytes appended every millisecond for {@code walrun.seconds} (default 60), each followed by the
 * writer's housekeeping as {@code GroupCommitAuditLog} runs it, so the WAL resets every ~20 s at the
 * default limit. Prints the percentiles of the append time, which show what a reset costs with and
 * without the checkpointer's sync of the database file ({@code walrun.sync}, default true):
 *
 * <pre>source scripts/jdk.sh; mvn -q -pl warden-store-jdbc test -Dtest=WalResetLoadRun -Dwalrun.sync=false</pre>
 */
@EnabledIfSystemProperty(named = "test", matches = ".*WalResetLoadRun.*")
class WalResetLoadRun {
    @TempDir
    Path dir;

    @Test
    void appendEveryMillisecond() throws Exception {
        int seconds = Integer.getInteger("walrun.seconds", 60);
        boolean sync = Boolean.parseBoolean(System.getProperty("walrun.sync", "true"));
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("run.db"))) {
            stores.syncBeforeReset(sync);
            int n = seconds * 1000;
            long[] nanos = new long[n];
            java.util.List<Long> resets = new java.util.ArrayList<>();
            long seq = 0;
            String chain = Fixtures.ZERO_HASH;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + i * 1_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                var batch = Fixtures.records(seq, chain, 1, 1200);
                long t = System.nanoTime();
                stores.audit().append(batch);
                long housekeeping = System.nanoTime();
                stores.audit().afterBatch();
                long end = System.nanoTime();
                nanos[i] = end - t;
                if (end - housekeeping > 1_000_000) {
                    resets.add((end - housekeeping) / 1000);
                }
                seq++;
                chain = batch.getLast().chainHash();
            }
            long over5 = Arrays.stream(nanos).filter(x -> x > 5_000_000).count();
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "WAL reset load run, sync before reset %s: %d appends, p50 %d µs, p99 %d µs, "
                            + "p99.9 %d µs, max %d µs, %d over 5 ms; housekeeping over 1 ms (µs): %s; WAL file %d MiB%n", sync, n, nanos[n / 2] / 1000,
                    nanos[n * 99 / 100] / 1000, nanos[n * 999 / 1000] / 1000, nanos[n - 1] / 1000, over5, resets,
                    Files.size(dir.resolve("run.db-wal")) >> 20);
        }
    }
}
