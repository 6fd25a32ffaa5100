package dev.warden.store.jdbc;

import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditRecord;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link AuditCrashDurabilityTest}: appends audit batches forever and prints
 * every sequence number after {@code append} has returned for its batch (one per line).
 *
 * <p>Arguments: database file, batch size. Stops by itself after 60 seconds in case the parent
 * dies.
 */
public final class AuditWriterProcess {
    private AuditWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int batchSize = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16);
        try (JdbcStores stores = JdbcStores.openSqlite(file)) {
            AuditHead head = stores.audit().head();
            while (System.nanoTime() < deadline) {
                List<AuditRecord> batch = Fixtures.records(head.seq(), head.chainHash(), batchSize, 300);
                stores.audit().append(batch);
                StringBuilder acks = new StringBuilder(batchSize * 8);
                for (AuditRecord r : batch) {
                    acks.append(r.seq()).append('\n');
                }
                out.write(acks.toString());
                out.flush();
                AuditRecord last = batch.getLast();
                head = new AuditHead(last.seq(), last.chainHash());
            }
        }
    }
}
