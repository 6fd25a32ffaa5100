package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints a short audit append throughput measurement; the figures are not asserted. */
class AuditThroughputTest {
    @TempDir
    Path dir;

    @Test
    void printsAppendThroughput() throws Exception {
        for (JdbcStores.Durability d : JdbcStores.Durability.values()) {
            AuditThroughput.Result result = AuditThroughput.measure(dir, d, 1.0);
            System.out.println("audit append throughput: " + result);
            assertThat(result.entries()).as("it measured something").isPositive();
        }
    }
}
