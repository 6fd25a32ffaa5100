package dev.warden.agent;

import static dev.warden.testing.Fixtures.READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.decision.Caller;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Guard;
import dev.warden.decision.Reason;
import dev.warden.testing.GuardFixtures;
import dev.warden.testing.RuleTablePolicyEngine;
import dev.warden.testing.WardenFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityGuardTest {
    private final WardenFixture f = new WardenFixture();
    private final IdentityGuard guard = new IdentityGuard(f.warden.agents());

    @AfterEach
    void close() {
        f.close();
    }

    private static DecisionContext call(String agent, long epoch) {
        return GuardFixtures.decision(DecisionRequest.of(new Caller(agent, "s", epoch), READ, Map.of()),
                new RuleTablePolicyEngine());
    }

    @Test
    void check_unregisteredAgent_deniedWithoutALevel() {
        DecisionContext d = call("ghost", 0);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.deny(
                Reason.of("identity", "unknown_agent", "agent 'ghost' is not registered")));
        assertThat(d.level()).isNull();
    }

    @Test
    void check_credentialOfAnOlderTokenEpoch_deniedTokenRevoked_withTheRegistrysLevel() {
        f.register("bot", MaturityLevel.SENIOR);
        DecisionContext d = call("bot", 7);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.deny(
                Reason.of("identity", "token_revoked", "the credential was revoked (the agent was killed or its tokens were revoked)")));
        assertThat(d.level()).isEqualTo("senior");
    }

    @Test
    void check_currentCredential_passesAndPutsTheRegisteredAgentIntoTheDecision() {
        f.register("bot", MaturityLevel.JUNIOR);
        DecisionContext d = call("bot", 0);

        assertThat(guard.check(d)).isEqualTo(Guard.Verdict.PASS);
        assertThat(d.agent()).isEqualTo(f.warden.agents().require("bot"));
        assertThat(d.level()).isEqualTo("junior");
    }
}
