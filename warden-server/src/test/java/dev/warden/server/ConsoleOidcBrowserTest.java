package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.server.oidc.CodeFlowIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC sign-in to the console in headless Chromium ({@code console-e2e/oidc.test.mjs}): a server
 * with {@code operators.oidc} and an identity provider on another site (the console is reached as
 * {@code localhost}, the provider as {@code 127.0.0.1}), whose page the browser submits, so the way
 * back is a cross-site navigation as in real use. Needs what {@link ConsoleBrowserTest} needs.
 */
@Tag("browser")
class ConsoleOidcBrowserTest {
    @TempDir
    Path data;
    @TempDir
    Path config;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void signsInThroughTheIdentityProvider_inARealBrowser() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("WARDEN_SKIP_BROWSER")), "WARDEN_SKIP_BROWSER=1");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is needed for the console browser tests and is not at " + chromium + " (or set CHROMIUM). "
                    + ConsoleBrowserTest.INSTALL);
        }
        ConsoleBrowserTest.requireNode();
        ConsoleBrowserTest.installPackagesWhenStale();
        try (CodeFlowIssuer idp = new CodeFlowIssuer(Clock.systemUTC())) {
            idp.interactive = true;
            idp.user = "oidc-ann@example.com";
            TestServer.quickstartCopy(config);
            Files.writeString(config.resolve("oidc.secret"), CodeFlowIssuer.CLIENT_SECRET);
            Files.writeString(config.resolve("warden.yaml"), """

                    operators:
                      oidc:
                        issuer: %s
                        audience: %s
                        claim: email
                        client_secret_file: oidc.secret
                        display_name: Test IdP
                    """.formatted(idp.issuer(), CodeFlowIssuer.CLIENT_ID), StandardOpenOption.APPEND);
            try (TestServer s = new TestServer(config, data, Clock.systemUTC())) {
                String url = s.server.url().replace("127.0.0.1", "localhost");
                idp.registeredRedirect = url + "/console/oidc/callback";
                ConsoleBrowserTest.Run run = ConsoleBrowserTest.run(
                        List.of("node", "--test", ConsoleBrowserTest.E2E.getFileName() + "/oidc.test.mjs"),
                        ConsoleBrowserTest.E2E.getParent(), Map.of(
                                "WARDEN_URL", url,
                                "WARDEN_ADMIN_TOKEN", TestServer.ADMIN,
                                "WARDEN_OIDC_USER", idp.user,
                                "CHROMIUM", chromium.toString(),
                                "SCREENSHOT_DIR", ConsoleBrowserTest.SCREENSHOTS.toString()), Duration.ofMinutes(3));
                assertThat(run.exit()).as("node --test console-e2e/oidc.test.mjs failed:%n%s", run.output()).isZero();
                assertThat(run.output()).as(run.output()).containsPattern("# pass [1-9]").contains("# fail 0")
                        .contains("# skipped 0");
                assertThat(idp.tokenStatuses).as("one code redeemed").containsExactly(200);
            }
        }
    }
}
