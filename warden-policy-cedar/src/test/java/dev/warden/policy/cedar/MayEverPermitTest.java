package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.BILLING_BOT;
import static dev.warden.policy.cedar.Fixtures.DELETE;
import static dev.warden.policy.cedar.Fixtures.EMAIL;
import static dev.warden.policy.cedar.Fixtures.INVENTORY;
import static dev.warden.policy.cedar.Fixtures.REFUND;
import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static dev.warden.policy.cedar.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MayEverPermitTest {

    @Test
    void mayEverPermit_noPermitInScope_isFalse() {
        CedarPolicyEngine engine = engine(
                "permit(principal == Agent::\"support-bot\", action in Action::\"effect:read\", resource);",
                "permit(principal, action in [Action::\"customer.delete\", Action::\"effect:external\"], resource) when { false };");

        assertThat(engine.mayEverPermit(SUPPORT_BOT, INVENTORY)).isTrue();
        assertThat(engine.mayEverPermit(BILLING_BOT, INVENTORY)).isFalse();
        assertThat(engine.mayEverPermit(SUPPORT_BOT, REFUND)).isFalse();
        // conditions are not looked at: a permit whose scope matches may apply
        assertThat(engine.mayEverPermit(BILLING_BOT, DELETE)).isTrue();
        assertThat(engine.mayEverPermit(BILLING_BOT, EMAIL)).isTrue();
    }

    @Test
    void mayEverPermit_unconditionalForbid_isFalse() {
        CedarPolicyEngine engine = engine(
                "permit(principal, action, resource);",
                "forbid(principal is Agent in Agent::\"billing-bot\", action == Action::\"customer.delete\", resource);",
                "forbid(principal, action in Action::\"effect:external\", resource) when { context.risk == \"high\" };",
                "forbid(principal, action == Action::\"inventory.read\", resource == Resource::\"secret\");");

        assertThat(engine.mayEverPermit(BILLING_BOT, DELETE)).isFalse();
        assertThat(engine.mayEverPermit(SUPPORT_BOT, DELETE)).isTrue();
        assertThat(engine.mayEverPermit(BILLING_BOT, EMAIL)).isTrue();
        assertThat(engine.mayEverPermit(BILLING_BOT, INVENTORY)).isTrue();
    }

    @Test
    void mayEverPermit_toolOutsideCatalog_isFalse() {
        CedarPolicyEngine engine = engine("permit(principal, action, resource);");
        Tool unknown = new Tool("unknown.tool", "x", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());

        assertThat(engine.mayEverPermit(SUPPORT_BOT, unknown)).isFalse();
        assertThat(engine.mayEverPermit(SUPPORT_BOT, REFUND)).isTrue();
    }
}
