package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An argument long enough to exhaust the stack while a catalog pattern is matched against it gets a
 * recorded deny, not a 500 with no decision.
 */
class PatternStackTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    @Test
    void decide_argumentTooLongForThePattern_deniedAndAudited() throws Exception {
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
        Path tools = config.resolve("tools.yaml");
        // java.util.regex recurses once per repetition of an alternation group
        Files.writeString(tools, Files.readString(tools).replace("pattern: \"^[A-Z0-9-]{1,32}$\"", "pattern: \"^(?:[A-Z]|[0-9]|-)+$\""));
        try (TestServer s = new TestServer(config, tmp.resolve("data"), Clock.systemUTC())) {
            String token = s.token("support-bot");
            String sku = "A-1".repeat(20_000);
            TestServer.Reply r = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"" + sku + "\"}}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.get("decision")).isEqualTo("deny");
            assertThat(((List<Map<String, Object>>) r.get("reasons")).getFirst())
                    .containsEntry("code", "invalid_arguments")
                    .containsEntry("message", "args.sku: too long to check against pattern ^(?:[A-Z]|[0-9]|-)+$");
            assertThat(s.get("/v1/audit/entries?kind=decision&limit=10", TestServer.ADMIN).body())
                    .contains((String) r.get("decision_id"));
            assertThat(s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}").get("decision"))
                    .isEqualTo("allow");
        }
    }
}
