package dev.warden.server.config;

import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.log.CheckpointPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code audit:} section of {@code warden.yaml} that concerns the verifiable log (the
 * {@code durability} key is read by {@link ConfigLoader}).
 *
 * @param origin          the log's origin: first line of every checkpoint and name of the log key
 * @param checkpoints     when checkpoints are published
 * @param validateOnStart recompute and check the whole stored log before serving (default true)
 * @param siem            continuous export to a SIEM webhook, when configured
 */
public record AuditSettings(String origin, CheckpointPolicy checkpoints, boolean validateOnStart, Optional<Siem> siem) {
    /** Every key the {@code audit:} section accepts. */
    public static final Set<String> KEYS = Set.of("durability", "origin", "checkpoint_every_entries",
            "checkpoint_interval_seconds", "validate_on_start", "siem");
    private static final Set<String> SIEM_KEYS = Set.of("url", "format", "batch_size", "token_env");

    /**
     * Continuous SIEM export.
     *
     * @param url       webhook receiving POSTs of JSON Lines ({@code application/x-ndjson})
     * @param format    {@code ocsf} (default) or {@code jsonl}
     * @param batchSize lines per POST (default 500)
     * @param tokenEnv  name of an environment variable holding a bearer token for the webhook
     */
    public record Siem(URI url, ExportFormat format, int batchSize, Optional<String> tokenEnv) {
    }

    /**
     * Reads the section from {@code <configDir>/warden.yaml}.
     *
     * @throws ConfigException naming file and line of an invalid value
     */
    public static AuditSettings load(Path configDir, String trustDomain) {
        YamlNode root = YamlNode.parse(configDir.resolve("warden.yaml"));
        Optional<YamlNode> audit = root.get("audit");
        audit.ifPresent(a -> a.allowOnly(KEYS));
        String origin = audit.flatMap(a -> a.get("origin")).map(AuditSettings::origin).orElse(trustDomain + "/audit");
        long every = audit.flatMap(a -> a.get("checkpoint_every_entries")).map(n -> n.integer(1, 1_000_000_000))
                .orElse(10_000L);
        long seconds = audit.flatMap(a -> a.get("checkpoint_interval_seconds")).map(n -> n.integer(1, 86_400)).orElse(1L);
        boolean validate = audit.flatMap(a -> a.get("validate_on_start")).map(AuditSettings::bool).orElse(true);
        Optional<Siem> siem = audit.flatMap(a -> a.get("siem")).map(AuditSettings::siem);
        return new AuditSettings(origin, new CheckpointPolicy(every, Duration.ofSeconds(seconds)), validate, siem);
    }

    private static String origin(YamlNode n) {
        String o = n.string();
        if (!o.matches("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}")) {
            throw n.error("an origin is letters, digits and . _ : / - (like example.com/audit)");
        }
        return o;
    }

    private static boolean bool(YamlNode n) {
        return switch (n.text().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw n.error("must be true or false");
        };
    }

    private static Siem siem(YamlNode n) {
        n.allowOnly(SIEM_KEYS);
        YamlNode urlNode = n.require("url");
        URI url;
        try {
            url = URI.create(urlNode.string());
        } catch (IllegalArgumentException e) {
            throw urlNode.error("not a URL");
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw urlNode.error("must be an http(s) URL");
        }
        ExportFormat format = n.get("format").map(f -> {
            try {
                return ExportFormat.parse(f.string());
            } catch (IllegalArgumentException e) {
                throw f.error(e.getMessage());
            }
        }).orElse(ExportFormat.OCSF);
        int batch = (int) n.get("batch_size").map(b -> b.integer(1, 10_000)).orElse(500L).longValue();
        Optional<String> tokenEnv = n.get("token_env").map(YamlNode::string);
        return new Siem(url, format, batch, tokenEnv);
    }
}
