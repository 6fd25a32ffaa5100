package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.store.memory.InMemoryAuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AuditStore#lastSeqBefore}: where the records of a time and later start. */
class LastSeqBeforeTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** A store with one record a minute from T0 (seq 1 at T0, seq n at T0 + n - 1 minutes). */
    private static AuditStore store(int records) {
        InMemoryAuditStore store = new InMemoryAuditStore();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store, Duration.ofSeconds(5), 1024)) {
            for (int i = 0; i < records; i++) {
                log.appendDurably(AuditEvent.of("test", T0.plus(Duration.ofMinutes(i)), Map.of("i", (long) i)));
            }
        }
        return store;
    }

    @Test
    void lastSeqBefore_findsTheLastRecordOlderThanTheTime() {
        AuditStore store = store(100);

        assertThat(store.lastSeqBefore(T0)).isZero();
        assertThat(store.lastSeqBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.lastSeqBefore(T0.plus(Duration.ofMinutes(50)))).isEqualTo(50);
        assertThat(store.lastSeqBefore(T0.plus(Duration.ofMinutes(50)).plusSeconds(30))).isEqualTo(51);
        assertThat(store.lastSeqBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(100);
    }

    @Test
    void lastSeqBefore_ofAnEmptyStore_isZero() {
        assertThat(new InMemoryAuditStore().lastSeqBefore(T0)).isZero();
    }
}
