package dev.warden.server.config;

import dev.warden.catalog.EffectClass;
import dev.warden.catalog.RiskTier;
import dev.warden.mcp.McpGatewayConfig;
import dev.warden.mcp.PinningMode;
import dev.warden.mcp.UpstreamCa;
import dev.warden.mcp.UpstreamConfig;
import dev.warden.mcp.UpstreamEndpoint;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the {@code mcp:} section of {@code warden.yaml} (the MCP gateway), with file:line errors.
 *
 * <pre>
 * mcp:
 *   approval_wait_seconds: 30
 *   default_tool: {effects: [write], risk: high}
 *   pinning: trust_on_first_use          # or require_approval
 *   session_idle_timeout_seconds: 1800   # 60..86400
 *   max_sessions_per_agent: 100          # 1..10000
 *   upstreams:
 *     - name: files
 *       prefix: fs                        # default: the name
 *       command: [node, node_modules/@modelcontextprotocol/server-filesystem/dist/index.js, sandbox]
 *       cwd: .                            # default: the config directory
 *       env: {LOG_LEVEL: info}
 *       request_timeout_seconds: 60
 *       session_processes: 0              # stdio only: 1..1000 = a process per agent session, at most that many
 *     - name: remote
 *       url: http://127.0.0.1:3001/mcp    # Streamable HTTP
 *       max_connections: 64               # HTTP only: open connections to it at most
 *     - name: internal
 *       url: https://mcp.internal:8443/mcp
 *       tls: {ca_file: certs/ca.pem}      # https only: PEM certificates trusted instead of the JVM's trust store
 * </pre>
 * Relative {@code cwd} resolves against the config directory, and a stdio server runs there, so
 * relative paths in {@code command} do too. A {@code command} argument inside {@code node_modules}
 * that does not exist is reported with the {@code npm ci} to run. A relative {@code ca_file} resolves
 * against the config directory too.
 */
final class McpConfigLoader {
    private static final Set<String> KEYS = Set.of("approval_wait_seconds", "default_tool", "pinning",
            "session_idle_timeout_seconds", "max_sessions_per_agent", "upstreams");
    private static final Set<String> UPSTREAM_KEYS = Set.of("name", "prefix", "command", "url", "cwd", "env",
            "request_timeout_seconds", "max_connections", "session_processes", "tls");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,62}";

    private McpConfigLoader() {
    }

    static McpGatewayConfig mcp(YamlNode node, Path configDir) {
        node.allowOnly(KEYS);
        Duration wait = Duration.ofSeconds(node.get("approval_wait_seconds").map(n -> n.integer(0, 3600)).orElse(30L));
        Set<EffectClass> effects = Set.of(EffectClass.WRITE);
        RiskTier risk = RiskTier.HIGH;
        Optional<YamlNode> dt = node.get("default_tool");
        if (dt.isPresent()) {
            dt.get().allowOnly(Set.of("effects", "risk"));
            if (dt.get().get("effects").isPresent()) {
                Set<EffectClass> parsed = new LinkedHashSet<>();
                for (YamlNode e : dt.get().require("effects").items()) {
                    try {
                        parsed.add(EffectClass.parse(e.string()));
                    } catch (IllegalArgumentException ex) {
                        throw e.error(ex.getMessage());
                    }
                }
                if (parsed.isEmpty()) {
                    throw dt.get().require("effects").error("list at least one effect");
                }
                effects = parsed;
            }
            if (dt.get().get("risk").isPresent()) {
                YamlNode r = dt.get().require("risk");
                try {
                    risk = RiskTier.parse(r.string());
                } catch (IllegalArgumentException ex) {
                    throw r.error(ex.getMessage());
                }
            }
        }
        PinningMode pinning = PinningMode.TRUST_ON_FIRST_USE;
        if (node.get("pinning").isPresent()) {
            YamlNode p = node.require("pinning");
            try {
                pinning = PinningMode.parse(p.string());
            } catch (IllegalArgumentException ex) {
                throw p.error(ex.getMessage());
            }
        }
        Duration idle = node.get("session_idle_timeout_seconds").map(n -> Duration.ofSeconds(n.integer(60, 86_400)))
                .orElse(McpGatewayConfig.DEFAULT_SESSION_IDLE_TIMEOUT);
        int maxSessions = node.get("max_sessions_per_agent").map(n -> (int) n.integer(1, 10_000))
                .orElse(McpGatewayConfig.DEFAULT_MAX_SESSIONS_PER_AGENT);
        List<UpstreamConfig> upstreams = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (YamlNode u : node.get("upstreams").map(YamlNode::items).orElse(List.of())) {
            UpstreamConfig c = upstream(u, configDir);
            if (!names.add(c.name())) {
                throw u.require("name").error("duplicate upstream name '" + c.name() + "'");
            }
            if (!prefixes.add(c.prefix())) {
                throw u.get("prefix").orElse(u.require("name")).error("duplicate tool prefix '" + c.prefix() + "'");
            }
            upstreams.add(c);
        }
        return new McpGatewayConfig(wait, effects, risk, pinning, idle, maxSessions, upstreams);
    }

    private static UpstreamConfig upstream(YamlNode u, Path configDir) {
        u.allowOnly(UPSTREAM_KEYS);
        YamlNode nameNode = u.require("name");
        String name = nameNode.string();
        if (!name.matches(NAME)) {
            throw nameNode.error("upstream names are letters, digits, '-' and '_'");
        }
        String prefix = name;
        if (u.get("prefix").isPresent()) {
            YamlNode p = u.require("prefix");
            prefix = p.string();
            if (!prefix.matches(NAME)) {
                throw p.error("prefixes are letters, digits, '-' and '_' (no dots)");
            }
        }
        Duration timeout = u.get("request_timeout_seconds").map(n -> Duration.ofSeconds(n.integer(1, 3600)))
                .orElse(UpstreamConfig.DEFAULT_TIMEOUT);
        boolean hasCommand = u.get("command").isPresent();
        boolean hasUrl = u.get("url").isPresent();
        if (hasCommand == hasUrl) {
            throw u.error("give exactly one of command (a stdio server) or url (a Streamable HTTP server)");
        }
        UpstreamEndpoint endpoint;
        if (hasUrl) {
            if (u.get("cwd").isPresent() || u.get("env").isPresent() || u.get("session_processes").isPresent()) {
                throw u.error("cwd, env and session_processes apply to stdio servers (command) only");
            }
            YamlNode urlNode = u.require("url");
            int maxConnections = u.get("max_connections").map(n -> (int) n.integer(1, 1024))
                    .orElse(UpstreamEndpoint.Http.DEFAULT_MAX_CONNECTIONS);
            URI url = url(urlNode);
            Optional<UpstreamCa> ca = Optional.empty();
            if (u.get("tls").isPresent()) {
                YamlNode tls = u.require("tls");
                if (!"https".equals(url.getScheme())) {
                    throw tls.error("tls applies to https:// URLs only");
                }
                tls.allowOnly(Set.of("ca_file"));
                YamlNode file = tls.require("ca_file");
                try {
                    ca = Optional.of(UpstreamCa.read(configDir.toAbsolutePath().normalize().resolve(path(file)).normalize()));
                } catch (IllegalArgumentException e) {
                    throw file.error(e.getMessage());
                }
            }
            endpoint = new UpstreamEndpoint.Http(url, maxConnections, ca);
        } else {
            if (u.get("max_connections").isPresent()) {
                throw u.require("max_connections").error("max_connections applies to Streamable HTTP servers (url) only");
            }
            if (u.get("tls").isPresent()) {
                throw u.require("tls").error("tls applies to Streamable HTTP servers (url) only");
            }
            Path cwd = configDir.toAbsolutePath().normalize();
            if (u.get("cwd").isPresent()) {
                YamlNode c = u.require("cwd");
                cwd = cwd.resolve(path(c)).normalize();
                if (!Files.isDirectory(cwd)) {
                    throw c.error("directory " + cwd + " does not exist");
                }
            }
            YamlNode commandNode = u.require("command");
            List<String> command = commandNode.strings();
            if (command.isEmpty()) {
                throw commandNode.error("give the program and its arguments, e.g. [node, server.js]");
            }
            List<YamlNode> parts = commandNode.items();
            parts.forEach(McpConfigLoader::path);
            for (int i = 0; i < command.size(); i++) {
                String arg = command.get(i);
                if (arg.contains("node_modules") && !Path.of(arg).isAbsolute() && !Files.exists(cwd.resolve(arg))) {
                    throw parts.get(i).error(arg + " does not exist in " + cwd + ": install the upstream servers first with"
                            + " `npm ci --prefix " + configDir + "`");
                }
            }
            String program = command.getFirst();
            if (program.contains("/") && !Path.of(program).isAbsolute()) {
                command = new ArrayList<>(command);
                command.set(0, cwd.resolve(program).normalize().toString());
            }
            Map<String, String> env = new LinkedHashMap<>();
            if (u.get("env").isPresent()) {
                YamlNode e = u.require("env");
                for (String key : e.keys()) {
                    if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw e.error("'" + key + "' is not an environment variable name");
                    }
                    env.put(key, e.require(key).text());
                }
            }
            int sessionProcesses = u.get("session_processes").map(n -> (int) n.integer(0, 1000)).orElse(0);
            endpoint = new UpstreamEndpoint.Stdio(command, Optional.of(cwd), env, sessionProcesses);
        }
        return new UpstreamConfig(name, prefix, endpoint, timeout);
    }

    /** A scalar that must be usable as a file path (no NUL character). */
    private static Path path(YamlNode node) {
        try {
            return Path.of(node.string());
        } catch (InvalidPathException e) {
            throw node.error("not a file path: " + e.getReason());
        }
    }

    private static URI url(YamlNode node) {
        try {
            URI uri = new URI(node.string());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw node.error("must be an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.error("not a URL: " + e.getMessage());
        }
    }
}
