package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed, oversized and wrong requests get a 4xx with a snake_case code naming the field; never a 500 or an allow. */
class BadInputTest {
    @TempDir
    static Path data;
    static TestServer s;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(data, Clock.systemUTC());
        token = s.token("support-bot");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed json            | {\"action\": | 400 | invalid_request | malformed JSON",
            "not an object             | [1,2]       | 400 | invalid_request | JSON object",
            "empty body                | ''          | 400 | invalid_request | JSON object",
            "missing action            | {\"args\":{}} | 400 | missing_field | action",
            "action wrong type         | {\"action\":5} | 400 | invalid_field | action must be a string",
            "args wrong type           | {\"action\":\"inventory.read\",\"args\":\"sku\"} | 400 | invalid_field | args must be an object",
            "unknown field             | {\"action\":\"inventory.read\",\"arg\":{}} | 400 | invalid_field | arg is not a known field",
            "context wrong type        | {\"action\":\"inventory.read\",\"context\":[]} | 400 | invalid_field | context must be an object",
            "bad approval id           | {\"action\":\"inventory.read\",\"approval_id\":\"apr_x\"} | 400 | invalid_field | approval_id",
            "duplicate key             | {\"action\":\"inventory.read\",\"action\":\"payment.read\"} | 400 | invalid_request | Duplicate",
            "trailing garbage          | {\"action\":\"inventory.read\"} x | 400 | invalid_request | malformed JSON",
    })
    void decide_badBody_400NamingTheProblem(String name, String body, int status, String code, String text) {
        TestServer.Reply r = s.decide(token, body);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.get("error")).isEqualTo(code);
        assertThat((String) r.get("message")).contains(text);
        assertThat(r.json()).doesNotContainKey("decision");
    }

    @Test
    void approval_ofACallWithAnUnpairedSurrogate_showsTheOperatorTheCallAsAsked() throws Exception {
        // a lone surrogate has no UTF-8 form: answered or stored as text as it was, it reached the operator as '?'
        TestServer.Reply asked = s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-\\udc00\",\"amount\":5}}");
        assertThat(asked.get("decision")).as(asked.body()).isEqualTo("approval_required");

        java.net.http.HttpResponse<String> shown = s.getText("/v1/approvals/" + asked.get("approval_id"), TestServer.ADMIN);

        assertThat(shown.body()).contains("\"order_id\":\"o-\\udc00\"").doesNotContain("?");
        TestServer.Reply resource = s.decide(token, "{\"action\":\"refund.process\",\"resource\":\"order-\\ud800\","
                + "\"args\":{\"order_id\":\"o-1\",\"amount\":5}}");
        assertThat(resource.get("decision")).as(resource.body()).isEqualTo("deny");
        assertThat(resource.body()).contains("resource holds an unpaired surrogate");
    }

    @Test
    void decide_oversizedBody_413() {
        String big = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"" + "A".repeat(70_000) + "\"}}";
        TestServer.Reply r = s.decide(token, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.get("error")).isEqualTo("body_too_large");
    }

    @Test
    void decide_deeplyNestedArgs_rejectedNot500() {
        String nested = "{\"action\":\"inventory.read\",\"args\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";
        TestServer.Reply r = s.decide(token, nested);
        assertThat(r.status()).isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    @Test
    void decide_unknownToolOrInvalidArgs_isDenyDecision() {
        TestServer.Reply unknown = s.decide(token, "{\"action\":\"wire.transfer\",\"args\":{}}");
        assertThat(unknown.get("decision")).isEqualTo("deny");
        assertThat(((List<Map<String, Object>>) unknown.get("reasons")).getFirst()).containsEntry("code", "unknown_tool");
        TestServer.Reply invalid = s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o\",\"amount\":\"lots\"}}");
        assertThat(invalid.get("decision")).isEqualTo("deny");
        assertThat((String) ((List<Map<String, Object>>) invalid.get("reasons")).getFirst().get("message"))
                .contains("args.amount: expected number, got string");
        TestServer.Reply extra = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\",\"limit\":5}}");
        assertThat(extra.get("decision")).isEqualTo("deny");
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "sku {0}")
    @CsvSource({"'A-1\\n'", "'A-1\\r\\n'", "'A-1\\u2028'", "'A-1\\u2029'"})
    void decide_lineBreakAfterAnchoredPattern_denied(String jsonSku) {
        // the quickstart's sku pattern ^[A-Z0-9-]{1,32}$ is ECMA-262: $ is the end of the string, not before its last \n
        TestServer.Reply r = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"" + jsonSku + "\"}}");
        assertThat(r.get("decision")).isEqualTo("deny");
        assertThat(((List<Map<String, Object>>) r.get("reasons")).getFirst())
                .containsEntry("code", "invalid_arguments")
                .containsEntry("message", "args.sku: does not match pattern ^[A-Z0-9-]{1,32}$");
        assertThat(s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}").get("decision"))
                .isEqualTo("allow");
    }

    @Test
    void decide_noOrMalformedAuthorization_401() {
        assertThat(s.decide(null, "{\"action\":\"inventory.read\"}").get("error")).isEqualTo("unauthenticated");
        assertThat(s.decide("not-a-jwt", "{\"action\":\"inventory.read\"}").get("error")).isEqualTo("invalid_token");
        assertThat(s.send(HttpRequest.newBuilder(s.uri("/v1/decisions")).header("Authorization", "Basic abc")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), null).status()).isEqualTo(401);
    }

    @Test
    void register_missingOwnerOrPurpose_400NamingField() {
        String base = """
                {"name":"%s","purpose":"p","owner":"o","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}""";
        TestServer.Reply noOwner = s.post("/v1/agents", TestServer.ADMIN, base.formatted("a1").replace("\"owner\":\"o\",", ""));
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.get("error")).isEqualTo("missing_field");
        assertThat((String) noOwner.get("message")).startsWith("owner");
        TestServer.Reply noPurpose = s.post("/v1/agents", TestServer.ADMIN, base.formatted("a2").replace("\"purpose\":\"p\",", ""));
        assertThat((String) noPurpose.get("message")).startsWith("purpose");
        TestServer.Reply badKey = s.post("/v1/agents", TestServer.ADMIN, base.formatted("a3").replace("11qYAY", "zz"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat((String) badKey.get("message")).contains("public_keys");
        TestServer.Reply badProject = s.post("/v1/agents", TestServer.ADMIN, base.formatted("a4").replace("\"shop\"", "\"bank\""));
        assertThat(badProject.get("error")).isEqualTo("unknown_project");
        TestServer.Reply badName = s.post("/v1/agents", TestServer.ADMIN, base.formatted("Bad Name!"));
        assertThat((String) badName.get("message")).startsWith("name");
        assertThat(s.post("/v1/agents", TestServer.ADMIN, base.formatted("a5")).status()).isEqualTo(201);
        assertThat(s.post("/v1/agents", TestServer.ADMIN, base.formatted("a5")).get("error")).isEqualTo("agent_exists");
        assertThat(s.get("/v1/agents/a5", TestServer.ADMIN).get("level")).as("new agents start as interns").isEqualTo("intern");
    }

    @Test
    void misc_unknownRoutesIdsAndParams_clean4xx() {
        assertThat(s.get("/v1/nope", TestServer.ADMIN).get("error")).isEqualTo("not_found");
        assertThat(s.get("/v1/agents/ghost", TestServer.ADMIN).get("error")).isEqualTo("agent_not_found");
        assertThat(s.get("/v1/approvals/apr_bad", TestServer.ADMIN).get("error")).isEqualTo("invalid_field");
        assertThat(s.get("/v1/approvals?state=maybe", TestServer.ADMIN).get("error")).isEqualTo("invalid_field");
        assertThat(s.get("/v1/audit/entries?limit=100000", TestServer.ADMIN).get("error")).isEqualTo("invalid_field");
        assertThat(s.get("/v1/audit/entries?after=-1", TestServer.ADMIN).get("error")).isEqualTo("invalid_field");
        assertThat(s.post("/v1/decisions/not-an-id/outcome", token, "{\"status\":\"completed\"}").get("error"))
                .isEqualTo("invalid_field");
        assertThat(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"god\"}").get("error"))
                .isEqualTo("invalid_field");
        TestServer.Reply badDigest = s.post("/v1/decisions/dec_" + "0".repeat(32) + "/outcome", token,
                "{\"status\":\"completed\",\"result_digest\":\"md5:1\"}");
        assertThat((String) badDigest.get("message")).contains("result_digest");
        assertThat(s.tokenRequest("garbage").get("error")).isEqualTo("invalid_client_assertion");
        assertThat(s.post("/v1/token", null, "{}").get("error")).isEqualTo("missing_field");
    }
}
