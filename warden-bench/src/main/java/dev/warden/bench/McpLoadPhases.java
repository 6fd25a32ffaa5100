package dev.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The load phases of {@link McpProxyRun}: a closed loop at a concurrency, an open loop at a rate, and what each measured. */
final class McpLoadPhases {
    /** Print a line to stderr when each open-loop phase starts (for attaching perf or a profiler). */
    private static final boolean PHASE_MARKS = Boolean.getBoolean("mcpbench.marks");
    /** With -Dmcpbench.latencies=PREFIX, each open-loop phase (or slice) writes its per-call latencies to PREFIX-PORT-RATE-N.txt (N counts the files). */
    private static final String LATENCY_DUMP = System.getProperty("mcpbench.latencies");
    /** Numbers the latency files, one per measured phase or slice, in the order they ran. */
    private static final AtomicInteger DUMPS = new AtomicInteger();
    /**
     * The open loop's client ({@code --client}): {@code loop}, one sender and one selector thread
     * ({@link OpenLoopClient}); or {@code threads}, a virtual thread per call blocked on its socket
     * (the client of the rounds before 2026-12-04 03:30 UTC).
     */
    private final String client;
    /** The most connections one target's open loop opens ({@code --connections}). */
    private final int maxConnections;

    McpLoadPhases(String client, int maxConnections) {
        this.client = client;
        this.maxConnections = maxConnections;
    }

    /** Latencies, achieved rate, errors, calls made and the CPU used in one phase. */
    record Result(Histogram h, double rate, long errors, long calls, CpuMeter.Usage cpu) {
        /** Both phases as one: latencies together, rates and CPU over their combined time. */
        static Result merge(Result a, Result b) {
            if (a == null) {
                return b;
            }
            Histogram h = a.h.copy();
            h.add(b.h);
            double wall = a.cpu.wallSeconds() + b.cpu.wallSeconds();
            return new Result(h, (a.rate * a.cpu.wallSeconds() + b.rate * b.cpu.wallSeconds()) / wall,
                    a.errors + b.errors, a.calls + b.calls, a.cpu.plus(b.cpu));
        }
    }

    Result closedLoop(McpSession s, int concurrency, int seconds) throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuMeter cpu = new CpuMeter();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = s.call();
                        rec.recordValue(Math.max(1, System.nanoTime() - t0));
                        done.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        return new Result(rec.getIntervalHistogram(), rate, errors.get(), done.get(), cpu.stop());
    }

    Result openLoop(McpSession s, int rate, int seconds) throws InterruptedException {
        return openLoop(s, rate, 0, seconds);
    }

    Result openLoop(McpSession s, int rate, int seconds, boolean measured) throws InterruptedException {
        return openLoop(s, rate, 0, seconds, measured);
    }

    /**
     * A measured open loop of {@code seconds} after {@code leadIn} seconds at the same rate on the
     * same connections that are not timed (with {@code --lead-in}; see the class documentation).
     * The CPU figures and the achieved rate cover the lead-in too, so they stay per call.
     */
    Result openLoop(McpSession s, int rate, int leadIn, int seconds) throws InterruptedException {
        return openLoop(s, rate, leadIn, seconds, true);
    }

    private Result openLoop(McpSession s, int rate, int leadIn, int seconds, boolean measured) throws InterruptedException {
        if (PHASE_MARKS && measured) {
            System.err.printf(Locale.ROOT, "phase-start open %d/s %s %d s (after a %d s lead-in)%n", rate, s.url(), seconds, leadIn);
        }
        Recorder rec = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long untimed = (long) rate * leadIn;
        long total = untimed + (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        long startEpochMillis = System.currentTimeMillis() + (start - System.nanoTime()) / 1_000_000 + leadIn * 1000L;
        CpuMeter cpu = new CpuMeter();
        long[] each = LATENCY_DUMP == null || !measured ? null : new long[(int) (total - untimed)];
        if (client.equals("loop")) {
            try {
                errors.addAndGet(OpenLoopClient.run(s, maxConnections, start, period, (int) total, rec, each, (int) untimed,
                        OpenLoopClient.READ_TIMEOUT_NANOS).errors());
            } catch (IOException e) {
                System.out.println("  open loop at " + s.url() + " failed: " + e);
                errors.addAndGet(total);
            }
        } else {
            threadPerCall(s, start, period, total, untimed, rec, each, errors);
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        if (each != null) {
            dumpLatencies(s, rate, period, startEpochMillis, each);
        }
        return new Result(rec.getIntervalHistogram(), achieved, errors.get(), total, cpu.stop());
    }

    /** The open loop of {@code --client threads}: a virtual thread per call, blocked on its socket. */
    private static void threadPerCall(McpSession s, long start, long period, long total, long untimed, Recorder rec,
                                      long[] each, AtomicLong errors) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = (int) i;
                pool.submit(() -> {
                    boolean ok = s.call();
                    long took = Math.max(1, System.nanoTime() - due);
                    if (index >= untimed) {
                        rec.recordValue(took);
                        if (each != null) {
                            each[(int) (index - untimed)] = took;
                        }
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                });
            }
        }
    }

    /**
     * Writes "intended start (ms from phase start) latency (µs)" per call, for looking at when slow
     * calls happen, after a first line "# start EPOCH_MS" (to line calls up with other recordings).
     */
    private static void dumpLatencies(McpSession s, int rate, long period, long startEpochMillis, long[] each) {
        Path file = Path.of(LATENCY_DUMP + "-" + s.url().getPort() + "-" + rate + "-" + DUMPS.incrementAndGet() + ".txt");
        StringBuilder out = new StringBuilder(each.length * 16);
        out.append("# start ").append(startEpochMillis).append('\n');
        for (int i = 0; i < each.length; i++) {
            out.append(i * period / 1_000_000).append(' ').append(each[i] / 1_000).append('\n');
        }
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }
}
