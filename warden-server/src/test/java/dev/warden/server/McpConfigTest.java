package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.RiskTier;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.mcp.PinningMode;
import dev.warden.mcp.UpstreamEndpoint;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mcp:} section of warden.yaml: defaults, paths, and file:line errors. */
class McpConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void base() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve("sandbox"));
        Files.writeString(dir.resolve("tools.yaml"), "tools:\n  - {name: fs.read, effects: [read], risk: low}\n");
    }

    private McpGatewayConfig load(String mcp) throws IOException {
        Files.writeString(dir.resolve("warden.yaml"), "projects:\n  lab: [dev]\n" + mcp);
        return ConfigLoader.load(dir).mcp().orElseThrow();
    }

    private void fails(String mcp, String... expected) throws IOException {
        Files.writeString(dir.resolve("warden.yaml"), "projects:\n  lab: [dev]\n" + mcp);
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class).hasMessageContainingAll(expected);
    }

    @Test
    void defaults_andStdioPathsResolvedAgainstTheConfigDirectory() throws IOException {
        McpGatewayConfig c = load("""
                mcp:
                  upstreams:
                    - name: files
                      prefix: fs
                      command: [./run.sh, server.js, sandbox]
                      cwd: sandbox
                      env: {LOG_LEVEL: debug}
                    - name: remote
                      url: http://127.0.0.1:3001/mcp
                      request_timeout_seconds: 5
                    - name: other
                      url: http://127.0.0.1:3002/mcp
                      max_connections: 8
                    - name: browser
                      command: [x]
                      session_processes: 12
                """);
        assertThat(c.approvalWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.defaultEffects()).isEqualTo(Set.of(EffectClass.WRITE));
        assertThat(c.defaultRisk()).isEqualTo(RiskTier.HIGH);
        assertThat(c.pinning()).isEqualTo(PinningMode.TRUST_ON_FIRST_USE);
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.maxSessionsPerAgent()).isEqualTo(100);
        UpstreamEndpoint.Stdio files = (UpstreamEndpoint.Stdio) c.upstreams().get(0).endpoint();
        Path sandbox = dir.resolve("sandbox").toAbsolutePath().normalize();
        assertThat(files.cwd()).contains(sandbox);
        // a relative program path resolves against cwd; arguments stay as written (the process runs in cwd)
        assertThat(files.command()).containsExactly(sandbox.resolve("run.sh").toString(), "server.js", "sandbox");
        assertThat(files.env()).containsEntry("LOG_LEVEL", "debug");
        assertThat(c.upstreams().get(0).prefix()).isEqualTo("fs");
        assertThat(c.upstreams().get(1).prefix()).isEqualTo("remote");
        assertThat(c.upstreams().get(1).requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(((UpstreamEndpoint.Http) c.upstreams().get(1).endpoint()).url().toString()).isEqualTo("http://127.0.0.1:3001/mcp");
        assertThat(((UpstreamEndpoint.Http) c.upstreams().get(1).endpoint()).maxConnections())
                .isEqualTo(UpstreamEndpoint.Http.DEFAULT_MAX_CONNECTIONS);
        assertThat(((UpstreamEndpoint.Http) c.upstreams().get(2).endpoint()).maxConnections()).isEqualTo(8);
        assertThat(files.sessionProcesses()).isZero();
        assertThat(((UpstreamEndpoint.Stdio) c.upstreams().get(3).endpoint()).sessionProcesses()).isEqualTo(12);
    }

    @Test
    void sessionLimits_areRead() throws IOException {
        McpGatewayConfig c = load("mcp:\n  session_idle_timeout_seconds: 120\n  max_sessions_per_agent: 7\n");
        assertThat(c.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.maxSessionsPerAgent()).isEqualTo(7);
    }

    @Test
    void errors_nameFileLineAndKey() throws IOException {
        fails("mcp:\n  approval_wait: 3\n", "warden.yaml:4", "mcp.approval_wait: unknown key");
        fails("mcp:\n  pinning: sometimes\n", "warden.yaml:4", "trust_on_first_use or require_approval");
        fails("mcp:\n  session_idle_timeout_seconds: 5\n", "warden.yaml:4", "mcp.session_idle_timeout_seconds", "60");
        fails("mcp:\n  max_sessions_per_agent: 0\n", "warden.yaml:4", "mcp.max_sessions_per_agent", "1");
        fails("mcp:\n  max_sessions_per_agent: many\n", "warden.yaml:4", "mcp.max_sessions_per_agent");
        fails("mcp:\n  default_tool: {effects: [reed]}\n", "warden.yaml:4", "unknown effect 'reed'");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x], url: http://h/mcp}\n", "warden.yaml:5",
                "exactly one of command");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x]}\n    - {name: b, prefix: a, command: [y]}\n",
                "warden.yaml:6", "duplicate tool prefix 'a'");
        fails("mcp:\n  upstreams:\n    - {name: a.b, command: [x]}\n", "upstream names");
        fails("mcp:\n  upstreams:\n    - {name: a, url: ftp://h/x}\n", "http:// or https://");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x], cwd: nowhere}\n", "does not exist");
        fails("mcp:\n  upstreams:\n    - {name: a, url: http://h/mcp, max_connections: 0}\n", "warden.yaml:5",
                "max_connections");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x], max_connections: 4}\n", "warden.yaml:5",
                "max_connections applies to Streamable HTTP servers (url) only");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x], session_processes: 1001}\n", "warden.yaml:5",
                "session_processes");
        fails("mcp:\n  upstreams:\n    - {name: a, url: http://h/mcp, session_processes: 4}\n", "warden.yaml:5",
                "session_processes apply to stdio servers (command) only");
    }

    @Test
    void missingNodeModules_saysWhichNpmCommandToRun() throws IOException {
        fails("mcp:\n  upstreams:\n    - name: files\n      command: [node, node_modules/@modelcontextprotocol/server-filesystem/dist/index.js]\n",
                "warden.yaml:6", "does not exist", "npm ci --prefix");
    }

    /** A real certificate in PEM: the first one of the JDK's own trust store. */
    private static String somePem() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toFile(),
                (char[]) null);
        byte[] der = cacerts.getCertificate(cacerts.aliases().nextElement()).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void httpsUpstream_trustsTheCaFileItNames_relativeToTheConfigDirectory() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/upstream-ca.pem"), somePem());
        McpGatewayConfig c = load("""
                mcp:
                  upstreams:
                    - name: internal
                      url: https://mcp.internal:8443/mcp
                      tls: {ca_file: certs/upstream-ca.pem}
                    - name: public
                      url: https://mcp.example.com/mcp
                """);
        UpstreamEndpoint.Http internal = (UpstreamEndpoint.Http) c.upstreams().get(0).endpoint();
        assertThat(internal.ca()).hasValueSatisfying(ca -> {
            assertThat(ca.file()).isEqualTo(dir.resolve("certs/upstream-ca.pem").toAbsolutePath().normalize());
            assertThat(ca.certificates()).hasSize(1);
        });
        assertThat(((UpstreamEndpoint.Http) c.upstreams().get(1).endpoint()).ca()).isEmpty();
    }

    @Test
    void caFileErrors_nameFileLineAndKey() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), somePem());
        Files.writeString(dir.resolve("not-a-cert.pem"), "-----BEGIN PRIVATE KEY-----\nMC4CAQA=\n-----END PRIVATE KEY-----\n");
        fails("mcp:\n  upstreams:\n    - {name: a, url: https://h/mcp, tls: {ca_file: missing.pem}}\n", "warden.yaml:5",
                "mcp.upstreams[0].tls.ca_file", "cannot read");
        fails("mcp:\n  upstreams:\n    - {name: a, url: https://h/mcp, tls: {ca_file: not-a-cert.pem}}\n", "warden.yaml:5",
                "mcp.upstreams[0].tls.ca_file", "not-a-cert.pem");
        fails("mcp:\n  upstreams:\n    - {name: a, url: https://h/mcp, tls: {cafile: ca.pem}}\n", "warden.yaml:5",
                "tls.cafile: unknown key");
        fails("mcp:\n  upstreams:\n    - {name: a, url: http://h/mcp, tls: {ca_file: ca.pem}}\n", "warden.yaml:5",
                "tls applies to https:// URLs only");
        fails("mcp:\n  upstreams:\n    - {name: a, command: [x], tls: {ca_file: ca.pem}}\n", "warden.yaml:5",
                "tls applies to Streamable HTTP servers (url) only");
    }
}
