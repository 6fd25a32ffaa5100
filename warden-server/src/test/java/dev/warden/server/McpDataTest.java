package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.mcp.NodeFixture;
import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.testing.TestDetectors;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool outputs through the MCP gateway of {@code examples/mcp-gateway} (the official filesystem and
 * everything servers), scanned by the output hook with small test detectors: masked and hashed
 * values reach the agent replaced, a blocked class or a failed output check withholds the output
 * naming the rule, and what was found labels the session, so the flow rule holds the next external call.
 */
@ExtendWith(NodeFixture.class)
class McpDataTest {
    static final String SECRET = "sk_test_51HxYzQ";
    static final String MAIL = "ann.smith@example.com";
    static final String DATA = """

            data:
              classes:
                card: mask
                email: hash
                secret: block
              outputs:
                fs.list_directory: {max_bytes: 8}
            """;
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static TestServer s;
    static McpHttp http;

    @BeforeAll
    static void start() throws Exception {
        Path config = tmp.resolve("mcp-gateway");
        copy(McpExampleTest.EXAMPLE, config);
        Files.createSymbolicLink(config.resolve("node_modules"), NodeFixture.dir().resolve("node_modules").toAbsolutePath());
        String tools = Files.readString(config.resolve("tools.yaml"));
        String echo = "  - name: everything.echo\n    description: Echo a message back.\n    effects: [read]";
        assertThat(tools).contains(echo);
        Files.writeString(config.resolve("tools.yaml"), tools.replace(echo,
                "  - name: everything.echo\n    description: Stands in for mail.send in this test.\n    effects: [external, write]"));
        String yaml = Files.readString(config.resolve("warden.yaml"));
        int at = yaml.indexOf("\ndata:");
        if (at >= 0) { // the example's own data: section gives way to this test's
            int end = yaml.indexOf("\n\n", at + 1);
            yaml = yaml.substring(0, at + 1) + (end < 0 ? "" : yaml.substring(end + 1));
        }
        Files.writeString(config.resolve("warden.yaml"), yaml.replace("approval_wait_seconds: 30", "approval_wait_seconds: 1") + DATA);
        Files.createDirectories(config.resolve("sandbox/orders"));
        Files.writeString(config.resolve("sandbox/orders/o1.txt"), "Order 1 paid with " + TestDetectors.CARD
                + " by " + MAIL + "\n");
        Files.writeString(config.resolve("sandbox/orders/keys.txt"), "stripe key " + SECRET + "\n");
        List<ContentDetector> detectors = new ArrayList<>(TestDetectors.all());
        detectors.add(TestDetectors.literal("test_secret", DataClass.SECRET, SECRET));
        detectors.add(TestDetectors.literal("test_plain", DataClass.CARD, "plaintext")); // in the everything server's text resources
        detectors.add(TestDetectors.literal("test_steer", DataClass.INJECTION, "simple prompt")); // in its simple-prompt
        s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC(), detectors);
        http = new McpHttp(s.server.url() + "/mcp");
    }

    @AfterAll
    static void stop() {
        if (s != null) {
            s.close();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !from.relativize(p).startsWith("node_modules")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The result of a tools/call answer, with its first text. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> result(HttpResponse<String> r) throws Exception {
        String body = r.body();
        if (!body.startsWith("{")) { // an event stream: the answer is the data of its message event
            body = body.lines().filter(l -> l.startsWith("data:") && l.contains("\"id\"")).map(l -> l.substring(5).trim())
                    .reduce((a, b) -> b).orElse(body);
        }
        Map<String, Object> result = (Map<String, Object>) JSON.readValue(body, Map.class).get("result");
        assertThat(result).as(r.body()).isNotNull();
        return result;
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> result) {
        return (String) ((Map<String, Object>) ((List<Object>) result.get("content")).getFirst()).get("text");
    }

    @Test
    void maskedAndHashedValues_reachTheAgentReplaced_labelTheSession_andTheFlowRuleHoldsTheNextExternalCall() throws Exception {
        long head = AuditTrail.head(s);
        String token = s.token("desk-agent");
        String session = http.openSession(token);

        Map<String, Object> read = result(http.call(token, session, "fs.read_text_file", Map.of("path", "orders/o1.txt")));
        assertThat(read.get("isError")).isNotEqualTo(Boolean.TRUE);
        assertThat(text(read)).contains("Order 1 paid with [card] by [email:hmac:").doesNotContain(TestDetectors.CARD)
                .doesNotContain(MAIL);

        AuditTrail.Entry masked = AuditTrail.after(s, head, "data.output").getFirst();
        AuditTrail.Entry readDecision = AuditTrail.after(s, head, "decision").stream()
                .filter(e -> e.text().contains("orders/o1.txt")).findFirst().orElseThrow();
        assertThat(masked.text()).contains("\"verdict\":\"mask\"", "\"tool\":\"fs.read_text_file\"", "\"path\":\"/content/0\"",
                "\"decision_id\":\"" + readDecision.get("decision_id") + "\"").doesNotContain(MAIL);
        assertThat(AuditTrail.after(s, head, "session.labeled")).anySatisfy(e -> assertThat(e.text())
                .contains("\"by\":\"scan:output\"", "\"pii\"", "\"card\"", "\"email\"", "\"resource\":\"orders/o1.txt\""));

        String held = http.call(token, session, "everything.echo", Map.of("message", "To: someone@elsewhere.example")).body();
        assertThat(held).contains("needs a human approval").doesNotContain("Echo:");
    }

    @Test
    void aBlockedClass_withholdsTheOutput_namingTheRule_neverTheContent() throws Exception {
        String token = s.token("desk-agent");
        String session = http.openSession(token);

        Map<String, Object> r = result(http.call(token, session, "fs.read_text_file", Map.of("path", "orders/keys.txt")));

        assertThat(r.get("isError")).isEqualTo(Boolean.TRUE);
        assertThat(text(r)).contains("Warden withheld the output of fs.read_text_file", "data.classes.secret=block")
                .doesNotContain(SECRET).doesNotContain("stripe");
        assertThat(JSON.writeValueAsString(r)).doesNotContain(SECRET);
        TestServer.Reply view = s.get("/v1/sessions/" + sessionOf(token), TestServer.ADMIN);
        assertThat(view.body()).doesNotContain("\"secret\""); // the agent never read it
    }

    @Test
    void anOutputOverItsConfiguredSize_isWithheld_namingTheOutputRule() throws Exception {
        String token = s.token("desk-agent");
        String session = http.openSession(token);

        Map<String, Object> r = result(http.call(token, session, "fs.list_directory", Map.of("path", "orders")));

        assertThat(r.get("isError")).isEqualTo(Boolean.TRUE);
        assertThat(text(r)).contains("fs.list_directory.output.max_bytes").doesNotContain("o1.txt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aResourceRead_isScannedToo_maskedAndLabellingTheSessionWithTheUri() throws Exception {
        String token = s.token("desk-agent");
        String session = http.openSession(token);
        String uri = "demo://resource/dynamic/text/1";

        HttpResponse<String> r = http.post(token, session, JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", "r",
                "method", "resources/read", "params", Map.of("uri", uri))));

        Map<String, Object> result = result(r);
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) result.get("contents")).getFirst();
        assertThat((String) first.get("text")).as(r.body()).startsWith("Resource 1: This is a [card] resource")
                .doesNotContain("plaintext");
        TestServer.Reply view = s.get("/v1/sessions/" + sessionOf(token), TestServer.ADMIN);
        assertThat(view.body()).contains("\"card\"", "\"by\":\"scan:output\"", "\"resource\":\"" + uri + "\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPromptFetched_isScannedToo_andWhatItCarriesLabelsTheSession() throws Exception {
        String token = s.token("desk-agent");
        String session = http.openSession(token);

        HttpResponse<String> r = http.post(token, session, JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", "p",
                "method", "prompts/get", "params", Map.of("name", "everything.simple-prompt"))));

        assertThat(result(r).get("messages")).as(r.body()).isNotNull();
        TestServer.Reply view = s.get("/v1/sessions/" + sessionOf(token), TestServer.ADMIN);
        assertThat(view.get("labels")).isEqualTo(List.of("injection", "untrusted"));
        assertThat(view.body()).contains("\"resource\":\"everything.simple-prompt\"", "\"by\":\"scan:output\"");
    }

    @SuppressWarnings("unchecked")
    static String sessionOf(String token) throws Exception {
        String payload = token.split("\\.")[1];
        Map<String, Object> claims = JSON.readValue(java.util.Base64.getUrlDecoder().decode(payload), Map.class);
        return (String) claims.getOrDefault("sid", claims.get("session_id"));
    }
}
