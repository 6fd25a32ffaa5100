package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.policy.cedar.CedarPolicyEngine;
import dev.warden.server.config.WardenConfig;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * What the behaviour monitor adds to the in-process decision path: the quickstart's allowed
 * inventory.read with new arguments each call (Cedar evaluates every time), in-memory audit store,
 * with the monitor {@code off} and {@code on} (the seed table; the decision only hands an event to
 * the monitor's queue after its audit record is durable).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms2g", "-Xmx2g"})
public class BehaviorOverheadBenchmark {
    /** Whether the behaviour monitor runs. */
    @Param({"off", "on"})
    public String monitor;

    private WardenConfig config;
    private CedarPolicyEngine engine;
    private Warden warden;
    private Caller caller;
    private long n;

    /** Builds an embedded Warden with the quickstart configuration. */
    @Setup(Level.Iteration)
    public void setUp() {
        if (config == null) {
            config = Quickstart.load();
            engine = Quickstart.engine(config);
        }
        Warden.Builder b = Warden.builder()
                .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), new InMemoryAuditStore())
                .catalog(config.catalog()).projects(config.projects()).policyEngine(engine)
                .trustDomain(config.trustDomain()).breakers(config.breakers());
        if (monitor.equals("on")) {
            b.behavior(BehaviorConfig.DEFAULTS.with("enumeration",
                    BehaviorConfig.DEFAULTS.detector("enumeration").withThreshold(1_000_000))); // every read is new here
        }
        warden = b.build();
        Quickstart.registerSupportBot(warden, config);
        caller = new Caller(Quickstart.AGENT, "ses_bench", 0);
    }

    /** Stops the Warden of the iteration. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        warden.close();
    }

    /** One allowed read with arguments no earlier call used. */
    @Benchmark
    public Decision allowedReadDistinct() {
        return warden.decisions().decide(DecisionRequest.of(caller, "inventory.read", Map.of("sku", "B-" + n++)));
    }
}
