package dev.warden.bench;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.Tool;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.policy.cedar.CedarPolicyEngine;
import dev.warden.server.config.SeedAgent;
import dev.warden.server.config.WardenConfig;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cedar alone: {@link CedarPolicyEngine#evaluate} for the quickstart's support-bot (entity and
 * context conversion, the JNI call into cedar-java and the verdict mapping), without the guards,
 * ids or the audit append around it in {@link DecisionPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
public class PolicyEngineBenchmark {
    private CedarPolicyEngine engine;
    private PolicyQuery allowed;
    private PolicyQuery forbidden;

    /** Loads the quickstart policies and builds the two queries. */
    @Setup(Level.Trial)
    public void setUp() {
        WardenConfig config = Quickstart.load();
        engine = Quickstart.engine(config);
        SeedAgent s = config.seeds().stream().filter(a -> a.name().equals(Quickstart.AGENT)).findFirst().orElseThrow();
        Agent agent = new Agent(new AgentId(config.trustDomain(), s.name()), s.owner(), s.purpose(), s.capabilities(),
                s.version(), s.configDigest(), s.project(), s.environment(), MaturityLevel.SENIOR, AgentStatus.ACTIVE,
                List.of(new AgentKey("bench-1", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")), 0, Instant.now());
        Tool read = config.catalog().find("inventory.read").orElseThrow();
        Tool refund = config.catalog().find("refund.process").orElseThrow();
        allowed = new PolicyQuery(agent, "ses_bench", read, read.name(), Map.of("sku", "A-1"));
        forbidden = new PolicyQuery(agent, "ses_bench", refund, refund.name(),
                Map.of("order_id", "O-1001", "amount", 150L, "currency", "USD"));
        if (!(engine.evaluate(allowed) instanceof PolicyVerdict.Permit)) {
            throw new IllegalStateException("inventory.read should be permitted: " + engine.evaluate(allowed));
        }
        if (!(engine.evaluate(forbidden) instanceof PolicyVerdict.Forbid)) {
            throw new IllegalStateException("refund of 150 should be forbidden: " + engine.evaluate(forbidden));
        }
    }

    /** inventory.read: one permit matches. */
    @Benchmark
    public PolicyVerdict cedarPermit() {
        return engine.evaluate(allowed);
    }

    /** refund.process of 150: the forbid matches. */
    @Benchmark
    public PolicyVerdict cedarForbid() {
        return engine.evaluate(forbidden);
    }
}
