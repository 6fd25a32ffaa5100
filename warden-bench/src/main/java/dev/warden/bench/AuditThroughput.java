package dev.warden.bench;

import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditRecord;
import dev.warden.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures audit append throughput: batches of {@value #BATCH} records with ~{@value #ENTRY_BYTES}
 * byte entries, for both durability settings. Not a test assertion, a measurement.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar
 * dev.warden.bench.AuditThroughput [dir] [seconds]} (default: the temp directory, 5 s per run).
 */
public final class AuditThroughput {
    static final int BATCH = 256;
    static final int ENTRY_BYTES = 500;

    private AuditThroughput() {
    }

    /** One measured run. */
    record Result(JdbcStores.Durability durability, long entries, double seconds) {
        double entriesPerSecond() {
            return entries / seconds;
        }

        double batchesPerSecond() {
            return entriesPerSecond() / BATCH;
        }

        @Override
        public String toString() {
            return String.format("%-18s %,10d entries in %5.2f s of append() = %,9.0f entries/s (%,6.0f batches/s of %d)",
                    durability, entries, seconds, entriesPerSecond(), batchesPerSecond(), BATCH);
        }
    }

    /** Appends for about {@code seconds} (after a short warm-up) into a fresh database in {@code dir}. */
    static Result measure(Path dir, JdbcStores.Durability durability, double seconds) throws Exception {
        Path file = Files.createTempFile(Files.createDirectories(dir), "throughput-" + durability + "-", ".db");
        Files.delete(file);
        // prebuild the batches so that the measurement is the store, not the test data
        int prebuilt = 64;
        try (JdbcStores stores = JdbcStores.openSqlite(file, durability)) {
            AuditHead head = AuditHead.EMPTY;
            long entries = 0;
            long appendNanos = 0;
            long warmupEnd = System.nanoTime() + 300_000_000L;
            boolean measuring = false;
            while (true) {
                List<List<AuditRecord>> batches = new ArrayList<>(prebuilt);
                for (int b = 0; b < prebuilt; b++) {
                    List<AuditRecord> batch = ChainedRecords.after(head.seq(), head.chainHash(), BATCH, ENTRY_BYTES);
                    batches.add(batch);
                    head = new AuditHead(batch.getLast().seq(), batch.getLast().chainHash());
                }
                for (List<AuditRecord> batch : batches) {
                    long before = System.nanoTime();
                    stores.audit().append(batch);
                    long after = System.nanoTime();
                    if (!measuring) {
                        measuring = after >= warmupEnd;
                        continue;
                    }
                    // only the time spent inside append() counts, not building the test data
                    entries += batch.size();
                    appendNanos += after - before;
                    if (appendNanos >= (long) (seconds * 1e9)) {
                        return new Result(durability, entries, appendNanos / 1e9);
                    }
                }
            }
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    /** Two rounds of both durability settings; arguments: [dir] [seconds]. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"), "warden-throughput");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        for (int round = 0; round < 2; round++) {
            for (JdbcStores.Durability d : JdbcStores.Durability.values()) {
                System.out.println(measure(dir, d, seconds));
            }
        }
    }
}
