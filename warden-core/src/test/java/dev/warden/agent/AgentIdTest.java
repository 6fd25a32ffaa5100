package dev.warden.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentIdTest {

    @Test
    void parse_validId_roundTrips() {
        AgentId id = AgentId.parse("spiffe://warden.local/agent/billing-bot.v2_x");

        assertThat(id.trustDomain()).isEqualTo("warden.local");
        assertThat(id.name()).isEqualTo("billing-bot.v2_x");
        assertThat(id.toString()).isEqualTo("spiffe://warden.local/agent/billing-bot.v2_x");
        assertThat(AgentId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void toString_spiffeForm() {
        assertThat(new AgentId("corp-1.example", "a")).hasToString("spiffe://corp-1.example/agent/a");
    }

    @Test
    void parse_malformed_rejectedWithInvalidField() {
        List<String> bad = Arrays.asList(
                null,
                "",
                "warden.local/agent/a",
                "https://warden.local/agent/a",
                "SPIFFE://warden.local/agent/a",
                "spiffe://warden.local/agents/a",
                "spiffe:///agent/a",
                "spiffe://warden.local/agent/",
                "spiffe://warden.local/agent/a/b",
                "spiffe://Warden.Local/agent/a",
                "spiffe://warden.local/x/agent/a",
                "spiffe://-warden.local/agent/a",
                "spiffe://warden.local/agent/Bot",
                "spiffe://warden.local/agent/" + "a".repeat(64));
        for (String text : bad) {
            assertThatThrownBy(() -> AgentId.parse(text)).as("%s", text)
                    .isInstanceOfSatisfying(WardenException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        }
    }

    @Test
    void constructor_invalidParts_rejectedNamingTheField() {
        assertThatThrownBy(() -> new AgentId("warden.local", "has space"))
                .isInstanceOf(WardenException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> new AgentId("Bad_Domain", "ok"))
                .isInstanceOf(WardenException.class).hasMessageContaining("trust_domain");
        assertThatThrownBy(() -> new AgentId(null, "ok"))
                .isInstanceOf(WardenException.class).hasMessageContaining("trust_domain");
    }

    @Test
    void equality_byDomainAndName() {
        assertThat(new AgentId("a.b", "x")).isEqualTo(AgentId.parse("spiffe://a.b/agent/x"))
                .isNotEqualTo(new AgentId("a.c", "x"));
    }
}
