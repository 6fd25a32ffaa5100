package dev.warden.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.catalog.RiskTier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeparationOfDutiesTest {
    private final OperatorPrincipal alice = new OperatorPrincipal("alice", List.of(RoleGrant.of(Role.APPROVER)), "token");

    @Test
    void byDefault_ownersDoNotApproveTheirAgents_andOnlyCriticalNeedsTwo() {
        SeparationOfDuties sod = SeparationOfDuties.DEFAULTS;
        assertThatThrownBy(() -> sod.checkApprover(alice, "alice", "shop")).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SOD_OWN_AGENT));
        assertThatCode(() -> sod.checkApprover(alice, "bob", "shop")).doesNotThrowAnyException();
        assertThat(sod.approversNeeded(RiskTier.HIGH)).isEqualTo(1);
        assertThat(sod.approversNeeded(RiskTier.CRITICAL)).isEqualTo(2);
    }

    @Test
    void perProjectOverrides_andTwoPersonOff() {
        SeparationOfDuties sod = new SeparationOfDuties(true, Map.of("lab", false), Optional.empty());
        assertThatCode(() -> sod.checkApprover(alice, "alice", "lab")).doesNotThrowAnyException();
        assertThatThrownBy(() -> sod.checkApprover(alice, "alice", "shop")).isInstanceOf(WardenException.class);
        assertThat(sod.approversNeeded(RiskTier.CRITICAL)).isEqualTo(1);
    }
}
