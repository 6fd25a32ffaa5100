package dev.warden.bench;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.Alerts;
import dev.warden.catalog.Tool;
import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.limits.LimitsGuard;
import dev.warden.server.config.WardenConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The limits guard alone on support-bot's {@code inventory.read}: {@link LimitsGuard#check} with
 * the limits of {@link DecisionPathBenchmark.WithLimits} (four token buckets taken from, two
 * budgets that do not match), against the same check with no limits configured (a guard that
 * passes at once). Its difference is what the guard adds to a decision, without the noise of the
 * audit write around it. Each operation also makes the {@link DecisionContext} the guard reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LimitsGuardBenchmark {
    private LimitsGuard guard;
    private Guard none;
    private Agent agent;
    private Tool tool;
    private DecisionRequest request;
    private final DecisionId id = new DecisionId("dec_" + "0".repeat(32));

    /** Builds the guard over the quickstart catalog. */
    @Setup(Level.Trial)
    public void setUp() {
        WardenConfig config = Quickstart.load();
        guard = new LimitsGuard(new DecisionPathBenchmark.WithLimits().limits(), Clock.systemUTC(), Alerts.NONE);
        none = d -> Guard.Verdict.PASS;
        tool = config.catalog().find("inventory.read").orElseThrow();
        agent = new Agent(new AgentId("warden.local", Quickstart.AGENT), "alice@example.com", "bench",
                List.of("inventory.read"), "1", "sha256:00", "shop", "prod", MaturityLevel.SENIOR, AgentStatus.ACTIVE,
                List.of(), 0, Instant.EPOCH);
        request = DecisionRequest.of(new Caller(Quickstart.AGENT, "ses_bench", 0), "inventory.read", Map.of("sku", "A-1"));
    }

    private DecisionContext context() {
        DecisionContext d = new DecisionContext(id, request, Instant.now(), () -> null);
        d.agent(agent);
        d.tool(tool);
        return d;
    }

    /** The limits guard on an allowed read. */
    @Benchmark
    public Guard.Verdict limits() {
        return guard.check(context());
    }

    /** The same context and a guard that passes at once: the baseline. */
    @Benchmark
    public Guard.Verdict baseline() {
        return none.check(context());
    }
}
