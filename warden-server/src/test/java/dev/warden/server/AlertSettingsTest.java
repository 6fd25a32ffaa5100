package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertSeverity;
import dev.warden.server.alert.AlertRouter;
import dev.warden.server.config.AlertSettings;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alerts: section of warden.yaml: values, routing, and errors that stop startup naming file and line. */
class AlertSettingsTest {
    @TempDir
    Path dir;

    private static final String CHANNELS = "alerts:\n"
            + "  owner_channel: owners\n"
            + "  coalesce_seconds: 30\n"
            + "  channels:\n"
            + "    oncall: {url: 'https://hooks.example.com/oncall', format: slack, secret_env: ONCALL_SECRET}\n"
            + "    security: {url: 'http://siem.example.com:8080/in'}\n"
            + "    owners: {url: 'https://relay.example.com/notify', format: generic}\n";

    private Path config(String alerts) throws Exception {
        Path config = SiemExportTest.configWithSiem(dir.resolve(Long.toString(System.nanoTime())), "");
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml")) + alerts);
        return config;
    }

    private AlertSettings load(String alerts) throws Exception {
        Path c = config(alerts);
        return AlertSettings.load(c, ConfigLoader.load(c).projects(), name -> name.equals("ONCALL_SECRET") ? "s3cret" : null);
    }

    private static AlertDraft draft(AlertSeverity severity, String kind, String project) {
        return new AlertDraft(severity, kind, Optional.of("bot"), Optional.of(project), "x", Map.of(), List.of());
    }

    @Test
    void noSection_meansNoChannels() {
        AlertSettings s = AlertSettings.load(TestServer.QUICKSTART, ConfigLoader.load(TestServer.QUICKSTART).projects(), n -> null);
        assertThat(s).isEqualTo(AlertSettings.NONE);
    }

    @Test
    void routes_matchByProjectSeverityAndKind_ownerGoesToTheOwnerChannel() throws Exception {
        AlertSettings s = load(CHANNELS + "  routes:\n"
                + "    - {project: shop, min_severity: warning, to: [oncall, owner]}\n"
                + "    - {min_severity: critical, to: [security, oncall]}\n"
                + "    - {kinds: [limit.exceeded], to: [security]}\n");
        assertThat(s.coalesce()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.channels().get("oncall").secret()).isPresent();
        assertThat(s.channels().get("oncall").toString()).doesNotContain("hooks.example.com").doesNotContain("s3cret");
        AlertRouter router = new AlertRouter(s);
        Optional<String> alice = Optional.of("alice@example.com");

        assertThat(router.route(draft(AlertSeverity.INFO, "x.y", "shop"), alice)).isEmpty();
        assertThat(router.route(draft(AlertSeverity.WARNING, "x.y", "shop"), alice)).containsExactly(
                new AlertRoute("oncall", Optional.empty()), new AlertRoute("owners", alice));
        assertThat(router.route(draft(AlertSeverity.CRITICAL, "x.y", "shop"), alice)).containsExactly(
                new AlertRoute("oncall", Optional.empty()), new AlertRoute("owners", alice), new AlertRoute("security", Optional.empty()));
        assertThat(router.route(draft(AlertSeverity.WARNING, "x.y", "lab"), alice)).isEmpty();
        assertThat(router.route(draft(AlertSeverity.INFO, "limit.exceeded", "lab"), alice))
                .containsExactly(new AlertRoute("security", Optional.empty()));
        // an agent without an owner: the others still get it
        assertThat(router.route(draft(AlertSeverity.WARNING, "x.y", "shop"), Optional.empty()))
                .containsExactly(new AlertRoute("oncall", Optional.empty()));
        // an owner notification reaches its owner without a route
        assertThat(router.route(draft(AlertSeverity.INFO, "owner.notify", "shop"), alice))
                .containsExactly(new AlertRoute("owners", alice));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "  routes:\\n    - {min_severity: urgent, to: [oncall]}\\n | alerts.routes[0].min_severity: min_severity must be info, warning or critical",
        "  routes:\\n    - {to: [pager]}\\n | alerts.routes[0].to[0]: unknown channel 'pager'",
        "  routes:\\n    - {project: nowhere, to: [oncall]}\\n | alerts.routes[0].project: 'nowhere' is not a project",
        "  routes:\\n    - {to: []}\\n | alerts.routes[0].to: list at least one channel",
        "  routes:\\n    - {to: [oncall], severity: warning}\\n | alerts.routes[0].severity: unknown key",
        "  routes:\\n    - {kinds: [Limit Exceeded], to: [oncall]}\\n | alerts.routes[0].kinds[0]: an alert kind is dotted",
        "  retries: 3\\n | alerts.retries: unknown key",
        "  routes:\\n    - {to: oncall}\\n | alerts.routes[0].to: must be a list",
    })
    void badRoutesAndKeys_stopStartupNamingFileLineAndKey(String extra, String message) throws Exception {
        Path c = config(CHANNELS + extra.stripTrailing().replace("\\n", "\n"));
        assertThatThrownBy(() -> AlertSettings.load(c, ConfigLoader.load(c).projects(), n -> "s3cret"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:").hasMessageContaining(message.strip());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "    bad: {url: 'ftp://files.example.com/x'} | alerts.channels.bad.url: must be an http or https URL",
        "    bad: {url: 'https:///nohost'} | alerts.channels.bad.url: must be an http or https URL with a host",
        "    bad: {url: 'https://user:pw@example.com/x'} | no user:password@",
        "    bad: {url: 'not a url'} | alerts.channels.bad.url: not a URL",
        "    bad: {url: 'https://example.com', format: teams} | alerts.channels.bad.format: must be generic or slack",
        "    bad: {url: 'https://example.com', secret_env: UNSET_VAR_FOR_TEST} | environment variable UNSET_VAR_FOR_TEST is not set",
        "    bad: {url: 'https://example.com', secret_env: 'has space'} | not an environment variable name",
        "    bad: {url: 'https://example.com', secret_file: missing.secret} | cannot read the secret file",
        "    bad: {url: 'https://example.com', token: x} | alerts.channels.bad.token: unknown key",
        "    Bad: {url: 'https://example.com'} | channel names are lower-case",
        "    owner: {url: 'https://example.com'} | 'owner' is reserved",
    })
    void badChannels_stopStartupNamingFileLineAndKey(String channel, String message) throws Exception {
        Path c = config(CHANNELS + channel.stripTrailing() + "\n");
        assertThatThrownBy(() -> AlertSettings.load(c, ConfigLoader.load(c).projects(), n -> n.equals("ONCALL_SECRET") ? "s" : null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:").hasMessageContaining(message.strip());
    }

    @Test
    void ownerWithoutAnOwnerChannel_andAnUnknownOwnerChannel_areRefused() throws Exception {
        Path noOwnerChannel = config("alerts:\n  channels:\n    oncall: {url: 'https://example.com'}\n  routes:\n    - {to: [owner]}\n");
        assertThatThrownBy(() -> AlertSettings.load(noOwnerChannel, ConfigLoader.load(noOwnerChannel).projects(), n -> null))
                .isInstanceOf(ConfigException.class).hasMessageMatching("(?s).*warden\\.yaml:\\d+: alerts\\.routes\\[0]\\.to\\[0]: .*")
                .hasMessageContaining("'owner' needs alerts.owner_channel");
        Path unknown = config("alerts:\n  owner_channel: relay\n  channels:\n    oncall: {url: 'https://example.com'}\n");
        assertThatThrownBy(() -> AlertSettings.load(unknown, ConfigLoader.load(unknown).projects(), n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:")
                .hasMessageContaining("alerts.owner_channel: 'relay' is not a channel");
    }

    @Test
    void serverStart_withABadAlertsSection_failsNamingTheLineAndWritesNothing() throws Exception {
        Path c = config("alerts:\n  channels:\n    oncall: {url: 'gopher://example.com'}\n");
        Path data = dir.resolve("data");
        assertThatThrownBy(() -> new TestServer(c, data, java.time.Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warden.yaml:")
                .hasMessageContaining("alerts.channels.oncall.url");
        assertThat(data.resolve("warden.db")).doesNotExist();
    }
}
