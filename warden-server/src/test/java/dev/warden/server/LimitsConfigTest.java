package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.limits.AgentLimits;
import dev.warden.limits.Budget;
import dev.warden.limits.LimitsConfig;
import dev.warden.limits.Measure;
import dev.warden.limits.Rate;
import dev.warden.server.config.ConfigLoader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code limits:} section as loaded: defaults, tools, budgets, projects and per-agent overrides. */
class LimitsConfigTest {
    @TempDir
    Path configDir;


    @Test
    void quickstart_limits_loadAsDocumented() {
        LimitsConfig limits = ConfigLoader.load(TestServer.QUICKSTART).limits();

        AgentLimits bot = limits.forAgent("support-bot");
        assertThat(bot.ratePerTool()).hasValue(new Rate(60, Duration.ofMinutes(1)));
        assertThat(bot.tools().get("refund.process").maxImpact().orElseThrow().forLevel(MaturityLevel.SENIOR))
                .isEqualByComparingTo("500");
        assertThat(bot.tools().get("refund.process").maxImpact().orElseThrow().forLevel(MaturityLevel.JUNIOR))
                .isEqualByComparingTo("50");
        assertThat(bot.budgets().get("refund_daily")).isEqualTo(new Budget("refund_daily", Optional.of("refund.process"),
                Optional.empty(), Measure.IMPACT, Optional.empty(), new BigDecimal("500"), Duration.ofDays(1)));
        assertThat(limits.policyContext()).as("no quickstart policy reads context.limits").isFalse();
    }

    @Test
    void agentOverrides_winValueByValue_andMergeIntoTheDefaultBudget() throws Exception {
        Path config = TestServer.quickstartCopy(configDir);
        Path yaml = config.resolve("warden.yaml");
        // the overrides go into the limits: section, wherever it stands in the file
        Files.writeString(yaml, Files.readString(yaml).replace("\nlimits:\n", "\nlimits:\n" + """
                  projects:
                    shop: {rate: 6000/minute}
                  agents:
                    support-bot:
                      rate_per_session: 10/second
                      concurrency: 4
                      in_flight_timeout_seconds: 60
                      tools: {refund.process: {rate: 5/hour}}
                      budgets:
                        refund_daily: {max: 250}
                        customers_hourly: {measure: distinct, argument: customer_id, max: 200, per: hour}
                """));

        LimitsConfig limits = ConfigLoader.load(config).limits();
        AgentLimits bot = limits.forAgent("support-bot");
        AgentLimits other = limits.forAgent("faq-bot");

        assertThat(limits.projects()).containsEntry("shop", Rate.parse("6000/minute"));
        assertThat(bot.ratePerTool()).hasValue(Rate.parse("60/minute"));
        assertThat(bot.ratePerSession()).hasValue(Rate.parse("10/second"));
        assertThat(bot.concurrency()).hasValue(4);
        assertThat(bot.inFlightTimeout()).hasValue(Duration.ofSeconds(60));
        assertThat(bot.tools().get("refund.process").rate()).hasValue(Rate.parse("5/hour"));
        assertThat(bot.tools().get("refund.process").maxImpact()).isPresent(); // kept from the tool's default
        Budget refunds = bot.budgets().get("refund_daily");
        assertThat(refunds.max()).isEqualByComparingTo("250");
        assertThat(refunds.measure()).isEqualTo(Measure.IMPACT);
        assertThat(refunds.tool()).hasValue("refund.process");
        assertThat(bot.budgets().get("customers_hourly").argument()).hasValue("customer_id");
        assertThat(other.budgets().get("refund_daily").max()).isEqualByComparingTo("500");
        assertThat(other.budgets()).doesNotContainKey("customers_hourly");
        assertThat(other.ratePerSession()).isEmpty();
    }
}
