package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.policy.PolicyLoadException;
import dev.warden.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config or policy file that fails to parse or validate stops startup, naming file and line; nothing half-loads. */
class ConfigErrorTest {
    @TempDir
    Path tmp;
    Path config;
    Path data;

    @BeforeEach
    void copyQuickstart() throws IOException {
        config = tmp.resolve("config");
        data = tmp.resolve("data");
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
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = config.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
    }

    private static int lineOf(Path file, String needle) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + file);
    }

    /** Starting a server on the (edited) config; the caller says how it must fail. */
    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertStartFails() {
        return assertThatThrownBy(() -> new TestServer(config, data, Clock.systemUTC()));
    }

    @Test
    void start_quickstartCopy_starts() throws IOException {
        try (TestServer s = new TestServer(config, data, Clock.systemUTC())) {
            assertThat(s.get("/healthz", null).status()).isEqualTo(200);
        }
    }

    private void assertLimitsError(String from, String to, String needle, String message) throws IOException {
        replace("warden.yaml", from, to);
        int line = lineOf(config.resolve("warden.yaml"), needle);
        assertStartFails().isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:" + line + ": " + message);
        assertThat(data).doesNotExist();
    }

    @Test
    void start_limits_negativeBudget_namesFileLineAndPath() throws IOException {
        assertLimitsError("measure: impact, max: 500,", "measure: impact, max: -100,", "max: -100",
                "limits.budgets.refund_daily.max: must not be negative");
    }

    @Test
    void start_limits_unknownUnit_namesTheUnits() throws IOException {
        assertLimitsError("rate_per_tool: 60/minute", "rate_per_tool: 60/fortnight", "60/fortnight",
                "limits.defaults.rate_per_tool: unknown unit 'fortnight' (second, minute, hour, day)");
    }

    @Test
    void start_limits_zeroOrNegativeRate_refused() throws IOException {
        assertLimitsError("rate_per_tool: 60/minute", "rate_per_tool: -5/minute", "-5/minute",
                "limits.defaults.rate_per_tool: a rate allows at least 1 call");
    }

    @Test
    void start_limits_unknownTool_refused() throws IOException {
        assertLimitsError("  tools:\n    refund.process:\n      max_impact", "  tools:\n    refund.proces:\n      max_impact",
                "max_impact: {junior", "limits.tools.refund.proces: 'refund.proces' is not a tool in tools.yaml");
    }

    @Test
    void start_limits_unknownLevel_refused() throws IOException {
        assertLimitsError("{junior: 50, senior: 500}", "{junior: 50, captain: 500}", "captain",
                "limits.tools.refund.process.max_impact.captain: unknown level 'captain'");
    }

    @Test
    void start_limits_unknownKey_refused() throws IOException {
        assertLimitsError("rate_per_tool: 60/minute", "rate_per_tool: 60/minute\n    burst: 5", "burst: 5",
                "limits.defaults.burst: unknown key");
    }

    @Test
    void start_limits_maxImpactOnAToolWithoutImpactField_refused() throws IOException {
        assertLimitsError("    refund.process:\n      max_impact", "    customer.reply:\n      max_impact", "max_impact:",
                "limits.tools.customer.reply.max_impact: tool 'customer.reply' has no impact_field");
    }

    @Test
    void start_limits_unknownProject_refused() throws IOException {
        assertLimitsError("  budgets:", "  projects:\n    outlet: {rate: 10/second}\n  budgets:", "outlet:",
                "limits.projects.outlet: 'outlet' is not a project of this config");
    }

    @Test
    void start_yamlSyntaxError_namesFileAndLine() throws IOException {
        replace("tools.yaml", "    risk: critical", "    risk: [critical");
        assertStartFails()
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("tools.yaml:");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_duplicateKey_isRefusedNamingFileAndLine_notSilentlyOverwritten() throws IOException {
        replace("tools.yaml", "    risk: critical", "    risk: critical\n    risk: low # twice");
        int line = lineOf(config.resolve("tools.yaml"), "risk: low # twice");
        assertStartFails()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.yaml:" + line + ": tools[4].risk: duplicate key");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_unknownEffect_namesFileLineAndPath() throws IOException {
        replace("tools.yaml", "effects: [destructive]", "effects: [destroy]");
        int line = lineOf(config.resolve("tools.yaml"), "effects: [destroy]");
        assertStartFails()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.yaml:" + line + ": tools[4].effects[0]: unknown effect 'destroy'");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_producesLabelThatIsNoLowerCaseIdentifier_namesFileLineAndPath() throws IOException {
        replace("tools.yaml", "    produces: [pii, secret]", "    produces: [pii, Card-Data]");
        int line = lineOf(config.resolve("tools.yaml"), "Card-Data");
        assertStartFails()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.yaml:" + line + ": tools[6].produces[1]: label 'Card-Data' is not a lower-case identifier");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_producesLabelTwice_isRefused() throws IOException {
        replace("tools.yaml", "    produces: [pii, secret]", "    produces: [pii, pii]");
        assertStartFails().isInstanceOf(ConfigException.class).hasMessageContaining("label 'pii' is listed twice");
    }

    @Test
    void start_unsupportedSchemaKeyword_rejected() throws IOException {
        replace("tools.yaml", "amount: {type: number, exclusiveMinimum: 0}", "amount: {oneOf: [{type: number}]}");
        assertStartFails()
                .isInstanceOf(ConfigException.class).hasMessageContaining("unsupported JSON Schema keyword 'oneOf'");
    }

    @Test
    void start_javaOnlyPattern_rejectedNamingToolAndField() throws IOException {
        replace("tools.yaml", "pattern: \"^[A-Z0-9-]{1,32}$\"", "pattern: \"^[A-Z0-9-]{1,32}+\\\\z\"");
        int line = lineOf(config.resolve("tools.yaml"), "input_schema:") + 1; // where the schema's mapping starts
        assertStartFails()
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tools.yaml:" + line + ": tools[0].input_schema: tool 'inventory.read': "
                        + "$.properties.sku.pattern: invalid regular expression: a quantifier cannot follow another");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_typoInWardenYaml_rejectedNamingKey() throws IOException {
        replace("warden.yaml", "tokens:", "tokenz:");
        assertStartFails()
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:").hasMessageContaining("tokenz: unknown key");
    }

    @Test
    void start_seedAgentInUnknownEnvironment_rejected() throws IOException {
        replace("warden.yaml", "environment: prod", "environment: qa");
        assertStartFails()
                .isInstanceOf(ConfigException.class).hasMessageContaining("shop/qa");
    }

    @Test
    void start_cedarSyntaxError_namesFileAndLine() throws IOException {
        replace("policies/guardrails.cedar", "forbid(principal, action == Action::\"pricing.modify\", resource);",
                "forbid(principal, action == Action::\"pricing.modify\" resource);");
        int line = lineOf(config.resolve("policies/guardrails.cedar"), "pricing.modify");
        assertStartFails()
                .isInstanceOf(PolicyLoadException.class).hasMessageStartingWith("guardrails.cedar:" + line + ":");
        assertThat(data).doesNotExist();
    }

    @Test
    void start_policyNamesUnknownTool_rejectedBySchemaValidation() throws IOException {
        replace("policies/support.cedar", "Action::\"customer.reply\"", "Action::\"customer.replay\"");
        assertStartFails()
                .isInstanceOf(PolicyLoadException.class).hasMessageStartingWith("support.cedar:");
    }

    @Test
    void start_sod_badRiskOrUnknownProject_namesTheLine_beforeTheDataDirectoryIsMade() throws IOException {
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml);
        Files.writeString(yaml, text + "\nsod:\n  two_person_risk: extreme\n");
        assertStartFails().isInstanceOf(ConfigException.class)
                .hasMessageContaining("warden.yaml:" + lineOf(yaml, "extreme") + ": ")
                .hasMessageContaining("must be low, medium, high, critical or off");
        Files.writeString(yaml, text + "\nsod:\n  projects:\n    lab: {owner_cannot_approve: false}\n");
        assertStartFails().isInstanceOf(ConfigException.class).hasMessageContaining("'lab' is not a project under projects:");
        assertThat(data).doesNotExist();
    }
}
