package dev.warden.flow;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.policy.PolicyVerdict;
import dev.warden.store.memory.InMemoryAgentStore;
import dev.warden.store.memory.InMemoryApprovalStore;
import dev.warden.store.memory.InMemoryAuditStore;
import dev.warden.testing.Fixtures;
import dev.warden.testing.MutableClock;
import dev.warden.testing.RuleTablePolicyEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session labels in a real embedded Warden: produces on an allow, the policy's view, the audit trail, restarts. */
class SessionLabelsTest {
    static final String LOOKUP = "crm.lookup";
    static final String FETCH = "web.fetch";

    final MutableClock clock = new MutableClock();
    final RuleTablePolicyEngine policies = new RuleTablePolicyEngine();
    final List<Warden> opened = new ArrayList<>();
    final List<Set<String>> emailSaw = new ArrayList<>();
    AuditStore audit = new InMemoryAuditStore();
    Warden warden;

    @AfterEach
    void close() {
        opened.forEach(Warden::close);
    }

    static ToolCatalog catalog() {
        List<Tool> tools = new ArrayList<>(Fixtures.catalog().tools());
        tools.add(new Tool(LOOKUP, "customer record", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(),
                Optional.empty(), Optional.empty(), Set.of("pii", "customer")));
        tools.add(new Tool(FETCH, "a web page", Set.of(EffectClass.READ, EffectClass.EXTERNAL), RiskTier.LOW,
                JsonSchema.anyObject(), Optional.empty(), Optional.empty(), Set.of("untrusted")));
        return ToolCatalog.of(tools);
    }

    Warden start(FlowLimits limits) {
        warden = Warden.builder().catalog(catalog()).projects(Fixtures.projects()).policyEngine(policies)
                .clock(clock).random(new Random(5)).stores(new InMemoryAgentStore(), new InMemoryApprovalStore(), audit)
                .flow(limits).raiseAlerts(false).build();
        opened.add(warden);
        policies.permit(LOOKUP, "p-lookup").permit(FETCH, "p-fetch").forbid(Fixtures.DROP, "no-drop")
                .permitWithApproval(Fixtures.REFUND, "p-refund")
                .rule(Fixtures.EMAIL, q -> {
                    emailSaw.add(q.sessionLabels());
                    return q.sessionLabels().contains("pii")
                            ? new PolicyVerdict.Permit(List.of("p-mail"), List.of(), List.of("pii-no-external"))
                            : new PolicyVerdict.Permit(List.of("p-mail"), List.of());
                });
        return warden;
    }

    Caller agent(String name) {
        if (warden.agents().find(name).isEmpty()) {
            warden.agents().register(Fixtures.registration(name, Optional.of(dev.warden.agent.MaturityLevel.PRINCIPAL),
                    List.of("inventory.*", Fixtures.EMAIL, Fixtures.REFUND, Fixtures.DROP, LOOKUP, FETCH)), OPERATOR);
        }
        return new Caller(name, "sess-" + name, 0);
    }

    Decision decide(Caller c, String tool) {
        return warden.decisions().decide(DecisionRequest.of(c, tool, Map.of()));
    }

    List<AuditRecord> labelRecords() {
        return audit.read(new AuditQuery(0, 100, Optional.empty(), Optional.of(SessionLabels.EVENT)));
    }

    @Test
    void anAllowedReadOfAProducingTool_labelsTheSession_beforeItsNextCall() {
        start(FlowLimits.DEFAULTS);
        Caller bot = agent("bot");

        Decision mailBefore = decide(bot, Fixtures.EMAIL);
        Decision lookup = decide(bot, LOOKUP);
        Decision mailAfter = decide(bot, Fixtures.EMAIL);

        assertThat(mailBefore).isInstanceOf(Decision.Allow.class);
        assertThat(lookup).isInstanceOf(Decision.Allow.class);
        assertThat(emailSaw).containsExactly(Set.of(), Set.of("customer", "pii"));
        assertThat(mailAfter).isInstanceOf(Decision.ApprovalRequired.class);
        assertThat(mailAfter.reasons()).anySatisfy(r -> {
            assertThat(r.code()).isEqualTo("approval_hold");
            assertThat(r.policyId()).contains("pii-no-external");
        });
        assertThat(warden.sessionLabels().labels("sess-bot")).containsExactlyInAnyOrder("pii", "customer");
        assertThat(warden.sessionLabels().labels("sess-other")).isEmpty();
    }

    @Test
    void theLabelRecord_namesSessionAgentLabelsAndTheReadThatGaveThem() {
        start(FlowLimits.DEFAULTS);
        Caller bot = agent("bot");

        Decision lookup = warden.decisions().decide(new DecisionRequest(bot, LOOKUP, Optional.of("customer/c-42"), Map.of(),
                Optional.empty(), Optional.empty()));

        List<AuditRecord> records = labelRecords();
        assertThat(records).hasSize(1);
        AuditRecord r = records.get(0);
        assertThat(r.agent()).isEqualTo("bot");
        assertThat(r.session()).isEqualTo("sess-bot");
        assertThat(r.decisionId()).isEqualTo(lookup.id().value());
        assertThat(r.entry()).contains("\"labels\":[\"customer\",\"pii\"]", "\"added\":[\"customer\",\"pii\"]",
                "\"tool\":\"crm.lookup\"", "\"resource\":\"customer/c-42\"", "\"by\":\"catalog\"");
        SessionLabels.View view = warden.sessionLabels().view("sess-bot").orElseThrow();
        assertThat(view.labels().get("pii")).singleElement()
                .satisfies(s -> assertThat(s.decisionId()).contains(lookup.id().value()));
    }

    @Test
    void deniedAndHeldCalls_addNoLabel() {
        start(FlowLimits.DEFAULTS);
        policies.forbid(LOOKUP, "no-lookup");
        Caller bot = agent("bot");

        assertThat(decide(bot, LOOKUP)).isInstanceOf(Decision.Deny.class);
        policies.permitWithApproval(LOOKUP, "lookup-approved");
        assertThat(decide(bot, LOOKUP)).isInstanceOf(Decision.ApprovalRequired.class);

        assertThat(warden.sessionLabels().labels("sess-bot")).isEmpty();
        assertThat(labelRecords()).isEmpty();
    }

    @Test
    void anOutputHook_labelsThroughThePublicMethod_andLabelsOnlyAccumulate() {
        start(FlowLimits.DEFAULTS);
        Caller bot = agent("bot");
        decide(bot, LOOKUP);

        Set<String> added = warden.sessionLabels().label("bot", "sess-bot", Set.of("untrusted", "pii"),
                new LabelSource(Optional.of("dec_x"), "fs.read_text_file", "notes/offer.md", clock.instant(), "scan:injection"));

        assertThat(added).containsExactly("untrusted");
        assertThat(warden.sessionLabels().labels("sess-bot")).containsExactlyInAnyOrder("pii", "customer", "untrusted");
        assertThat(labelRecords()).hasSize(2);
        assertThat(labelRecords().get(1).entry()).contains("\"added\":[\"untrusted\"]", "\"by\":\"scan:injection\"");
        assertThatThrownBy(() -> warden.sessionLabels().label("bot", "sess-bot", Set.of("PII"),
                new LabelSource(Optional.empty(), "t", "r", clock.instant(), "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carry_givesTheNextSessionEveryLabel_recordingWhereFrom() {
        start(FlowLimits.DEFAULTS);
        decide(agent("bot"), LOOKUP);

        Set<String> added = warden.sessionLabels().carry("bot", "sess-bot", "sess-bot-2", "mcp-session:m1");

        assertThat(added).containsExactlyInAnyOrder("pii", "customer");
        assertThat(warden.sessionLabels().labels("sess-bot-2")).containsExactlyInAnyOrder("pii", "customer");
        assertThat(labelRecords().getLast().entry()).contains("\"tool\":\"session.carry\"", "\"resource\":\"sess-bot\"",
                "\"by\":\"mcp-session:m1\"");
        assertThat(warden.sessionLabels().carry("bot", "sess-none", "sess-bot-3", "x")).isEmpty();
        assertThat(labelRecords()).hasSize(2);
    }

    @Test
    void labels_surviveARestart_fromTheAuditLog() {
        start(FlowLimits.DEFAULTS);
        decide(agent("bot"), FETCH);
        warden.close();

        clock.advance(Duration.ofMinutes(10));
        start(FlowLimits.DEFAULTS);

        assertThat(warden.sessionLabels().labels("sess-bot")).containsExactly("untrusted");
        assertThat(warden.sessionLabels().view("sess-bot").orElseThrow().labels().get("untrusted"))
                .singleElement().satisfies(s -> assertThat(s.tool()).isEqualTo(FETCH));
    }

    @Test
    void sessionsIdleBeyondTheirLifetime_areDropped_andNotReadBack() {
        FlowLimits limits = FlowLimits.DEFAULTS.withIdle(Duration.ofMinutes(5));
        start(limits);
        decide(agent("bot"), FETCH);

        clock.advance(Duration.ofMinutes(6));
        assertThat(warden.sessionLabels().labels("sess-bot")).isEmpty();
        warden.close();
        start(limits);
        assertThat(warden.sessionLabels().labels("sess-bot")).isEmpty();
    }

    @Test
    void theSessionCap_dropsTheLeastRecentlySeen() {
        start(new FlowLimits(16, 64, 8, Duration.ofHours(1)));
        SessionLabels labels = warden.sessionLabels();
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(1));
            labels.label("bot", "s" + i, Set.of("pii"), new LabelSource(Optional.empty(), "t", "r", clock.instant(), "x"));
        }

        assertThat(labels.size()).isLessThanOrEqualTo(16);
        assertThat(labels.labels("s39")).containsExactly("pii");
        assertThat(labels.labels("s0")).isEmpty();
    }

    @Test
    void sourcesPerLabel_areCapped_soRepeatedReadsStopWritingRecords() {
        start(new FlowLimits(100, 64, 2, Duration.ofHours(1)));
        Caller bot = agent("bot");
        for (int i = 0; i < 5; i++) {
            assertThat(decide(bot, FETCH)).isInstanceOf(Decision.Allow.class);
        }

        assertThat(labelRecords()).hasSize(2);
        assertThat(warden.sessionLabels().view("sess-bot").orElseThrow().labels().get("untrusted")).hasSize(2);
    }

    @Test
    void labelsPerSession_areCapped() {
        start(new FlowLimits(100, 2, 8, Duration.ofHours(1)));
        SessionLabels labels = warden.sessionLabels();
        labels.label("bot", "s", Set.of("a", "b"), new LabelSource(Optional.empty(), "t", "r", clock.instant(), "x"));

        assertThatThrownBy(() -> labels.label("bot", "s", Set.of("c"),
                new LabelSource(Optional.empty(), "t", "r", clock.instant(), "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(labels.labels("s")).containsExactlyInAnyOrder("a", "b");
    }
}
