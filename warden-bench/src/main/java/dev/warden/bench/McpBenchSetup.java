package dev.warden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What {@link McpProxyRun} stands up: Warden's config, its process (or server), its token and the processes' output. */
final class McpBenchSetup {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * With -Dmcpbench.wardenCpus=LIST, Warden's JVM is started under {@code taskset -c LIST}; with
     * -Dmcpbench.wardenJar=JAR, from another build's benchmarks.jar (A/B runs with one load generator).
     */
    private static final String WARDEN_CPUS = System.getProperty("mcpbench.wardenCpus");
    /**
     * With -Dmcpbench.wardenNice=N, Warden runs at that nice value (all its threads inherit it):
     * a negative one lets Warden's threads run first when they wake, approximating cores of its
     * own on a machine it shares with the load generator and the upstream (needs root).
     */
    private static final String WARDEN_NICE = System.getProperty("mcpbench.wardenNice");
    /** With -Dmcpbench.wardenYaml=TEXT, TEXT is added to Warden's warden.yaml (e.g. an {@code audit:} section). */
    private static final String EXTRA_YAML = System.getProperty("mcpbench.wardenYaml", "");

    private McpBenchSetup() {
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    static ServerOptions options(Path config, Path data) {
        return new ServerOptions(config, data, "127.0.0.1", 0, Optional.of("bench-operator-token-0123456789"),
                java.time.Clock.systemUTC());
    }

    /** The child JVM: starts Warden and prints its URL. */
    static void serve(Path config, Path data) throws Exception {
        WardenServer server = WardenServer.start(options(config, data));
        System.out.println("warden-url " + server.url());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts Warden in a new JVM with the launcher's flags. */
    static Process startWarden(Path config, Path data, List<String> jvmArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar;
        try {
            jar = Path.of(McpProxyRun.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> cmd = new java.util.ArrayList<>();
        if (WARDEN_NICE != null) {
            cmd.addAll(List.of("nice", "-n", WARDEN_NICE));
        }
        if (WARDEN_CPUS != null) {
            cmd.addAll(List.of("taskset", "-c", WARDEN_CPUS));
        }
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("mcpbench.wardenJar", jar), McpProxyRun.class.getName(),
                "--serve", config.toString(), data.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static Path writeConfig(Path dir, int upstreamPort) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects: {bench: [load]}
                tokens: {ttl_seconds: 3600}
                mcp:
                  upstreams:
                    - name: echo
                      url: http://127.0.0.1:%d/mcp
                agents:
                  - {name: bench-bot, owner: bench@example.com, purpose: gateway benchmark, capabilities: ["echo.*"],
                     version: "1", config_digest: "sha256:1", project: bench, environment: load, level: senior, level_reason: benchmark}
                %s
                """.formatted(upstreamPort, EXTRA_YAML));
        Files.writeString(dir.resolve("tools.yaml"), """
                tools:
                  - name: echo.echo
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                """);
        Files.writeString(dir.resolve("policies/echo.cedar"), """
                @id("bench-echo")
                permit(principal == Agent::"bench-bot", action == Action::"echo.echo", resource);
                """);
        return dir;
    }

    static String token(URI server, Path keyFile) throws Exception {
        return token(server, keyFile, "bench-bot");
    }

    /** An access token for {@code agent}, whose seeded key is in {@code keyFile}. */
    static String token(URI server, Path keyFile, String agent) throws Exception {
        JsonNode key = JSON.readTree(Files.readString(keyFile));
        OctetKeyPair jwk = OctetKeyPair.parse(JSON.writeValueAsString(key.required("private_jwk")));
        String issuer;
        try (HttpClient http = HttpClient.newHttpClient()) {
            issuer = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server + "/.well-known/oauth-authorization-server"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).required("issuer").asText();
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(agent).subject(agent)
                .audience(issuer).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(jwk.getKeyID()).build(), claims);
        assertion.sign(new Ed25519Signer(jwk));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion.serialize(), StandardCharsets.UTF_8);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + "/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("token: HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).required("access_token").asText();
        }
    }

    static String awaitLine(Process p, String prefix, boolean echoUpstream) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (prefix.startsWith("warden") && !line.startsWith(prefix)) {
                System.out.println("  [warden] " + line);
            }
            if (line.startsWith(prefix)) {
                boolean echo = prefix.startsWith("warden") || echoUpstream;
                Thread.ofVirtual().start(() -> {
                    try {
                        String l;
                        while ((l = r.readLine()) != null) {
                            if (echo) {
                                System.out.println("  | " + l);
                            }
                        }
                    } catch (IOException e) {
                        // process gone
                    }
                });
                return line;
            }
        }
        throw new IOException(prefix.startsWith("warden") ? "Warden exited before it was ready"
                : "the echo upstream exited before it was ready (is node installed, and npm ci done in warden-mcp/src/test/node?)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
