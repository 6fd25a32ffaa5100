package dev.warden.server;

import static dev.warden.server.McpGatewayTest.isError;
import static dev.warden.server.McpGatewayTest.steps;
import static dev.warden.server.McpGatewayTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.McpClientProcess;
import dev.warden.mcp.NodeFixture;
import dev.warden.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A call the MCP gateway holds for an approval whose deadline passes is answered as a deny, saying so. */
@ExtendWith(NodeFixture.class)
class McpApprovalExpiryTest {
    static final Duration T = Duration.ofSeconds(30);
    @TempDir
    static Path tmp;
    static TestServer s;
    static EchoUpstream echo;
    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @BeforeAll
    static void start() throws Exception {
        echo = EchoUpstream.start();
        // the gateway holds a call up to 60 s: the deadline (600 s in this config) passes first
        Path config = McpTestConfig.write(tmp.resolve("config"), tmp.resolve("rugpull.flag"), 60, echo.port());
        s = new TestServer(config, tmp.resolve("data"), CLOCK);
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void heldCall_whoseApprovalExpires_isDenied_withApprovalExpired_andNothingIsForwarded() throws Exception {
        try (McpClientProcess c = McpClientProcess.start(s.server.url() + "/mcp", s.token("mcp-bot"), steps(
                Map.of("op", "call", "name", "everything.get-sum", "args", Map.of("a", 20, "b", 22))))) {
            String id = s.pendingApproval("everything.get-sum", "mcp-bot", T);
            long start = System.nanoTime();
            CLOCK.advance(Duration.ofSeconds(600));
            Map<String, Object> r = c.step(0, T);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(isError(r)).as("%s", r).isTrue();
            assertThat(text(r)).contains("Denied by Warden").contains(id).contains("expired")
                    .contains("deadline").contains("passed");
            // no sum came back from the tool (the random approval id and the deadline may hold the digits)
            assertThat(text(r).replace(id, "").replaceAll("\\d{4}-\\d{2}-\\d{2}T\\S+Z", "")).doesNotContain("42");
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) r.get("result")).get("_meta");
            assertThat(meta).containsEntry("warden/decision", "deny").containsEntry("warden/approval_id", id);
            assertThat(String.valueOf(meta.get("warden/reasons"))).contains("approval_expired");
            assertThat(s.get("/v1/approvals/" + id, TestServer.ADMIN).get("state")).isEqualTo("expired");
            // the held call may see the deadline pass before the sweep (once a second) stores the expiry
            List<AuditTrail.Entry> expired = AuditTrail.after(s, 0, "approval.expired");
            for (int i = 0; i < 100 && expired.isEmpty(); i++) {
                Thread.sleep(50);
                expired = AuditTrail.after(s, 0, "approval.expired");
            }
            assertThat(expired).extracting(e -> e.get("approval_id")).containsExactly(id);
        }
    }
}
