package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformFirstThreadPoolTest {
    private final PlatformFirstThreadPool pool = new PlatformFirstThreadPool("test-pool", 2);

    @AfterEach
    void stop() throws Exception {
        pool.stop();
    }

    /** Where a task ran: its thread, once it has run. */
    private CompletableFuture<Thread> runOne(CountDownLatch release) {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        pool.execute(() -> {
            ran.complete(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return ran;
    }

    private static void awaitIdle(PlatformFirstThreadPool pool, int idle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getIdleThreads() < idle && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aTaskRunsOnAnIdlePlatformThread() throws Exception {
        pool.start();
        awaitIdle(pool, 2);
        Thread t = runOne(new CountDownLatch(0)).get(10, TimeUnit.SECONDS);
        assertThat(t.isVirtual()).isFalse();
        assertThat(t.getName()).startsWith("test-pool-p");
        assertThat(pool.virtualRuns()).isZero();
    }

    @Test
    void tasksBeyondTheBusyPlatformThreads_startAtOnceOnVirtualThreads_neverQueued() throws Exception {
        pool.start();
        CountDownLatch never = new CountDownLatch(1);
        List<CompletableFuture<Thread>> blocked = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            awaitIdle(pool, 2 - i);
            blocked.add(runOne(never));
            blocked.getLast().get(10, TimeUnit.SECONDS);
        }
        assertThat(blocked).allSatisfy(f -> assertThat(f.join().isVirtual()).isFalse());
        // both platform threads are held (think: calls waiting for an approval); many more tasks still all run now
        List<CompletableFuture<Thread>> more = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            more.add(runOne(never));
        }
        for (CompletableFuture<Thread> f : more) {
            assertThat(f.get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
        }
        assertThat(pool.virtualRuns()).isEqualTo(50);
        assertThat(pool.getThreads()).isEqualTo(52);
        assertThat(pool.isLowOnThreads()).isFalse();
        never.countDown();
    }

    @Test
    void aFailingTask_doesNotCostThePoolItsPlatformThread() throws Exception {
        pool.start();
        awaitIdle(pool, 2);
        for (int i = 0; i < 5; i++) {
            pool.execute(() -> {
                throw new IllegalStateException("boom");
            });
        }
        awaitIdle(pool, 2);
        Thread t = runOne(new CountDownLatch(0)).get(10, TimeUnit.SECONDS);
        assertThat(t.isVirtual()).isFalse();
    }

    @Test
    void stop_endsThePlatformThreads_evenOneRunningATask() throws Exception {
        pool.start();
        awaitIdle(pool, 2);
        Thread busy = runOne(new CountDownLatch(1)).get(10, TimeUnit.SECONDS); // waits until interrupted
        pool.stop();
        busy.join(5_000);
        assertThat(busy.isAlive()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-pool-p"));
        // after stop a task still runs (on a virtual thread) rather than being dropped
        assertThat(runOne(new CountDownLatch(0)).get(10, TimeUnit.SECONDS).isVirtual()).isTrue();
    }

    @Test
    void atLeastOnePlatformThread() {
        assertThatThrownBy(() -> new PlatformFirstThreadPool("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("platformThreads");
    }
}
