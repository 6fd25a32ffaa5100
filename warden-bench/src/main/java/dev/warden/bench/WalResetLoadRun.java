package dev.warden.bench;

import dev.warden.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A load run: one audit entry of 1,200 bytes appended every millisecond for {@code walrun.seconds}
 * (default 60), each followed by the writer's housekeeping as {@code GroupCommitAuditLog} runs it,
 * so the WAL resets every ~20 s at the default limit. Prints the percentiles of the append time,
 * which show what a reset costs with and without the checkpointer's sync of the database file
 * ({@code walrun.sync}, default true):
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -Dwalrun.sync=false -cp warden-bench/target/benchmarks.jar dev.warden.bench.WalResetLoadRun</pre>
 */
public final class WalResetLoadRun {
    private WalResetLoadRun() {
    }

    /** Runs once with the {@code walrun.*} system properties; the database lives in a temp directory, deleted after. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("warden-walrun");
        try {
            run(dir);
        } finally {
            for (String suffix : List.of("", "-wal", "-shm", ".lock")) {
                Files.deleteIfExists(dir.resolve("run.db" + suffix));
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(Path dir) throws Exception {
        int seconds = Integer.getInteger("walrun.seconds", 60);
        boolean sync = Boolean.parseBoolean(System.getProperty("walrun.sync", "true"));
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("run.db"))) {
            stores.syncBeforeReset(sync);
            int n = seconds * 1000;
            long[] nanos = new long[n];
            List<Long> resets = new ArrayList<>();
            long seq = 0;
            String chain = ChainedRecords.ZERO_HASH;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + i * 1_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                var batch = ChainedRecords.after(seq, chain, 1, 1200);
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
