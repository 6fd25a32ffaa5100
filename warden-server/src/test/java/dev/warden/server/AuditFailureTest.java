package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator actions and decisions through the HTTP API while the audit insert fails for real
 * inside SQLite (a trigger on {@code audit_entries} aborts it): each answers 503 or a
 * {@code store_unavailable} deny, and nothing it would have changed is changed.
 */
class AuditFailureTest {
    private static final String REFUND = "{\"action\":\"refund.process\",\"resource\":\"order/%1$s\","
            + "\"args\":{\"order_id\":\"%1$s\",\"amount\":49.99}%2$s}";

    @TempDir
    Path data;
    TestServer s;
    String token;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(data, Clock.systemUTC());
        token = s.token("support-bot");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("warden.db"));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute(statement);
        }
    }

    private void auditFails() throws SQLException {
        sql("CREATE TRIGGER audit_down BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END");
    }

    private void auditWorks() throws SQLException {
        sql("DROP TRIGGER audit_down");
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("reasons")).stream().map(m -> (String) m.get("code")).toList();
    }

    private static void assertUnavailable(TestServer.Reply r) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.get("error")).isEqualTo("store_unavailable");
    }

    @Test
    void approvalsAndRegistration_whileTheAuditInsertFails_change_nothing() throws Exception {
        TestServer.Reply asked = s.decide(token, REFUND.formatted("o-1", ""));
        String approvalId = (String) asked.get("approval_id");
        auditFails();

        TestServer.Reply opening = s.decide(token, REFUND.formatted("o-2", ""));
        assertUnavailable(s.post("/v1/approvals/" + approvalId + "/approve", TestServer.ADMIN, "{\"note\":\"ok\"}"));
        assertUnavailable(s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"newbie","purpose":"p","owner":"o","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"""));
        assertUnavailable(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"principal\",\"reason\":\"test\"}"));

        assertThat(opening.get("decision")).isEqualTo("deny");
        assertThat(codes(opening)).containsExactly("store_unavailable");
        assertThat(s.pendingApprovals()).extracting(a -> a.get("approval_id")).containsExactly(approvalId);
        assertThat(s.get("/v1/approvals/" + approvalId, TestServer.ADMIN).get("state")).isEqualTo("pending");
        assertThat(s.get("/v1/agents/newbie", TestServer.ADMIN).status()).isEqualTo(404);
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("level")).isEqualTo("senior");

        auditWorks();
        assertThat(s.post("/v1/approvals/" + approvalId + "/approve", TestServer.ADMIN, "").get("state")).isEqualTo("approved");
        auditFails();
        TestServer.Reply redeeming = s.decide(token, REFUND.formatted("o-1", ",\"approval_id\":\"" + approvalId + "\""));
        assertThat(codes(redeeming)).containsExactly("store_unavailable");
        assertThat(s.get("/v1/approvals/" + approvalId, TestServer.ADMIN).get("state")).isEqualTo("approved");

        auditWorks();
        TestServer.Reply redeemed = s.decide(token, REFUND.formatted("o-1", ",\"approval_id\":\"" + approvalId + "\""));
        assertThat(redeemed.get("decision")).isEqualTo("allow");
        assertThat(codes(redeemed)).contains("approval_redeemed");
    }
}
