package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.DELETE;
import static dev.warden.policy.cedar.Fixtures.EMAIL;
import static dev.warden.policy.cedar.Fixtures.INVENTORY;
import static dev.warden.policy.cedar.Fixtures.REFUND;
import static dev.warden.policy.cedar.Fixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadsContextTest {

    @Test
    void readsContext_onlyToolsWithAPolicyThatCanMatchAndMentionsContext() {
        CedarPolicyEngine engine = engine(
                "permit(principal, action == Action::\"inventory.read\", resource);",
                "permit(principal, action == Action::\"refund.process\", resource) when { context.risk == \"medium\" };",
                "forbid(principal, action in Action::\"effect:external\", resource) when { context has args };");

        assertThat(engine.readsContext(INVENTORY)).isFalse();
        assertThat(engine.readsContext(REFUND)).isTrue();
        assertThat(engine.readsContext(EMAIL)).as("matched by the effect-group forbid").isTrue();
        assertThat(engine.readsContext(DELETE)).isFalse();
    }

    @Test
    void readsContext_unconstrainedActionMentioningContext_coversEveryTool() {
        CedarPolicyEngine engine = engine(
                "permit(principal, action, resource);",
                "forbid(principal, action, resource) when { context.session.id == \"blocked\" };");

        assertThat(engine.readsContext(INVENTORY)).isTrue();
        assertThat(engine.readsContext(DELETE)).isTrue();
    }

    @Test
    void readsContext_toolOutsideCatalog_isTrue() {
        CedarPolicyEngine engine = engine("permit(principal, action, resource);");
        Tool unknown = new Tool("unknown.tool", "x", Set.of(EffectClass.READ), RiskTier.LOW, JsonSchema.anyObject(), Optional.empty());

        assertThat(engine.readsContext(unknown)).isTrue();
        assertThat(engine.readsContext(INVENTORY)).isFalse();
    }
}
