package dev.warden.server;

import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.warden.Actor;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.AgentRegistry;
import dev.warden.server.api.v1.Json;
import dev.warden.server.config.SeedAgent;
import dev.warden.server.token.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the configuration's seed agents at first start, generating each one's Ed25519 key
 * pair and writing it to {@code <data-dir>/keys/<name>.json} (mode 0600) in the key-file format
 * the CLI reads: {@code {"agent", "kid", "private_jwk", "warden_url"}}.
 */
final class SeedKeys {
    private SeedKeys() {
    }

    static void registerMissing(List<SeedAgent> seeds, AgentRegistry registry, Path keysDir, String url) throws IOException {
        for (SeedAgent s : seeds) {
            if (registry.find(s.name()).isPresent()) {
                // a seed whose version or configuration digest changed in warden.yaml is re-verified
                registry.changeIdentity(s.name(), s.version(), s.configDigest(), Actor.system("config"), "warden.yaml changed");
                continue;
            }
            OctetKeyPair key = SigningKey.withThumbprintId(SigningKey.generate(null), s.name());
            writeKeyFile(keysDir.resolve(s.name() + ".json"), s.name(), key, url);
            registry.register(new AgentRegistration(s.name(), s.owner(), s.purpose(), s.capabilities(), s.version(),
                    s.configDigest(), s.project(), s.environment(), Optional.of(s.level()),
                    List.of(new AgentKey(key.getKeyID(), key.getX().toString()))), Actor.system("config"), s.levelReason());
        }
    }

    /** Writes an agent key file. */
    static void writeKeyFile(Path file, String agent, OctetKeyPair key, String url) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", agent);
        m.put("kid", key.getKeyID());
        m.put("private_jwk", key.toJSONObject());
        m.put("warden_url", url);
        SigningKey.writePrivate(file, Json.write(m) + "\n");
    }
}
