package dev.warden.server.config;

import com.nimbusds.jose.JWSAlgorithm;
import dev.warden.server.oidc.OidcClient;
import dev.warden.server.oidc.OidcSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code operators:} section of {@code warden.yaml}: optional OpenID Connect sign-in.
 *
 * <pre>
 * operators:
 *   oidc:
 *     issuer: https://idp.example          # https only; http only to localhost / 127.0.0.1
 *     audience: warden                     # the client id the ID tokens are issued to
 *     jwks_uri: https://idp.example/keys   # optional: else discovered from the issuer
 *     claim: email                         # the claim naming the operator (default sub)
 *     clock_skew_seconds: 60               # 0..300
 *     algorithms: [RS256, ES256, EdDSA]    # RS/PS/ES 256..512 and EdDSA; never HS* or none
 *     jwks_cache_seconds: 600              # 60..86400
 *     jwks_refetch_seconds: 30             # least time between two key fetches, 1..3600
 *     # the console's sign-in (authorization code with PKCE); the client id is the audience
 *     client_secret_env: WARDEN_OIDC_CLIENT_SECRET  # or client_secret_file: secrets/oidc.secret; none: a public client
 *     scopes: [email, profile]             # asked for besides openid
 *     redirect_uri: https://warden.example/console/oidc/callback  # default: http.public_url or the request's origin
 *     display_name: Example SSO            # on the sign-in button (default: the issuer's host)
 * </pre>
 */
public final class OperatorsConfigLoader {
    /** The key of the section. */
    public static final String SECTION = "operators";
    private static final Set<String> KEYS = Set.of("oidc");
    private static final Set<String> OIDC_KEYS = Set.of("issuer", "audience", "jwks_uri", "claim", "clock_skew_seconds",
            "algorithms", "jwks_cache_seconds", "jwks_refetch_seconds", "client_secret_env", "client_secret_file", "scopes",
            "redirect_uri", "display_name");

    private OperatorsConfigLoader() {
    }

    /**
     * Reads the OIDC settings of {@code <configDir>/warden.yaml}; empty when there are none.
     *
     * @throws ConfigException naming the line of a bad value
     */
    public static Optional<OidcSettings> oidc(Path configDir) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        section.get().allowOnly(KEYS);
        return section.get().get("oidc").map(OperatorsConfigLoader::oidc);
    }

    /**
     * Reads how the console signs in at the OIDC issuer of {@code <configDir>/warden.yaml}; empty when
     * there is no {@code operators.oidc}. The client secret is read here, from the environment
     * ({@code client_secret_env}) or a file relative to the config directory ({@code client_secret_file}).
     *
     * @param env reads an environment variable ({@code System::getenv} in the server)
     * @throws ConfigException naming the line of a bad value
     */
    public static Optional<OidcClient> client(Path configDir, UnaryOperator<String> env) {
        Optional<YamlNode> section = YamlNode.parse(configDir.resolve("warden.yaml")).get(SECTION);
        if (section.isEmpty() || section.get().get("oidc").isEmpty()) {
            return Optional.empty();
        }
        YamlNode n = section.get().require("oidc");
        OidcSettings settings = oidc(n);
        Optional<String> secret = secret(n, configDir, env);
        List<String> scopes = n.get("scopes").map(OperatorsConfigLoader::scopes).orElse(List.of());
        Optional<URI> redirect = n.get("redirect_uri").map(r -> {
            URI uri = uri(r);
            if (!OidcClient.CALLBACK_PATH.equals(uri.getPath())) {
                throw r.error("must end in " + OidcClient.CALLBACK_PATH + " (the console's callback)");
            }
            return uri;
        });
        String display = n.get("display_name").map(d -> {
            String v = d.string().strip();
            if (v.isEmpty() || v.length() > 64 || v.chars().anyMatch(Character::isISOControl)) {
                throw d.error("1 to 64 characters, no control characters");
            }
            return v;
        }).orElse(settings.issuer().getHost());
        return Optional.of(new OidcClient(settings.audience(), secret, scopes, redirect, display));
    }

    private static Optional<String> secret(YamlNode n, Path configDir, UnaryOperator<String> env) {
        Optional<YamlNode> envNode = n.get("client_secret_env");
        Optional<YamlNode> fileNode = n.get("client_secret_file");
        if (envNode.isPresent() && fileNode.isPresent()) {
            throw fileNode.get().error("give client_secret_env or client_secret_file, not both");
        }
        if (envNode.isPresent()) {
            String var = envNode.get().string();
            if (!var.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw envNode.get().error("not an environment variable name");
            }
            String value = env.apply(var);
            if (value == null || value.isBlank()) {
                throw envNode.get().error("environment variable " + var + " is not set (it holds the OIDC client secret)");
            }
            return Optional.of(value.strip());
        }
        if (fileNode.isPresent()) {
            Path file;
            try {
                file = configDir.resolve(fileNode.get().string());
            } catch (InvalidPathException e) {
                throw fileNode.get().error("not a file path");
            }
            String value;
            try {
                value = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw fileNode.get().error("cannot read the secret file " + file + ": " + e.getClass().getSimpleName());
            }
            if (value.isEmpty()) {
                throw fileNode.get().error("the secret file " + file + " is empty");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static List<String> scopes(YamlNode n) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : n.items()) {
            if (!OidcClient.SCOPE.matcher(item.string()).matches()) {
                throw item.error("a scope: 1 to 64 printable characters without spaces, quotes or backslashes");
            }
            out.add(item.string());
        }
        if (out.size() > 20) {
            throw n.error("at most 20 scopes");
        }
        return out;
    }

    private static OidcSettings oidc(YamlNode n) {
        n.allowOnly(OIDC_KEYS);
        URI issuer = uri(n.require("issuer"));
        String audience = n.require("audience").string();
        if (audience.isBlank()) {
            throw n.require("audience").error("must not be empty");
        }
        Optional<URI> jwks = n.get("jwks_uri").map(OperatorsConfigLoader::uri);
        String claim = n.get("claim").map(c -> {
            if (!c.string().matches("[A-Za-z_][A-Za-z0-9_.:-]{0,63}")) {
                throw c.error("a claim name: letters, digits and _ . : - (up to 64)");
            }
            return c.string();
        }).orElse(OidcSettings.DEFAULT_CLAIM);
        Duration skew = n.get("clock_skew_seconds").map(s -> Duration.ofSeconds(s.integer(0, 300)))
                .orElse(OidcSettings.DEFAULT_SKEW);
        List<JWSAlgorithm> algorithms = n.get("algorithms").map(OperatorsConfigLoader::algorithms)
                .orElse(OidcSettings.DEFAULT_ALGORITHMS);
        Duration cache = n.get("jwks_cache_seconds").map(s -> Duration.ofSeconds(s.integer(60, 86_400)))
                .orElse(OidcSettings.DEFAULT_CACHE);
        Duration refetch = n.get("jwks_refetch_seconds").map(s -> Duration.ofSeconds(s.integer(1, 3600)))
                .orElse(OidcSettings.DEFAULT_REFETCH);
        return new OidcSettings(issuer, audience, jwks, claim, skew, algorithms, cache, refetch);
    }

    private static URI uri(YamlNode n) {
        URI uri;
        try {
            uri = new URI(n.string());
        } catch (URISyntaxException e) {
            throw n.error("not a URL: " + e.getReason());
        }
        OidcSettings.uriProblem(uri).ifPresent(p -> {
            throw n.error(p);
        });
        return uri;
    }

    private static List<JWSAlgorithm> algorithms(YamlNode n) {
        List<JWSAlgorithm> out = new ArrayList<>();
        List<YamlNode> items = n.items();
        if (items.isEmpty()) {
            throw n.error("list at least one algorithm");
        }
        for (YamlNode item : items) {
            JWSAlgorithm alg = JWSAlgorithm.parse(item.string());
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                throw item.error(alg + " is never accepted: HMAC would take the issuer's public key as a shared secret");
            }
            if (!OidcSettings.SUPPORTED.contains(alg)) {
                throw item.error("one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA");
            }
            if (!out.contains(alg)) {
                out.add(alg);
            }
        }
        return out;
    }
}
