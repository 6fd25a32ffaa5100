package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the in-memory log's pages: oldest first from a lower bound, newest first below an upper one. */
class InMemoryLogStoreReadTest {
    @Test
    void pagesOldestFirstOrNewestFirstWithinBounds() {
        InMemoryLogStore store = new InMemoryLogStore();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            for (long i = 1; i <= 6; i++) {
                log.appendDurably(AuditEvent.of(i % 2 == 0 ? "even" : "odd", Instant.EPOCH, Map.of("n", i)));
            }
        }
        Optional<String> none = Optional.empty();

        assertThat(store.read(new AuditQuery(2, 2, none, none))).extracting(AuditRecord::seq).containsExactly(3L, 4L);
        assertThat(store.read(new AuditQuery(0, 2, none, none, AuditQuery.NO_UPPER_BOUND, true)))
                .extracting(AuditRecord::seq).containsExactly(6L, 5L);
        assertThat(store.read(new AuditQuery(0, 10, none, Optional.of("even"), 6, true)))
                .extracting(AuditRecord::seq).containsExactly(4L, 2L);
        assertThat(store.read(new AuditQuery(1, 10, none, none, 4, false))).extracting(AuditRecord::seq).containsExactly(2L, 3L);
        assertThat(store.read(new AuditQuery(5, 10, none, none, 3, true))).isEmpty();
    }
}
