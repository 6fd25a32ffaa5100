package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Reason;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.EffectClass;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.MaxImpact;
import dev.warden.limits.Measure;
import dev.warden.limits.Rate;
import dev.warden.limits.ToolLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.OptionalInt;
import dev.warden.policy.cedar.CedarPolicyEngine;
import dev.warden.server.config.WardenConfig;
import dev.warden.store.jdbc.JdbcStores;
import dev.warden.store.memory.InMemoryAuditStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process decision path: {@code warden.decisions().decide(...)} of an embedded Warden with
 * the quickstart configuration (real Cedar policies, support-bot at level Senior), including the
 * durable audit append every decision waits for.
 *
 * <p>Scenarios: {@link #allowedRead} (the same inventory.read call again and again, allowed by
 * policy; after the first call its verdict comes from the decision point's policy-verdict memo),
 * {@link #allowedReadDistinct} (inventory.read with different arguments on every call, so Cedar
 * evaluates every time), {@link #forbiddenRefund} (refund.process of 150 with a different order id
 * on every call, denied by the forbid {@code no-large-refunds} after a Cedar evaluation) and
 * {@link #unknownTool} (a tool not in the catalog, denied before Cedar runs).
 *
 * <p>{@code audit=sqlite}: every store is SQLite (WAL, {@code synchronous=NORMAL}, the default
 * {@code PROCESS_CRASH_SAFE} durability) and each decision waits for its group-committed audit
 * transaction. {@code audit=memory}: the audit store is {@link InMemoryAuditStore} (replaced every
 * iteration so the heap does not fill up); the group-commit writer thread and hashing still run,
 * only the SQLite transaction is gone. The difference is the cost of the durable audit write.
 *
 * <p>This class measures latency (SampleTime, one thread); the nested classes inherit the
 * benchmarks and measure throughput with 2 and 8 threads, where group commit batches concurrent
 * audit appends into one transaction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public class DecisionPathBenchmark {

    /** Where audit records go: {@code sqlite} (durable) or {@code memory}. */
    @Param({"sqlite", "memory"})
    public String audit;

    private WardenConfig config;
    private CedarPolicyEngine engine;
    private Path dir;
    private JdbcStores stores;
    private Warden warden;

    private Caller caller;
    private DecisionRequest allowed;
    private DecisionRequest unknown;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Per benchmark thread: a counter that makes every call's arguments new (no memoized verdict). */
    @State(Scope.Thread)
    public static class Distinct {
        private final String prefix = "T" + THREADS.incrementAndGet() + "-";
        private long n;

        /** A value no earlier call of any thread used. */
        String next() {
            return prefix + n++;
        }
    }

    /** Loads the configuration and policies, opens the stores and registers support-bot. */
    @Setup(Level.Trial)
    public void setUpTrial() throws IOException {
        config = Quickstart.load();
        engine = Quickstart.engine(config);
        dir = Files.createTempDirectory("warden-bench-");
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        warden = newWarden();
        Quickstart.registerSupportBot(warden, config);
        caller = new Caller(Quickstart.AGENT, "ses_bench", 0);
        allowed = DecisionRequest.of(caller, "inventory.read", Map.of("sku", "A-1"));
        unknown = DecisionRequest.of(caller, "wire.transfer", Map.of("amount", 5L));
        Distinct check = new Distinct();
        expect(warden.decisions().decide(allowed), "allow", "permit_policy");
        expect(warden.decisions().decide(read(check)), "allow", "permit_policy");
        expect(warden.decisions().decide(refund(check)), "deny", "forbid_policy");
        expect(warden.decisions().decide(unknown), "deny", "unknown_tool");
    }

    private DecisionRequest read(Distinct d) {
        return DecisionRequest.of(caller, "inventory.read", Map.of("sku", d.next()));
    }

    private DecisionRequest refund(Distinct d) {
        return DecisionRequest.of(caller, "refund.process", Map.of("order_id", d.next(), "amount", 150L, "currency", "USD"));
    }

    /** With an in-memory audit store, starts each iteration with an empty one (bounded heap use). */
    @Setup(Level.Iteration)
    public void setUpIteration() {
        if (audit.equals("memory")) {
            warden.close();
            warden = newWarden();
        }
    }

    /** Flushes the audit log, closes the stores and deletes the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        warden.close();
        stores.close();
        Quickstart.deleteTree(dir);
    }

    private Warden newWarden() {
        return switch (audit) {
            case "sqlite" -> Quickstart.warden(config, engine, stores.agents(), stores.approvals(), stores.audit(), limits());
            case "memory" -> Quickstart.warden(config, engine, stores.agents(), stores.approvals(), new InMemoryAuditStore(),
                    limits());
            default -> throw new IllegalArgumentException("audit must be sqlite or memory, not " + audit);
        };
    }

    /** The limits the Warden under test enforces: none here; {@link WithLimits} sets some. */
    protected LimitsConfig limits() {
        return LimitsConfig.NONE;
    }

    private static void expect(Decision d, String wire, String code) {
        if (!d.wire().equals(wire) || d.reasons().stream().map(Reason::code).noneMatch(code::equals)) {
            throw new IllegalStateException("expected " + wire + " (" + code + ") but got " + d);
        }
    }

    /**
     * The same inventory.read call every time: passes every guard, permitted by
     * {@code support-read-inventory}; the policy verdict is memoized after the first call.
     */
    @Benchmark
    public Decision allowedRead() {
        return warden.decisions().decide(allowed);
    }

    /** inventory.read with a new sku on every call: the verdict is never memoized, Cedar runs each time. */
    @Benchmark
    public Decision allowedReadDistinct(Distinct d) {
        return warden.decisions().decide(read(d));
    }

    /** refund.process of 150 with a new order id on every call: Cedar runs and the forbid {@code no-large-refunds} denies. */
    @Benchmark
    public Decision forbiddenRefund(Distinct d) {
        return warden.decisions().decide(refund(d));
    }

    /** A tool not in the catalog: denied by the catalog guard, before Cedar. */
    @Benchmark
    public Decision unknownTool() {
        return warden.decisions().decide(unknown);
    }

    /**
     * The same benchmarks (latency) with every kind of rate limit configured (project, agent, session,
     * agent x tool; rates far above what the run reaches, so every call takes a token and none is
     * refused), the quickstart's {@code max_impact} on refund.process and two budgets (refund
     * impact per day, destructive calls per hour) the benchmarked reads do not match: the cost the
     * limits guard adds to a decision. Calls in flight are not limited (the run reports no outcomes).
     */
    public static class WithLimits extends DecisionPathBenchmark {
        @Override
        protected LimitsConfig limits() {
            Rate huge = new Rate(1_000_000_000L, Duration.ofSeconds(1));
            Map<MaturityLevel, BigDecimal> caps = new EnumMap<>(MaturityLevel.class);
            caps.put(MaturityLevel.JUNIOR, BigDecimal.valueOf(50));
            caps.put(MaturityLevel.SENIOR, BigDecimal.valueOf(500));
            Map<String, Budget> budgets = new LinkedHashMap<>();
            budgets.put("refund_daily", new Budget("refund_daily", Optional.of("refund.process"), Optional.empty(),
                    Measure.IMPACT, Optional.empty(), BigDecimal.valueOf(2000), Duration.ofDays(1)));
            budgets.put("destructive_hourly", new Budget("destructive_hourly", Optional.empty(),
                    Optional.of(EffectClass.DESTRUCTIVE), Measure.CALLS, Optional.empty(), BigDecimal.valueOf(5),
                    Duration.ofHours(1)));
            AgentLimits defaults = new AgentLimits(Optional.of(huge), Optional.of(huge), Optional.of(huge),
                    OptionalInt.empty(), Optional.empty(),
                    Map.of("refund.process", new ToolLimits(Optional.empty(), Optional.of(new MaxImpact(caps)))), budgets);
            return new LimitsConfig(defaults, Map.of(), Map.of("shop", huge), false);
        }
    }

    /** The same benchmarks as throughput with 2 threads (one per core on the reference machine). */
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public static class Throughput2 extends DecisionPathBenchmark {
    }

    /** The same benchmarks as throughput with 8 threads: more concurrent appends per group commit. */
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public static class Throughput8 extends DecisionPathBenchmark {
    }
}
