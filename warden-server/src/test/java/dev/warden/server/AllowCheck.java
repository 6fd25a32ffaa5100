package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.decision.MaturityCeiling;
import dev.warden.json.CanonicalJson;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import dev.warden.policy.cedar.CedarPolicyEngine;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-decides an allow recorded in the audit trail without the server's verdict memo: the guards in
 * front of the policy (agent active, tool in the catalog and claimed, arguments valid, maturity
 * ceiling) and a plain Cedar engine loaded from the same config must all let it through, and an
 * allow that needs an approval must have redeemed, once, an approval an operator granted for
 * exactly this call.
 */
final class AllowCheck {
    private final TestServer s;
    private final ToolCatalog catalog;
    private final CedarPolicyEngine plain;
    private final Set<String> redeemed = new HashSet<>();

    AllowCheck(TestServer s) {
        this.s = s;
        this.catalog = s.server.warden().rules().catalog();
        this.plain = CedarPolicyEngine.load(s.server.config().policies(), catalog);
    }

    /** Fails unless the allow this entry records is one the plain engine and the guards give. */
    void check(AuditTrail.Entry e, String seed) throws IOException, InterruptedException {
        String what = "seed " + seed + ": allow " + AuditTrail.abbreviated(e.text());
        assertThat(e.get("decision")).as(what).isEqualTo("allow");
        Agent agent = s.server.warden().agents().find(e.get("agent")).orElseThrow();
        assertThat(agent.status()).as(what).isEqualTo(AgentStatus.ACTIVE);
        Optional<Tool> found = catalog.find(e.get("action"));
        assertThat(found).as(what).isPresent();
        Tool tool = found.get();
        assertThat(AgentRegistry.claims(agent, tool.name())).as(what).isTrue();
        Map<String, Object> args = e.args();
        assertThat(tool.inputSchema().validate(args, "args")).as(what).isEmpty();
        // the level the record was decided at: an incident may have demoted the agent since
        MaturityLevel level = e.get("level") != null ? MaturityLevel.parse(e.get("level")) : agent.level();
        MaturityCeiling.Verdict ceiling = MaturityCeiling.check(level, tool);
        assertThat(ceiling).as(what).isNotEqualTo(MaturityCeiling.Verdict.DENIED);
        Agent then = agent.level() == level ? agent : agent.withLevel(level, agent.levelSince());
        PolicyVerdict verdict = plain.evaluate(new PolicyQuery(then, e.get("session"), tool, e.get("resource"), args));
        assertThat(verdict).as(what + "\nplain engine says " + verdict).isInstanceOf(PolicyVerdict.Permit.class);
        if (((PolicyVerdict.Permit) verdict).approvalRequired() || ceiling == MaturityCeiling.Verdict.APPROVAL) {
            redeemedOnceForExactlyThisCall(e, what);
        }
    }

    private void redeemedOnceForExactlyThisCall(AuditTrail.Entry e, String what) throws IOException, InterruptedException {
        String id = e.get("approval_id");
        assertThat(id).as(what + "\nneeds an approval but redeemed none").isNotNull();
        assertThat(redeemed.add(id)).as(what + "\nredeems " + id + " a second time").isTrue();
        HttpResponse<String> r = s.getText("/v1/approvals/" + id, TestServer.ADMIN);
        assertThat(r.statusCode()).as(what).isEqualTo(200);
        Map<String, Object> approval = AuditTrail.parseObject(r.body());
        String granted = what + "\nredeemed " + AuditTrail.abbreviated(r.body());
        assertThat(approval.get("state")).as(granted).isEqualTo("used");
        assertThat((String) approval.get("decided_by")).as(granted).startsWith("operator");
        assertThat(approval.get("agent")).as(granted + "\nagent").isEqualTo(e.get("agent"));
        assertThat(approval.get("action")).as(granted + "\naction").isEqualTo(e.get("action"));
        assertThat(CanonicalJson.write(approval.get("resource"))).as(granted + "\nresource")
                .isEqualTo(CanonicalJson.write(e.get("resource")));
        assertThat(CanonicalJson.write(approval.get("args"))).as(granted + "\nargs").isEqualTo(CanonicalJson.write(e.args()));
    }
}
