package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one path of a governed call against an embedded Warden: decide, forward only when allowed, record the outcome. */
class GovernedCallTest {
    static final String READ = "up.read";
    static final String DROP = "up.drop";

    /** Permits {@link #READ}; nothing else (deny by default). */
    static final PolicyEngine POLICIES = new PolicyEngine() {
        @Override
        public PolicyVerdict evaluate(PolicyQuery query) {
            return READ.equals(query.tool().name()) ? new PolicyVerdict.Permit(List.of("read-ok"), List.of())
                    : new PolicyVerdict.NoPermit();
        }

        @Override
        public List<String> policyIds() {
            return List.of("read-ok");
        }
    };

    final InMemoryAuditStore audit = new InMemoryAuditStore();
    final Warden warden = Warden.builder()
            .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
            .catalog(ToolCatalog.of(List.of(tool(READ, EffectClass.READ), tool(DROP, EffectClass.DESTRUCTIVE))))
            .projects(new Projects(Map.of("shop", Set.of("prod"))))
            .policyEngine(POLICIES)
            .build();
    final GovernedCall governed = new GovernedCall(warden, new Governor(warden, Duration.ZERO, Clock.systemUTC()));
    final Caller caller;
    final GatewaySession session = new GatewaySession("s1", "bot", new McpStreamableServerSession("s1", null, null,
            Duration.ofSeconds(30), Map.of(), Map.of()), Clock.systemUTC().instant());
    final AtomicInteger forwarded = new AtomicInteger();

    GovernedCallTest() {
        warden.agents().register(new AgentRegistration("bot", "alice@example.com", "reads", List.of("up.*"), "1.0.0",
                "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.PRINCIPAL),
                List.of(new AgentKey("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])))),
                Actor.operator("olivia"));
        caller = new Caller("bot", "s1", 0);
    }

    @AfterEach
    void close() {
        warden.close();
    }

    static Tool tool(String name, EffectClass effect) {
        return new Tool(name, name, Set.of(effect), RiskTier.LOW, JsonSchema.of(Map.of("type", "object")), Optional.empty());
    }

    Governor.Call call(String action) {
        return new Governor.Call(caller, action, action, Map.of("path", "a.txt"), Optional.empty());
    }

    /** Refusals answered as text, the way a tool error carries them. */
    static final GovernedCall.Refusals<String> AS_TEXT = new GovernedCall.Refusals<>() {
        @Override
        public String refused(Governor.Verdict.Refused refused) {
            return "refused: " + refused.text();
        }

        @Override
        public String sessionEnded() {
            return "ended";
        }
    };

    List<AuditRecord> outcomes() throws InterruptedException {
        Poll.until(() -> !outcomesNow().isEmpty(), Duration.ofSeconds(10));
        return outcomesNow();
    }

    List<AuditRecord> outcomesNow() {
        return audit.read(new AuditQuery(0, 1000, Optional.empty(), Optional.empty())).stream()
                .filter(r -> r.kind().equals("outcome")).toList();
    }

    @Test
    void allowed_isForwardedOnce_andItsOutcomeRecordedCompletedWithTheResultDigest() throws Exception {
        Map<String, Object> result = Map.of("content", "hello");
        String answer = governed.run(session, call(READ), Optional.empty(), AS_TEXT, allow -> {
            forwarded.incrementAndGet();
            return GovernedCall.Forwarded.completed(result, "answer for " + allow.id());
        });

        assertThat(forwarded).hasValue(1);
        assertThat(answer).startsWith("answer for dec_");
        List<AuditRecord> outcomes = outcomes();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.getFirst().entry()).contains("\"outcome\":\"completed\"")
                .contains("\"result_digest\":\"" + Outcomes.digest(result) + "\"");
        assertThat(answer).endsWith(outcomes.getFirst().decisionId());
    }

    @Test
    void aFailedForward_isRecordedFailedWithWhy_beforeItsErrorReachesTheCaller() throws Exception {
        IllegalStateException error = new IllegalStateException("caller's error form");
        assertThatThrownBy(() -> governed.run(session, call(READ), Optional.empty(), AS_TEXT,
                allow -> GovernedCall.Forwarded.thrown("upstream error: gone", error))).isSameAs(error);

        List<AuditRecord> outcomes = outcomes();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.getFirst().entry()).contains("\"outcome\":\"failed\"")
                .contains("\"detail\":\"upstream error: gone\"").doesNotContain("result_digest");
    }

    @Test
    void denied_isNeverForwarded_answeredInTheCallersForm_andHasNoOutcome() throws Exception {
        String answer = governed.run(session, call(DROP), Optional.empty(), AS_TEXT, allow -> {
            forwarded.incrementAndGet();
            return GovernedCall.Forwarded.completed(Map.of(), "forwarded");
        });

        assertThat(forwarded).hasValue(0);
        assertThat(answer).startsWith("refused: Denied by Warden (decision dec_").endsWith(Governor.NOTHING_SENT + ".");
        Thread.sleep(200); // the deferred outcome of an allow would be written within the flush interval
        assertThat(outcomesNow()).isEmpty();
    }

    @Test
    void rateLimited_isRefusedWithTextSayingWhenTheSameCallMayPass() throws Exception {
        dev.warden.limits.AgentLimits oneAMinute = new dev.warden.limits.AgentLimits(Optional.empty(),
                Optional.of(dev.warden.limits.Rate.parse("1/minute")), Optional.empty(), java.util.OptionalInt.empty(),
                Optional.empty(), Map.of(), Map.of());
        try (Warden limited = Warden.builder()
                .stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), new InMemoryAuditStore())
                .catalog(ToolCatalog.of(List.of(tool(READ, EffectClass.READ))))
                .projects(new Projects(Map.of("shop", Set.of("prod"))))
                .policyEngine(POLICIES)
                .limits(new dev.warden.limits.LimitsConfig(oneAMinute, Map.of(), Map.of(), false))
                .build()) {
            limited.agents().register(new AgentRegistration("bot", "alice@example.com", "reads", List.of("up.*"), "1.0.0",
                    "sha256:" + "ab".repeat(32), "shop", "prod", Optional.of(MaturityLevel.PRINCIPAL),
                    List.of(new AgentKey("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32])))),
                    Actor.operator("olivia"));
            GovernedCall g = new GovernedCall(limited, new Governor(limited, Duration.ZERO, Clock.systemUTC()));
            g.run(session, call(READ), Optional.empty(), AS_TEXT, allow -> GovernedCall.Forwarded.completed(Map.of(), "ok"));

            String answer = g.run(session, call(READ), Optional.empty(), AS_TEXT, allow -> {
                forwarded.incrementAndGet();
                return GovernedCall.Forwarded.completed(Map.of(), "forwarded");
            });

            assertThat(forwarded).hasValue(0);
            assertThat(answer).contains("- rate_limited: bot: 1 call a minute to up.read; retry in ")
                    .containsPattern("The same call may be allowed after (59|60) s \\(retry_after_ms \\d+\\); do not repeat it sooner\\.$");
        }
    }
}
