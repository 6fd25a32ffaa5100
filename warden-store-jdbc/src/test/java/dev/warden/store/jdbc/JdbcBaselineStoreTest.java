package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySink;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.BehaviorEvent;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.behavior.Detectors;
import dev.warden.catalog.ToolCatalog;
import dev.warden.id.IdGenerator;
import dev.warden.store.memory.InMemoryAuditStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart keeps what the monitor learned: baselines are written to SQLite on close and read back on start. */
class JdbcBaselineStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final BehaviorConfig CONFIG = BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 100);

    @TempDir
    Path dir;

    private static BehaviorMonitor monitor(JdbcStores stores, Instant now, AnomalySink sink) {
        GroupCommitAuditLog audit = new GroupCommitAuditLog(new InMemoryAuditStore(), Duration.ofSeconds(5), 1024);
        return new BehaviorMonitor(CONFIG, Detectors.all(), audit, new IdGenerator(new Random(1)),
                Clock.fixed(now, ZoneOffset.UTC), () -> ToolCatalog.of(List.of()), stores.baselines(), sink);
    }

    private static BehaviorEvent.Decided call(String tool, Instant at, int i) {
        return new BehaviorEvent.Decided("clerk", "s", tool, Optional.of("sku:" + (i % 3)), Map.of(), "allow", List.of(),
                30, Optional.empty(), false, at, "dec_" + i);
    }

    @Test
    void restart_keepsTheBaseline_learningIsNotStartedOver() {
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            BehaviorMonitor m = monitor(stores, T0.plusSeconds(7200), AnomalySink.NONE);
            for (int i = 0; i < 150; i++) {
                m.offer(call("inventory.read", T0.plusSeconds(40L * i), i));
            }
            m.close();
        }
        List<Anomaly> found = new CopyOnWriteArrayList<>();
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            assertThat(stores.baselines().loadAll()).containsOnlyKeys("clerk");
            BehaviorMonitor m = monitor(stores, T0.plusSeconds(7200), found::add);
            assertThat(m.baseline("clerk").orElseThrow()).containsEntry("operations", 150L).containsEntry("learning", false);
            m.offer(call("inventory.update", T0.plusSeconds(7200), 151)); // a new tool after learning
            m.drain();
            assertThat(found).extracting(Anomaly::detector).containsExactly("access_pattern");
            m.close();
        }
    }
}
