package dev.warden.bench;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.AgentStore;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.ApprovalStore;
import dev.warden.audit.AuditStore;
import dev.warden.policy.cedar.CedarPolicyEngine;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.config.SeedAgent;
import dev.warden.server.config.WardenConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The quickstart configuration (examples/quickstart) as the benchmarks use it. */
final class Quickstart {
    /** The agent every benchmark acts as. */
    static final String AGENT = "support-bot";
    /** System property naming the config directory; by default examples/quickstart is searched upwards from the working directory. */
    static final String CONFIG_PROPERTY = "warden.bench.config";

    private Quickstart() {
    }

    /** The quickstart config directory. */
    static Path configDir() {
        String explicit = System.getProperty(CONFIG_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve("quickstart");
            if (Files.isRegularFile(candidate.resolve("warden.yaml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/quickstart not found above " + Path.of("").toAbsolutePath()
                + "; run from the repository or pass -D" + CONFIG_PROPERTY + "=<config dir>");
    }

    /**
     * A copy of the config directory in {@code dir} whose per-tool rate is lifted far above any load
     * run's rate: the limits guard still runs on every call (its cost is part of the measurement),
     * but the quickstart's 60 calls a minute do not turn the load into denies.
     */
    static Path configForLoad(Path dir) throws java.io.IOException {
        Path source = configDir();
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path yaml = dir.resolve("warden.yaml");
        String text = Files.readString(yaml);
        if (text.contains("rate_per_tool: 60/minute")) {
            Files.writeString(yaml, text.replace("rate_per_tool: 60/minute", "rate_per_tool: 1000000000/second"));
        }
        return dir;
    }

    /** Loads and validates the quickstart configuration. */
    static WardenConfig load() {
        return ConfigLoader.load(configDir());
    }

    /** Loads the Cedar policies of the configuration. */
    static CedarPolicyEngine engine(WardenConfig config) {
        return CedarPolicyEngine.load(config.policies(), config.catalog(), dev.warden.rollback.Rollbacks.CONTEXT_ENTRIES);
    }

    /** An embedded Warden over the given stores, configured like the server does it. */
    static Warden warden(WardenConfig config, CedarPolicyEngine engine, AgentStore agents, ApprovalStore approvals,
                         AuditStore audit) {
        return warden(config, engine, agents, approvals, audit, dev.warden.limits.LimitsConfig.NONE);
    }

    /** Like {@link #warden(WardenConfig, CedarPolicyEngine, AgentStore, ApprovalStore, AuditStore)}, with these limits. */
    static Warden warden(WardenConfig config, CedarPolicyEngine engine, AgentStore agents, ApprovalStore approvals,
                         AuditStore audit, dev.warden.limits.LimitsConfig limits) {
        return Warden.builder()
                .stores(agents, approvals, audit)
                .catalog(config.catalog()).projects(config.projects()).policyEngine(engine)
                .trustDomain(config.trustDomain()).approvalTtl(config.approvalTtl()).breakers(config.breakers())
                .limits(limits)
                .build();
    }

    /** Registers support-bot as the quickstart declares it, at level Senior, with a fresh random public key. */
    static void registerSupportBot(Warden warden, WardenConfig config) {
        SeedAgent s = config.seeds().stream().filter(a -> a.name().equals(AGENT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the config has no agent " + AGENT));
        byte[] publicKey = new byte[32];
        new SecureRandom().nextBytes(publicKey);
        AgentKey key = new AgentKey("bench-1", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
        warden.agents().register(new AgentRegistration(s.name(), s.owner(), s.purpose(), s.capabilities(), s.version(),
                s.configDigest(), s.project(), s.environment(), Optional.of(MaturityLevel.SENIOR), List.of(key)),
                Actor.system("bench"));
    }

    /** Deletes a directory tree, best effort. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("delete " + root + " failed", e);
        }
    }
}
