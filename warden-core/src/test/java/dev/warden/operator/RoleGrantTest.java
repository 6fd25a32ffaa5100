package dev.warden.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleGrantTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "approver                              | shop  | refund.process | true",
            "approver@shop                         | shop  | refund.process | true",
            "approver@shop                         | lab   | refund.process | false",
            "approver@shop:refund.*                | shop  | refund.process | true",
            "approver@shop:refund.*                | shop  | refunds.list   | false",
            "approver@shop:refund.*,customer.reply | shop  | customer.reply | true",
            "approver@shop:customer.reply          | shop  | customer.replyall | false",
            "approver@*:payments.*                 | lab   | payments.void  | true",
    })
    void scope_coversProjectAndToolPatterns(String grant, String project, String tool, boolean covered) {
        RoleGrant g = RoleGrant.parse(grant);
        assertThat(g.covers(project, tool)).isEqualTo(covered);
        assertThat(RoleGrant.parse(g.toString())).isEqualTo(g);
    }

    @Test
    void badGrants_areRefusedWithTheReason() {
        assertThatThrownBy(() -> RoleGrant.parse("root")).hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> RoleGrant.parse("auditor@shop")).hasMessageContaining("only the approver role takes a scope");
        assertThatThrownBy(() -> RoleGrant.parse("approver@Shop!")).hasMessageContaining("not a project name");
        assertThatThrownBy(() -> RoleGrant.parse("approver@shop:a,,b")).hasMessageContaining("empty tool");
        assertThatThrownBy(() -> RoleGrant.parse("approver@shop:a b")).hasMessageContaining("not a tool name");
    }

    @Test
    void principal_approvesOnlyInScope_adminEverywhere_andOwnsByName() {
        OperatorPrincipal approver = new OperatorPrincipal("fiona", List.of(RoleGrant.parse("approver@shop:refund.*")), "token");
        assertThat(approver.mayApprove("shop", "refund.process")).isTrue();
        assertThat(approver.mayApprove("lab", "refund.process")).isFalse();
        assertThat(OperatorPrincipal.bootstrap().mayApprove("lab", "anything")).isTrue();
        OperatorPrincipal owner = new OperatorPrincipal("alice", List.of(RoleGrant.of(Role.OWNER)), "token");
        assertThat(owner.owns("alice")).isTrue();
        assertThat(owner.owns("bob")).isFalse();
        assertThat(approver.owns("fiona")).as("owning needs the owner role").isFalse();
    }
}
