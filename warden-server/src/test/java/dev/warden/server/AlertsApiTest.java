package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /v1/alerts and POST /v1/alerts/{id}/ack. */
class AlertsApiTest {
    @TempDir
    Path dir;
    private TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(dir.resolve("data"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void raise(AlertSeverity severity, String kind, String agent) throws InterruptedException {
        s.server.warden().alerts().raise(new AlertDraft(severity, kind, Optional.of(agent), Optional.empty(), kind + " of " + agent,
                Map.of("n", 1), List.of()));
        s.server.warden().alerts().awaitQueued(Duration.ofSeconds(5));
        Thread.sleep(2); // ids order by the millisecond
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> alerts(String query) {
        TestServer.Reply r = s.get("/v1/alerts" + query, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get("alerts");
    }

    @Test
    void list_newestFirst_filtered_andPaged() throws Exception {
        raise(AlertSeverity.WARNING, "limit.exceeded", "support-bot");
        raise(AlertSeverity.CRITICAL, "breaker.opened", "other-bot");
        raise(AlertSeverity.INFO, "owner.notify", "support-bot");

        assertThat(alerts("")).extracting(a -> a.get("kind")).containsExactly("owner.notify", "breaker.opened", "limit.exceeded");
        assertThat(alerts("?agent=support-bot")).extracting(a -> a.get("kind")).containsExactly("owner.notify", "limit.exceeded");
        assertThat(alerts("?severity=critical")).extracting(a -> a.get("kind")).containsExactly("breaker.opened");
        assertThat(alerts("?state=acked")).isEmpty();

        TestServer.Reply page = s.get("/v1/alerts?limit=2", TestServer.ADMIN);
        String next = (String) page.get("next_before");
        assertThat(next).isNotNull();
        assertThat(alerts("?limit=2&before=" + next)).extracting(a -> a.get("kind")).containsExactly("limit.exceeded");
        Map<String, Object> first = alerts("").getFirst();
        assertThat(first).containsKeys("alert_id", "raised_at", "severity", "kind", "agent", "project", "owner", "summary",
                "numbers", "evidence", "count", "last_at", "state", "acked_by", "acked_at", "routing");
        assertThat(first).containsEntry("project", "shop").containsEntry("owner", "alice@example.com")
                .containsEntry("state", "open");
    }

    @Test
    void ack_acksOnce_audited_thenConflict_unknownIsNotFound() throws Exception {
        raise(AlertSeverity.WARNING, "limit.exceeded", "support-bot");
        String id = (String) alerts("").getFirst().get("alert_id");

        TestServer.Reply ack = s.post("/v1/alerts/" + id + "/ack", TestServer.ADMIN, "");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json()).containsEntry("state", "acked").containsEntry("acked_by", "operator:admin");
        assertThat(alerts("?state=acked")).extracting(a -> a.get("alert_id")).containsExactly(id);
        assertThat(alerts("?state=open")).isEmpty();

        TestServer.Reply again = s.post("/v1/alerts/" + id + "/ack", TestServer.ADMIN, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.get("error")).isEqualTo("alert_acked");

        TestServer.Reply unknown = s.post("/v1/alerts/alr_0123456789abcdef0123456789abcdef/ack", TestServer.ADMIN, "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("error")).isEqualTo("alert_not_found");
        assertThat(s.post("/v1/alerts/../ack", TestServer.ADMIN, "").status()).isEqualTo(404);
        assertThat(s.server.warden().auditStore().read(new dev.warden.audit.AuditQuery(0, 100, Optional.empty(),
                Optional.of("alert.acked")))).singleElement().satisfies(r -> assertThat(r.entry()).contains(id));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"?severity=urgent, severity", "?state=closed, state", "?limit=0, limit", "?limit=x, limit",
        "?before=alr_zz, before"})
    void badFilters_are400NamingTheField(String query, String field) {
        TestServer.Reply r = s.get("/v1/alerts" + query, TestServer.ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo("invalid_field");
        assertThat((String) r.get("message")).startsWith(field);
    }

    @Test
    void withoutTheOperatorToken_unauthorized() throws Exception {
        String agentToken = s.token("support-bot");
        assertThat(s.get("/v1/alerts", null).status()).isEqualTo(401);
        assertThat(s.get("/v1/alerts", agentToken).status()).isIn(401, 403);
        assertThat(s.post("/v1/alerts/alr_0123456789abcdef0123456789abcdef/ack", agentToken, "").status()).isIn(401, 403);
    }
}
