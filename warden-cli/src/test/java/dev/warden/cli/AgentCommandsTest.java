package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent ...} against a real server. */
class AgentCommandsTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        warden = TestWarden.start(data);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private Cli.Result register(String name, Path keyOut, String... extra) {
        String[] base = {"agent", "register", "--name", name, "--owner", "bob@example.com",
                "--purpose", "Reads stock levels.", "--capability", "inventory.read",
                "--capability", "customer.reply,refund.process", "--agent-version", "2.0.1",
                "--config-digest", "sha256:" + "ab".repeat(32), "--project", "shop", "--environment", "staging",
                "--key-out", keyOut.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return warden.operator(all);
    }

    @Test
    void registerWritesKeyFileAndPrintsId() throws IOException {
        Path key = tmp.resolve("keys/stock-bot.json");
        Cli.Result r = register("stock-bot", key, "--level", "Junior", "--level-reason", "pilot of a known vendor agent");

        assertThat(r.exit()).as(r.toString()).isZero();
        String id = r.out().strip();
        assertThat(id).isNotBlank().doesNotContain("\n");
        assertThat(r.err()).contains("stock-bot").contains(key.toString());

        JsonNode file = new ObjectMapper().readTree(Files.readString(key));
        assertThat(file.get("agent").asText()).isEqualTo("stock-bot");
        assertThat(file.get("kid").asText()).startsWith("stock-bot-");
        assertThat(file.get("warden_url").asText()).isEqualTo(warden.url());
        JsonNode jwk = file.get("private_jwk");
        assertThat(jwk.get("kty").asText()).isEqualTo("OKP");
        assertThat(jwk.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(jwk.get("d").asText()).isNotBlank();
        assertThat(jwk.get("kid").asText()).isEqualTo(file.get("kid").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        Cli.Result get = warden.operator("agent", "get", "stock-bot");
        assertThat(get.exit()).as(get.toString()).isZero();
        JsonNode agent = get.json();
        assertThat(agent.get("id").asText()).isEqualTo(id);
        assertThat(agent.get("level").asText()).isEqualTo("junior");
        assertThat(agent.get("level_basis").asText()).isEqualTo("granted");
        assertThat(agent.get("level_gated").asBoolean()).as("granted without gates, so flagged").isFalse();
        assertThat(agent.get("owner").asText()).isEqualTo("bob@example.com");
        assertThat(agent.get("version").asText()).isEqualTo("2.0.1");
        assertThat(agent.get("capabilities")).extracting(JsonNode::asText)
                .containsExactly("inventory.read", "customer.reply", "refund.process");
        assertThat(agent.get("public_keys").get(0).get("kid").asText()).isEqualTo(file.get("kid").asText());
        assertThat(agent.get("public_keys").get(0).get("x").asText()).isEqualTo(jwk.get("x").asText());

        // the new key authenticates (URL taken from the key file)
        Cli.Result token = Cli.run("agent", "token", "--key", key.toString());
        assertThat(token.exit()).as(token.toString()).isZero();
        assertThat(token.out().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void registerPrintsJsonWhenAsked() {
        Cli.Result r = register("json-bot", tmp.resolve("json-bot.json"), "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("name").asText()).isEqualTo("json-bot");
        assertThat(r.json().get("level").asText()).isEqualTo("intern");
        assertThat(r.json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void registerNeverOverwritesAnExistingKeyFile() throws IOException {
        Path key = tmp.resolve("existing.json");
        Files.writeString(key, "precious");

        Cli.Result r = register("overwrite-bot", key);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("warden: key file " + key).contains("already exists");
        assertThat(Files.readString(key)).isEqualTo("precious");
        Cli.Result get = warden.operator("agent", "get", "overwrite-bot");
        assertThat(get.exit()).isEqualTo(1);
        assertThat(get.err()).startsWith("warden: agent_not_found");
    }

    @Test
    void failedRegistrationLeavesNoKeyFile() {
        Path key = tmp.resolve("dup.json");
        Cli.Result r = register("support-bot", key);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_exists");
        assertThat(key).doesNotExist();
    }

    @Test
    void serverSideValidationErrorsAreReported() {
        Path key = tmp.resolve("nowhere.json");
        Cli.Result r = warden.operator("agent", "register", "--name", "bad-env-bot", "--owner", "o", "--purpose", "p",
                "--capability", "inventory.read", "--agent-version", "1", "--config-digest", "sha256:00",
                "--project", "shop", "--environment", "moon", "--key-out", key.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(key).doesNotExist();
    }

    @Test
    void badLevelIsAUsageError() {
        Cli.Result r = register("lvl-bot", tmp.resolve("lvl.json"), "--level", "boss");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--level").contains("intern, junior, senior, principal").contains("Usage:");
        assertThat(tmp.resolve("lvl.json")).doesNotExist();
    }

    @Test
    void aStartingLevelAboveIntern_withoutAReason_isRefused_andLeavesNoKeyFile() {
        Path key = tmp.resolve("eager.json");
        Cli.Result r = register("eager-bot", key, "--level", "principal");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: missing_field").contains("level_reason");
        assertThat(key).doesNotExist();
        Cli.Result get = warden.operator("agent", "get", "eager-bot");
        assertThat(get.err()).startsWith("warden: agent_not_found");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Cli.Result r = warden.operator("agent", "register", "--name", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required options").contains("--key-out");
    }

    @Test
    void tokenForSeedAgentPrintsOnlyTheToken() {
        Cli.Result r = Cli.run("agent", "token", "--key", warden.seedKey("support-bot").toString(), "--url", warden.url());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void listAndLevel() {
        Cli.Result list = warden.operator("agent", "list");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.json().get("agents")).extracting(a -> a.get("name").asText()).contains("support-bot");
        assertThat(list.out()).contains("\n  \"agents\": [");

        register("level-bot", tmp.resolve("level-bot.json"));
        Cli.Result level = warden.operator("agent", "level", "level-bot", "senior", "--reason", "earned it");
        assertThat(level.exit()).as(level.toString()).isZero();
        assertThat(level.json().get("level").asText()).isEqualTo("senior");

        Cli.Result bad = warden.operator("agent", "level", "level-bot", "overlord");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("LEVEL").contains("Usage: warden agent level");
    }

    @Test
    void unknownAgentIsReportedWithTheServersCode() {
        Cli.Result r = warden.operator("agent", "get", "nobody");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: agent_not_found: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void wrongAdminTokenIsUnauthenticated() {
        Cli.Result r = Cli.run("agent", "list", "--url", warden.url(), "--admin-token", "not-the-right-token-at-all");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("warden: unauthenticated: invalid operator credential\n");
    }

    @Test
    void agentTokenIsNotAnOperatorCredential() {
        String token = Cli.run("agent", "token", "--key", warden.seedKey("support-bot").toString()).out().strip();
        Cli.Result r = Cli.run("agent", "list", "--url", warden.url(), "--admin-token", token);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: forbidden: ");
    }

    @Test
    void adminTokenIsReadFromTheDataDirectory() throws IOException {
        Files.writeString(tmp.resolve("admin.token"), TestWarden.ADMIN_TOKEN + "\n");
        assumeTrue(System.getenv("WARDEN_ADMIN_TOKEN") == null, "WARDEN_ADMIN_TOKEN is set");
        Cli.Result r = Cli.run("agent", "list", "--url", warden.url(), "--data-dir", tmp.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("agents")).isNotEmpty();
    }

    @Test
    void missingAdminTokenIsExplained() {
        assumeTrue(System.getenv("WARDEN_ADMIN_TOKEN") == null, "WARDEN_ADMIN_TOKEN is set");
        Cli.Result r = Cli.run("agent", "list", "--url", warden.url(), "--data-dir", tmp.resolve("empty").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("warden: no operator token: pass --admin-token, set WARDEN_ADMIN_TOKEN");
    }

    @Test
    void malformedKeyFilesAreNamed() throws IOException {
        Path notJson = tmp.resolve("garbage.json");
        Files.writeString(notJson, "this is not json");
        assertKeyFileError(notJson, "not valid JSON");

        Path noAgent = tmp.resolve("no-agent.json");
        Files.writeString(noAgent, "{\"kid\": \"k\", \"private_jwk\": {}}");
        assertKeyFileError(noAgent, "\"agent\"");

        Path publicOnly = tmp.resolve("public.json");
        JsonNode seed = new ObjectMapper().readTree(Files.readString(warden.seedKey("support-bot"), StandardCharsets.UTF_8));
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed.get("private_jwk")).remove("d");
        Files.writeString(publicOnly, seed.toString());
        assertKeyFileError(publicOnly, "no private part");

        Path badJwk = tmp.resolve("bad-jwk.json");
        Files.writeString(badJwk, "{\"agent\": \"a\", \"kid\": \"k\", \"private_jwk\": {\"kty\": \"RSA\"}}");
        assertKeyFileError(badJwk, "private_jwk");

        assertKeyFileError(tmp.resolve("missing.json"), "no such file");
    }

    private void assertKeyFileError(Path file, String why) {
        Cli.Result r = Cli.run("agent", "token", "--key", file.toString(), "--url", warden.url());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("warden: key file " + file + ": ").contains(why);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void keyOfAnUnknownAgentIsRefusedByTheServer() throws IOException {
        JsonNode seed = new ObjectMapper().readTree(Files.readString(warden.seedKey("support-bot")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed).put("agent", "impostor");
        Path file = tmp.resolve("impostor.json");
        Files.writeString(file, seed.toString());
        Cli.Result r = Cli.run("agent", "token", "--key", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: invalid_client_assertion: the signature does not verify with a key"
                + " registered for the named agent under this kid");
    }
}
