package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/breakers} and {@code POST /v1/breakers/reset}, on a server whose breakers open after 2 failed calls. */
class BreakersApiTest {
    private static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";

    @TempDir
    Path tmp;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    TestServer s;
    String bot;

    @BeforeEach
    void start() throws Exception {
        Path config = tmp.resolve("config");
        try (Stream<Path> files = Files.walk(TestServer.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(TestServer.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        append(config, """

                breakers:
                  defaults:
                    window: 2 calls
                    minimum_calls: 2
                    open_seconds: 60
                """);
        s = new TestServer(config, tmp.resolve("data"), clock);
        bot = s.token("support-bot");
    }

    private static void append(Path config, String yaml) throws IOException {
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml")) + yaml);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void failedCall() {
        TestServer.Reply d = s.decide(bot, READ);
        assertThat(d.get("decision")).as(d.body()).isEqualTo("allow");
        TestServer.Reply o = s.post("/v1/decisions/" + d.get("decision_id") + "/outcome", bot, "{\"status\":\"failed\"}");
        assertThat(o.status()).as(o.body()).isEqualTo(201);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> breakers(String query) {
        TestServer.Reply r = s.get("/v1/breakers" + query, TestServer.ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) r.get("breakers");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failedOutcomes_openTheBreaker_shownByTheApi_andAnOperatorResetLetsCallsThroughAgain() throws Exception {
        failedCall();
        failedCall();
        clock.advance(Duration.ofSeconds(15));

        TestServer.Reply denied = s.decide(bot, READ);
        assertThat(denied.get("decision")).isEqualTo("deny");
        Map<String, Object> reason = ((List<Map<String, Object>>) denied.get("reasons")).getFirst();
        assertThat(reason).containsEntry("guard", "breaker").containsEntry("code", "circuit_open")
                .containsEntry("retry_after_ms", 45_000L);
        assertThat(breakers("?agent=support-bot")).singleElement().satisfies(b -> assertThat(b)
                .containsEntry("agent", "support-bot").containsEntry("tool", "inventory.read")
                .hasEntrySatisfying("failure_rate", r -> assertThat(((Number) r).doubleValue()).isEqualTo(100.0))
                .containsEntry("state", "open").containsEntry("calls", 2L)
                .containsEntry("opened_at", "2026-12-07T10:00:00Z").containsEntry("retry_at", "2026-12-07T10:01:00Z"));
        assertThat(breakers("?agent=someone-else")).isEmpty();

        TestServer.Reply reset = s.post("/v1/breakers/reset", TestServer.ADMIN,
                "{\"agent\":\"support-bot\",\"tool\":\"inventory.read\"}");

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json()).containsEntry("from", "open").containsEntry("state", "closed");
        assertThat(s.decide(bot, READ).get("decision")).isEqualTo("allow");
        String audit = s.getText("/v1/audit/entries?kind=breaker.transition&order=desc&limit=1", TestServer.ADMIN).body();
        assertThat(audit).contains("\"trigger\":\"operator\"").contains("operator:admin");
    }

    @Test
    void reset_ofABreakerThatDoesNotExist_is404() {
        TestServer.Reply r = s.post("/v1/breakers/reset", TestServer.ADMIN, "{\"upstream\":\"files\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.get("error")).isEqualTo("breaker_not_found");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{}                                            | missing_field | agent and tool, or upstream",
        "{\"agent\":\"support-bot\"}                   | missing_field | tool",
        "{\"upstream\":\"files\",\"agent\":\"a\"}      | invalid_field | either agent and tool, or upstream",
        "{\"upstream\":7}                              | invalid_field | upstream",
        "{\"upstream\":\"files\",\"why\":1}            | invalid_field | why",
    })
    void reset_badBody_is400NamingTheField(String body, String error, String mentions) {
        TestServer.Reply r = s.post("/v1/breakers/reset", TestServer.ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo(error);
        assertThat((String) r.get("message")).contains(mentions);
    }

    @Test
    void breakers_needTheOperator() {
        assertThat(s.get("/v1/breakers", bot).status()).isEqualTo(403);
        assertThat(s.post("/v1/breakers/reset", bot, "{\"upstream\":\"files\"}").status()).isEqualTo(403);
        assertThat(s.get("/v1/breakers", null).status()).isEqualTo(401);
    }
}
