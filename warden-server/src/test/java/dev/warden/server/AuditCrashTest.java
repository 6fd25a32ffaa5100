package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.ChainVerification;
import dev.warden.audit.ChainVerifier;
import dev.warden.server.api.v1.Json;
import dev.warden.store.jdbc.JdbcStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during a decision load: every decision the server acknowledged must be in the audit log
 * afterwards, the hash chain must verify, and the server must restart on the same data and go on.
 */
class AuditCrashTest {
    @TempDir
    Path data;

    @Test
    void sigkillDuringLoad_noAcknowledgedDecisionLost() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ServerProcess.class.getName(),
                TestServer.QUICKSTART.toString(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            int port = readPort(child);
            String base = "http://127.0.0.1:" + port;
            String token = tokenFor(base);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                load.add(Thread.ofVirtual().start(() -> drive(base, token, n, stop, acknowledged)));
            }
            Thread.sleep(2_000);
            assertThat(acknowledged).as("load must be running when the process is killed").hasSizeGreaterThan(50);
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread t : load) {
                t.join(5_000);
            }
        } finally {
            child.destroyForcibly();
        }

        long stored;
        try (JdbcStores stores = JdbcStores.openSqlite(data.resolve("warden.db"))) {
            for (String id : acknowledged) {
                assertThat(stores.audit().findDecision(id)).as("acknowledged decision %s is in the log", id).isPresent();
            }
            ChainVerifier verifier = new ChainVerifier(AuditHead.EMPTY);
            long after = 0;
            List<AuditRecord> page;
            while (!(page = stores.audit().read(new AuditQuery(after, 1000, Optional.empty(), Optional.empty()))).isEmpty()) {
                page.forEach(verifier::accept);
                after = page.getLast().seq();
            }
            assertThat(verifier.result()).isInstanceOf(ChainVerification.Intact.class);
            stored = ((ChainVerification.Intact) verifier.result()).count();
        }
        try (TestServer again = new TestServer(data, Clock.systemUTC())) {
            assertThat(again.decide(again.token("support-bot"), "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}")
                    .get("decision")).isEqualTo("allow");
            assertThat(again.server.warden().auditStore().head().seq()).isGreaterThan(stored);
        }
    }

    private static void drive(String base, String token, int n, AtomicBoolean stop, Set<String> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String body = n % 2 == 0 ? "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + n + "\"}}"
                : "{\"action\":\"customer.delete\",\"args\":{\"customer_id\":\"c-" + n + "\"}}";
        while (!stop.get()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/decisions"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    acknowledged.add((String) Json.parseObject(r.body()).get("decision_id"));
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private static int readPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("server process did not start");
    }

    private String tokenFor(String base) throws Exception {
        Map<String, Object> file = Json.parseObject(java.nio.file.Files.readString(data.resolve("keys").resolve("support-bot.json")));
        var key = com.nimbusds.jose.jwk.OctetKeyPair.parse(Json.write(file.get("private_jwk")));
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("support-bot").subject("support-bot")
                .audience("urn:warden:warden.local").expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                .jwtID(java.util.UUID.randomUUID().toString()).build();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.EdDSA)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.Ed25519Signer(key));
        String form = "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
                + "&client_assertion=" + jwt.serialize();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (String) Json.parseObject(r.body()).get("access_token");
    }
}
