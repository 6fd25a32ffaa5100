package dev.warden.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.api.v1.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A real Warden server on a free loopback port with the quickstart config, plus HTTP helpers. */
final class TestServer implements AutoCloseable {
    static final String ADMIN = "test-operator-token-0123456789";
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    final WardenServer server;
    final Path data;
    final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A copy of the quickstart config without its {@code limits:} section and with a behaviour
     * baseline that keeps learning, in {@code dir}: for tests that make many more calls than the
     * quickstart's limits allow and test something else.
     */
    static Path quickstartWithoutLimits(Path dir) throws IOException {
        quickstartCopy(dir);
        Path yaml = dir.resolve("warden.yaml");
        String text = Files.readString(yaml);
        int limits = text.indexOf("\nlimits:");
        if (limits < 0) {
            throw new IllegalStateException("the quickstart has no limits: section");
        }
        int comment = text.lastIndexOf("\n\n", limits);
        // a baseline that counted within the run would have new tools re-verified (approval_required), and
        // a demotion by an incident the run's own attacks raise would change the level its checks expect
        Files.writeString(yaml, text.substring(0, comment + 1) + "\nbehavior:\n  learning: {days: 30, operations: 100000000}\n"
                + "maturity:\n  demotion: {critical_incident: none, minor_incidents: 0}\n");
        return dir;
    }

    /** The 1-based number of the last line of {@code yaml} that contains {@code needle}. */
    static int lineOf(Path yaml, String needle) throws IOException {
        List<String> lines = Files.readAllLines(yaml);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in " + yaml.getFileName());
    }

    /** A copy of the quickstart config in {@code dir} (made when missing). */
    static Path quickstartCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> files = Files.walk(QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    TestServer(Path data, Clock clock) throws IOException {
        this(QUICKSTART, data, clock);
    }

    TestServer(Path config, Path data, Clock clock) throws IOException {
        this(config, data, clock, dev.warden.scan.ContentDetectors.defaults());
    }

    /** A server whose data governance runs {@code detectors} instead of the shipped ones. */
    TestServer(Path config, Path data, Clock clock, List<dev.warden.scan.ContentDetector> detectors) throws IOException {
        this.data = data;
        this.clock = clock;
        this.server = WardenServer.start(new ServerOptions(config, data, "127.0.0.1", 0, Optional.of(ADMIN), clock, detectors));
    }

    /** An HTTP response with its parsed JSON body. */
    record Reply(int status, Map<String, Object> json, String body) {
        Object get(String key) {
            return json.get(key);
        }
    }

    Reply post(String path, String token, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    /** A GET answered as text, unparsed (an audit listing may nest deeper than a request may). */
    HttpResponse<String> getText(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST answered as text, unparsed (an approval's arguments may nest deeper than a request may). */
    HttpResponse<String> postText(String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Reply send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = r.body().startsWith("{") ? Json.parseObject(r.body()) : Map.of();
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** The private JWK of a seeded agent, from its key file. */
    OctetKeyPair seededKey(String agent) throws Exception {
        Map<String, Object> file = Json.parseObject(Files.readString(data.resolve("keys").resolve(agent + ".json")));
        return OctetKeyPair.parse(Json.write(file.get("private_jwk")));
    }

    /** A client assertion signed with {@code key}, valid for 60 s from the server clock. */
    String assertion(String agent, OctetKeyPair key, String audience, Instant exp, String jti) throws JOSEException {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(agent).subject(agent).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(exp)).jwtID(jti).build();
        return assertion(key, claims);
    }

    /** A client assertion of the given claims signed with {@code key}. */
    static String assertion(OctetKeyPair key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new Ed25519Signer(key));
        return jwt.serialize();
    }

    String assertion(String agent, OctetKeyPair key) throws JOSEException {
        return assertion(agent, key, server.config().issuer(), clock.instant().plusSeconds(60), UUID.randomUUID().toString());
    }

    Reply tokenRequest(String assertion) {
        return tokenRequest(assertion, null);
    }

    /** A token request that renews: it names the token it follows ({@code previous_token}) when not null. */
    Reply tokenRequest(String assertion, String previousToken) {
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8)
                + (previousToken == null ? "" : "&previous_token=" + URLEncoder.encode(previousToken, StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/v1/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
    }

    /** A fresh access token for a seeded agent. */
    String token(String agent) throws Exception {
        Reply r = tokenRequest(assertion(agent, seededKey(agent)));
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r.body());
        }
        return (String) r.get("access_token");
    }

    /** Polls the approval queue for a pending approval of {@code action}; its id. */
    String pendingApproval(String action, Duration max) throws InterruptedException {
        return pendingApproval(action, null, max);
    }

    /** The id of a pending approval for this action asked for by this agent (any agent when null). */
    String pendingApproval(String action, String agent, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> a : pendingApprovals()) {
                if (action.equals(a.get("action")) && (agent == null || agent.equals(a.get("agent")))) {
                    return (String) a.get("approval_id");
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pending approval for " + action);
    }

    /** The approvals pending now, as the operator API lists them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> pendingApprovals() {
        return (List<Map<String, Object>>) get("/v1/approvals?state=pending", ADMIN).get("approvals");
    }

    Reply decide(String token, String body) {
        return post("/v1/decisions", token, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
