package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.warden.server.token.SigningKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code warden agent register}: generates an Ed25519 key pair, registers the agent with its
 * public key, and keeps the private key in a new key file (mode 0600).
 */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register an agent with a new Ed25519 key pair.",
                "The private key is written to --key-out (mode 0600; an existing file is never overwritten) "
                        + "and the agent's id is printed."})
public final class AgentRegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique agent name.")
    String name;

    @Option(names = "--owner", required = true, paramLabel = "OWNER", description = "The accountable human, e.g. alice@example.com.")
    String owner;

    @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "What the agent is for.")
    String purpose;

    @Option(names = "--capability", required = true, split = ",", paramLabel = "TOOL",
            description = "A tool the agent may use (catalog name or prefix.*); repeat or separate with commas.")
    List<String> capabilities;

    @Option(names = "--agent-version", required = true, paramLabel = "VERSION", description = "The agent's version.")
    String agentVersion;

    @Option(names = "--config-digest", required = true, paramLabel = "DIGEST",
            description = "Digest of the agent's model, prompt and tool definitions, e.g. sha256:<hex>.")
    String configDigest;

    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "Project (from warden.yaml).")
    String project;

    @Option(names = "--environment", required = true, paramLabel = "ENV", description = "Environment within the project.")
    String environment;

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Starting maturity level: intern, junior, senior or principal (default: the server's, intern).")
    String level;

    @Option(names = "--level-reason", paramLabel = "TEXT",
            description = "Why the agent starts above intern (required with --level junior, senior or principal):"
                    + " the level is granted without the promotion gates, recorded, and flagged until the agent passes them.")
    String levelReason;

    @Option(names = "--key-out", required = true, paramLabel = "FILE", description = "Where to write the new key file.")
    Path keyOut;

    @Option(names = "--json", description = "Print the registered agent as JSON instead of just its id.")
    boolean json;

    @Mixin
    OperatorOptions op;

    @Override
    public Integer call() {
        List<String> caps = new ArrayList<>();
        for (String c : capabilities) {
            if (!c.isBlank()) {
                caps.add(c.trim());
            }
        }
        if (caps.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--capability needs at least one tool name");
        }
        String lvl = level == null ? null : Output.choice(spec, "--level", level, AgentCommand.LEVELS);
        if (Files.exists(keyOut, LinkOption.NOFOLLOW_LINKS)) {
            throw exists();
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            OctetKeyPair key = SigningKey.withThumbprintId(SigningKey.generate(null), name);
            try {
                KeyFile.create(keyOut, name, key, client.baseUrl());
            } catch (FileAlreadyExistsException e) {
                throw exists();
            } catch (IOException e) {
                throw new CliException("cannot write key file " + keyOut + ": " + e.getMessage(), 2);
            }
            JsonNode agent;
            try {
                agent = client.postJson("/v1/agents", token, body(caps, lvl, key));
            } catch (RuntimeException e) {
                deleteQuietly(keyOut);
                throw e;
            }
            if (json) {
                Output.json(spec, agent);
            } else {
                Output.line(spec, agent.path("id").asText());
            }
            Output.note(spec, "registered agent '" + name + "' (level " + agent.path("level").asText("?")
                    + "); its private key is in " + keyOut + " (keep it secret)");
        }
        return 0;
    }

    private ObjectNode body(List<String> caps, String lvl, OctetKeyPair key) {
        ObjectNode body = CliJson.object();
        body.put("name", name);
        body.put("owner", owner);
        body.put("purpose", purpose);
        ArrayNode c = body.putArray("capabilities");
        caps.forEach(c::add);
        body.put("version", agentVersion);
        body.put("config_digest", configDigest);
        body.put("project", project);
        body.put("environment", environment);
        if (lvl != null) {
            body.put("level", lvl);
        }
        if (levelReason != null) {
            body.put("level_reason", levelReason);
        }
        ObjectNode jwk = body.putArray("public_keys").addObject();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", key.getKeyID());
        jwk.put("x", key.getX().toString());
        return body;
    }

    private CliException exists() {
        return new CliException("key file " + keyOut + " already exists; not overwriting it"
                + " (choose another --key-out or move the file away)", 2);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the registration error matters more
        }
    }
}
