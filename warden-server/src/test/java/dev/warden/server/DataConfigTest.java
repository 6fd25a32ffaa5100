package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.scan.DataAction;
import dev.warden.scan.DataClass;
import dev.warden.scan.DataRules;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code data:} section and the tools' {@code output:}: what they configure, and errors naming file and line. */
class DataConfigTest {
    @TempDir
    Path tmp;
    Path config;

    @BeforeEach
    void copy() throws IOException {
        config = TestServer.quickstartCopy(tmp.resolve("config"));
        // the shipped quickstart may carry its own data: section; these tests write their own
        String yaml = Files.readString(config.resolve("warden.yaml"));
        int at = yaml.indexOf("\ndata:");
        if (at >= 0) {
            int end = yaml.indexOf("\n\n", at + 1);
            yaml = yaml.substring(0, at + 1) + (end < 0 ? "" : yaml.substring(end + 1));
            Files.writeString(config.resolve("warden.yaml"), yaml);
        }
    }

    private void data(String section) throws IOException {
        Files.writeString(config.resolve("warden.yaml"), "\n" + section, StandardOpenOption.APPEND);
    }

    private void assertError(String file, String needle, String message) throws IOException {
        int line = TestServer.lineOf(config.resolve(file), needle);
        assertThatThrownBy(() -> ConfigLoader.load(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":" + line + ": " + message);
    }

    @Test
    void classesLevelsProjectsAndOutputs_areRead_mostSpecificWins() throws IOException {
        data("""
                data:
                  max_bytes: 2048
                  classes: {email: mask, secret: block, toxicity: {action: block, threshold: 0.8}}
                  levels:
                    intern: {email: block}
                  projects:
                    shop: {email: hash}
                  outputs:
                    inventory.read: {max_bytes: 100, forbid: [secret]}
                """);
        DataRules rules = ConfigLoader.load(config).data();

        assertThat(rules.limits().maxBytes()).isEqualTo(2048);
        assertThat(rules.forCall("other", "senior").rule(DataClass.EMAIL).action()).isEqualTo(DataAction.MASK);
        assertThat(rules.forCall("other", "intern").rule(DataClass.EMAIL).action()).isEqualTo(DataAction.BLOCK);
        assertThat(rules.forCall("shop", "intern").rule(DataClass.EMAIL).action()).isEqualTo(DataAction.HASH);
        assertThat(rules.forCall("shop", "intern").rule(DataClass.EMAIL).name()).isEqualTo("data.projects.shop.email=hash");
        assertThat(rules.forCall(null, null).rule(DataClass.TOXICITY).threshold()).isEqualTo(0.8);
        assertThat(rules.output("inventory.read").orElseThrow().forbid()).containsExactly(DataClass.SECRET);
    }

    @Test
    void optionalDetectors_areEnabledForEveryoneALevelOrAProject_mostSpecificListWins() throws IOException {
        data("""
                data:
                  detectors: [minilm_toxicity]
                  optional_detector_budget_ms: 5000
                  levels:
                    intern: {email: mask, detectors: []}
                  projects:
                    shop: {detectors: [minilm_injection, minilm_toxicity]}
                """);
        DataRules rules = ConfigLoader.load(config).data();

        assertThat(rules.forCall("shop", "intern").detectors()).containsExactlyInAnyOrder("minilm_injection", "minilm_toxicity");
        assertThat(rules.forCall("other", "intern").detectors()).isEmpty();
        assertThat(rules.forCall("other", "intern").rule(DataClass.EMAIL).action()).isEqualTo(DataAction.MASK);
        assertThat(rules.forCall("other", "senior").detectors()).containsExactly("minilm_toxicity");
        assertThat(rules.limits().optionalBudget()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void anOptionalDetectorThatIsNotInstalled_namesFileAndLine() throws IOException {
        data("data:\n  projects:\n    shop:\n      detectors: [minilm_injection, gpt_injection]\n");
        assertError("warden.yaml", "gpt_injection", "data.projects.shop.detectors[1]: no optional detector 'gpt_injection'"
                + " is installed (installed: minilm_injection, minilm_toxicity;");
        copy();
        data("data:\n  detectors: [prompt_injection]\n");
        assertError("warden.yaml", "detectors: [prompt_injection]", "data.detectors[0]: no optional detector 'prompt_injection'");
        copy();
        data("data:\n  classes: {detectors: [minilm_injection]}\n");
        assertError("warden.yaml", "classes: {detectors", "data.classes.detectors: unknown data class 'detectors'");
    }

    @Test
    void withoutADataSection_theBuiltInRulesApply() throws IOException {
        DataRules rules = ConfigLoader.load(config).data();
        assertThat(rules.forCall("shop", "senior").rule(DataClass.TOXICITY).action()).isEqualTo(DataAction.BLOCK);
        assertThat(rules.forCall("shop", "senior").rule(DataClass.EMAIL).action()).isEqualTo(DataAction.DETECT);
        assertThat(rules.forCall("shop", "senior").detectors()).isEmpty();
    }

    @Test
    void anUnknownDataClass_namesFileAndLine() throws IOException {
        data("data:\n  classes:\n    email: mask\n    passport: block\n");
        assertError("warden.yaml", "passport: block", "data.classes.passport: unknown data class 'passport'");
    }

    @Test
    void anUnknownDataClass_stopsServerStartup_beforeAnythingIsWritten() throws IOException {
        data("data:\n  classes:\n    passport: block\n");
        int line = TestServer.lineOf(config.resolve("warden.yaml"), "passport: block");
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> new TestServer(config, data, java.time.Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:" + line + ": data.classes.passport");
        assertThat(data).doesNotExist();
    }

    @Test
    void anUnknownAction_namesFileAndLine() throws IOException {
        data("data:\n  classes:\n    email: shred\n");
        assertError("warden.yaml", "email: shred", "data.classes.email: unknown action 'shred' (known: detect, mask, hash, block)");
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml"))
                .replace("email: shred", "toxicity: {action: burn, threshold: 0.5}"));
        assertError("warden.yaml", "action: burn", "data.classes.toxicity.action: unknown action 'burn'");
    }

    @Test
    void anUnknownLevelProjectOrKey_andABadThreshold_nameFileAndLine() throws IOException {
        data("data:\n  levels:\n    captain: {email: mask}\n");
        assertError("warden.yaml", "captain:", "data.levels.captain: 'captain' is not a maturity level");
        copy();
        data("data:\n  projects:\n    outlet: {email: mask}\n");
        assertError("warden.yaml", "outlet:", "data.projects.outlet: 'outlet' is not a project");
        copy();
        data("data:\n  clases: {email: mask}\n");
        assertError("warden.yaml", "clases:", "data.clases: unknown key");
        copy();
        data("data:\n  classes:\n    toxicity: {action: block, threshold: 1.5}\n");
        assertError("warden.yaml", "threshold: 1.5", "data.classes.toxicity.threshold: must be between 0.0 and 1.0");
    }

    @Test
    void aToolsOutputCheck_withAnUnknownClassOrKey_namesFileAndLine() throws IOException {
        Path tools = config.resolve("tools.yaml");
        String text = Files.readString(tools);
        Files.writeString(tools, text.replace("    produces: [pii, secret]\n",
                "    produces: [pii, secret]\n    output:\n      max_bytes: 4096\n      forbid: [secret, diaries]\n"));
        assertError("tools.yaml", "forbid: [secret, diaries]", "tools[6].output.forbid[1]: unknown data class 'diaries'");
        Files.writeString(tools, text.replace("    produces: [pii, secret]\n",
                "    produces: [pii, secret]\n    output:\n      max_size: 4096\n"));
        assertError("tools.yaml", "max_size: 4096", "tools[6].output.max_size: unknown key");
    }
}
