package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcNonceStoreTest {
    @TempDir
    Path dir;
    JdbcStores stores;
    JdbcNonceStore nonces;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        nonces = (JdbcNonceStore) stores.nonces();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void firstRememberIsTrueThenFalse() {
        Instant now = Fixtures.T0;
        assertThat(nonces.remember("agent-a:jti-1", now.plusSeconds(60), now)).isTrue();
        assertThat(nonces.remember("agent-a:jti-1", now.plusSeconds(60), now.plusSeconds(1))).isFalse();
        assertThat(nonces.remember("agent-a:jti-2", now.plusSeconds(60), now.plusSeconds(1))).isTrue();
        assertThat(nonces.remember("agent-b:jti-1", now.plusSeconds(60), now.plusSeconds(1))).isTrue();
    }

    @Test
    void aKeyIsRememberedUntilItExpires() {
        Instant now = Fixtures.T0;
        assertThat(nonces.remember("k", now.plusSeconds(10), now)).isTrue();

        assertThat(nonces.remember("k", now.plusSeconds(100), now.plusSeconds(10))).as("at the expiry instant").isFalse();
        assertThat(nonces.remember("k", now.plusSeconds(100), now.plusSeconds(10).plusNanos(1))).as("just after").isTrue();
        assertThat(nonces.remember("k", now.plusSeconds(200), now.plusSeconds(50))).as("the new expiry counts").isFalse();
    }

    @Test
    void expiredKeysArePurged() {
        Instant now = Fixtures.T0;
        for (int i = 0; i < 50; i++) {
            nonces.remember("old-" + i, now.plusSeconds(30), now);
        }
        nonces.remember("young", now.plusSeconds(3600), now);
        assertThat(nonces.size()).isEqualTo(51);

        Instant later = now.plus(JdbcNonceStore.PURGE_INTERVAL).plusSeconds(1);
        assertThat(nonces.remember("new", later.plusSeconds(30), later)).isTrue();

        assertThat(nonces.size()).as("the 50 expired keys are gone").isEqualTo(2);
        assertThat(nonces.remember("old-7", later.plusSeconds(30), later)).isTrue();
        assertThat(nonces.remember("young", later.plusSeconds(30), later)).isFalse();
    }

    @Test
    void concurrentRemembersOfOneKeyHaveExactlyOneWinner() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return nonces.remember(key, Fixtures.T0.plusSeconds(60), Fixtures.T0);
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of " + key).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rememberedKeysSurviveReopen() {
        nonces.remember("persisted", Fixtures.T0.plusSeconds(60), Fixtures.T0);
        stores.close();

        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));

        assertThat(stores.nonces().remember("persisted", Fixtures.T0.plusSeconds(60), Fixtures.T0.plusSeconds(1))).isFalse();
    }
}
