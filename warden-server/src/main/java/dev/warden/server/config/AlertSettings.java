package dev.warden.server.config;

import dev.warden.agent.Projects;
import dev.warden.alert.AlertSeverity;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code alerts:} section of {@code warden.yaml}: webhook channels, who receives what
 * (routes), the channel that carries owner notifications and the coalescing window.
 *
 * @param channels     channels by name
 * @param routes       routes in file order; every matching route adds its recipients
 * @param ownerChannel the channel that carries copies routed to {@code owner} (the agent's owner)
 * @param coalesce     the window in which repeats of an open alert are folded into it
 */
public record AlertSettings(Map<String, Channel> channels, List<Route> routes, Optional<String> ownerChannel,
                           Duration coalesce) {
    /** Every key the {@code alerts:} section accepts. */
    public static final Set<String> KEYS = Set.of("channels", "routes", "owner_channel", "coalesce_seconds");
    private static final Set<String> CHANNEL_KEYS = Set.of("url", "format", "secret_env", "secret_file");
    private static final Set<String> ROUTE_KEYS = Set.of("project", "min_severity", "kinds", "to");
    /** The recipient in a route's {@code to} that means the agent's owner. */
    public static final String OWNER = "owner";

    /** No channels, no routes: alerts are recorded and listed only. */
    public static final AlertSettings NONE = new AlertSettings(Map.of(), List.of(), Optional.empty(),
            dev.warden.alert.AlertService.DEFAULT_COALESCE);

    /** Copies. */
    public AlertSettings {
        channels = Map.copyOf(channels);
        routes = List.copyOf(routes);
        Objects.requireNonNull(ownerChannel, "ownerChannel");
        Objects.requireNonNull(coalesce, "coalesce");
    }

    /** How a channel's body is shaped. */
    public enum Format {
        /** The alert record as JSON. */
        GENERIC,
        /** A Slack incoming-webhook message ({@code text} and {@code blocks}). */
        SLACK
    }

    /**
     * A webhook channel.
     *
     * @param name   its name in the config
     * @param url    where alerts are POSTed (http or https)
     * @param format the body's shape
     * @param secret the HMAC-SHA256 key bodies are signed with; never logged or recorded
     */
    public record Channel(String name, URI url, Format format, Optional<Secret> secret) {
        /** Never shows the URL (a Slack webhook URL is itself a credential) nor the secret. */
        @Override
        public String toString() {
            return "Channel[" + name + ", " + format.name().toLowerCase(java.util.Locale.ROOT) + "]";
        }
    }

    /** A signing secret; {@link #toString} hides it. */
    public static final class Secret {
        private final byte[] key;

        /** Wraps the key bytes. */
        public Secret(byte[] key) {
            this.key = key.clone();
        }

        /** The key bytes (a copy). */
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "Secret[hidden]";
        }
    }

    /**
     * A route: alerts that match go to {@code to}.
     *
     * @param project     only alerts of this project (any when empty)
     * @param minSeverity only alerts at least this severe
     * @param kinds       only alerts of these kinds (any when empty)
     * @param to          channel names, or {@link #OWNER}
     */
    public record Route(Optional<String> project, AlertSeverity minSeverity, Set<String> kinds, List<String> to) {
        /** Copies. */
        public Route {
            kinds = Set.copyOf(kinds);
            to = List.copyOf(to);
        }
    }

    /**
     * Reads the section from {@code <configDir>/warden.yaml}.
     *
     * @param env reads an environment variable ({@code System::getenv} in the server)
     * @throws ConfigException naming file and line of an invalid value
     */
    public static AlertSettings load(Path configDir, Projects projects, UnaryOperator<String> env) {
        YamlNode root = YamlNode.parse(configDir.resolve("warden.yaml"));
        Optional<YamlNode> section = root.get("alerts");
        if (section.isEmpty()) {
            return NONE;
        }
        YamlNode alerts = section.get();
        alerts.allowOnly(KEYS);
        Map<String, Channel> channels = new LinkedHashMap<>();
        alerts.get("channels").ifPresent(cs -> {
            for (String name : cs.keys()) {
                YamlNode c = cs.require(name);
                if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
                    throw c.error("channel names are lower-case letters, digits, '-' and '_'");
                }
                if (name.equals(OWNER)) {
                    throw c.error("'owner' is reserved: it means the agent's owner in a route's 'to'");
                }
                channels.put(name, channel(name, c, configDir, env));
            }
        });
        Optional<String> ownerChannel = alerts.get("owner_channel").map(n -> {
            if (!channels.containsKey(n.string())) {
                throw n.error("'" + n.string() + "' is not a channel under alerts.channels");
            }
            return n.string();
        });
        List<Route> routes = new ArrayList<>();
        alerts.get("routes").ifPresent(rs -> {
            for (YamlNode r : rs.items()) {
                routes.add(route(r, projects, channels.keySet(), ownerChannel));
            }
        });
        Duration coalesce = Duration.ofSeconds(alerts.get("coalesce_seconds").map(n -> n.integer(0, 86_400))
                .orElse(dev.warden.alert.AlertService.DEFAULT_COALESCE.toSeconds()));
        return new AlertSettings(channels, routes, ownerChannel, coalesce);
    }

    private static Channel channel(String name, YamlNode c, Path configDir, UnaryOperator<String> env) {
        c.allowOnly(CHANNEL_KEYS);
        YamlNode urlNode = c.require("url");
        URI url;
        try {
            url = URI.create(urlNode.string().trim());
        } catch (IllegalArgumentException e) {
            throw urlNode.error("not a URL");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                || url.getHost().isBlank() || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw urlNode.error("must be an http or https URL with a host (no user:password@, no #fragment)");
        }
        Format format = c.get("format").map(f -> switch (f.string()) {
            case "generic" -> Format.GENERIC;
            case "slack" -> Format.SLACK;
            default -> throw f.error("must be generic or slack");
        }).orElse(Format.GENERIC);
        Optional<YamlNode> envNode = c.get("secret_env");
        Optional<YamlNode> fileNode = c.get("secret_file");
        if (envNode.isPresent() && fileNode.isPresent()) {
            throw fileNode.get().error("give secret_env or secret_file, not both");
        }
        Optional<Secret> secret = Optional.empty();
        if (envNode.isPresent()) {
            String var = envNode.get().string();
            if (!var.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw envNode.get().error("not an environment variable name");
            }
            String value = env.apply(var);
            if (value == null || value.isBlank()) {
                throw envNode.get().error("environment variable " + var + " is not set (it holds channel " + name + "'s secret)");
            }
            secret = Optional.of(new Secret(value.strip().getBytes(StandardCharsets.UTF_8)));
        } else if (fileNode.isPresent()) {
            String value;
            Path file;
            try {
                file = configDir.resolve(fileNode.get().string());
            } catch (java.nio.file.InvalidPathException e) {
                throw fileNode.get().error("not a file path");
            }
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw fileNode.get().error("cannot read the secret file " + file + ": " + e.getClass().getSimpleName());
            }
            if (value.isEmpty()) {
                throw fileNode.get().error("the secret file " + file + " is empty");
            }
            secret = Optional.of(new Secret(value.getBytes(StandardCharsets.UTF_8)));
        }
        return new Channel(name, url, format, secret);
    }

    private static Route route(YamlNode r, Projects projects, Set<String> channels, Optional<String> ownerChannel) {
        r.allowOnly(ROUTE_KEYS);
        Optional<String> project = r.get("project").map(p -> {
            if (!projects.containsProject(p.string())) {
                throw p.error("'" + p.string() + "' is not a project under projects");
            }
            return p.string();
        });
        AlertSeverity min = r.get("min_severity").map(s -> {
            try {
                return AlertSeverity.parse(s.string());
            } catch (IllegalArgumentException e) {
                throw s.error("min_severity must be info, warning or critical");
            }
        }).orElse(AlertSeverity.INFO);
        Set<String> kinds = new LinkedHashSet<>();
        r.get("kinds").ifPresent(k -> {
            for (YamlNode item : k.items()) {
                if (!item.string().matches("[a-z0-9_]+(\\.[a-z0-9_]+)*")) {
                    throw item.error("an alert kind is dotted lower-case words, like limit.exceeded");
                }
                kinds.add(item.string());
            }
        });
        YamlNode toNode = r.require("to");
        List<String> to = new ArrayList<>();
        for (YamlNode t : toNode.items()) {
            String name = t.string();
            if (name.equals(OWNER)) {
                if (ownerChannel.isEmpty()) {
                    throw t.error("'owner' needs alerts.owner_channel: the channel that carries owner notifications");
                }
            } else if (!channels.contains(name)) {
                throw t.error("unknown channel '" + name + "' (channels: " + String.join(", ", new java.util.TreeSet<>(channels))
                        + "; or owner)");
            }
            to.add(name);
        }
        if (to.isEmpty()) {
            throw toNode.error("list at least one channel (or owner)");
        }
        return new Route(project, min, kinds, to);
    }
}
