package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden login --oidc-token-stdin}: an ID token of a local issuer exchanged for an operator session. */
class OidcLoginCommandTest {
    @TempDir
    Path tmp;
    TestWarden warden;
    HttpServer idp;
    RSAKey key;
    InputStream stdin;

    @BeforeEach
    void start() throws Exception {
        stdin = System.in;
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        idp.createContext("/keys", x -> {
            byte[] b = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        idp.start();
        Path config = tmp.resolve("config");
        try (Stream<Path> files = Files.walk(TestWarden.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(TestWarden.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml"))
                + "\noperators:\n  oidc:\n    issuer: " + issuer() + "\n    audience: warden\n    jwks_uri: " + issuer()
                + "/keys\n    claim: email\n");
        warden = TestWarden.start(config, tmp.resolve("data"));
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        warden.close();
        idp.stop(0);
    }

    private String issuer() {
        return "http://127.0.0.1:" + idp.getAddress().getPort();
    }

    private String idToken(String email) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(issuer()).audience("warden").subject("s-" + email).claim("email", email)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void typed(String line) {
        System.setIn(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIdTokenOnStdin_signsInTheOperatorItNames_andLaterCommandsUseIt() throws Exception {
        Cli.Result add = warden.operator("operators", "add", "ann@example.com", "--role", "auditor", "--no-password");
        assertThat(add.exit()).as(add.toString()).isZero();
        Path session = tmp.resolve("session.json");
        String token = idToken("ann@example.com");
        typed(token);
        Cli.Result in = Cli.run("login", "--oidc-token-stdin", "--url", warden.url(), "--session-file", session.toString());
        assertThat(in.exit()).as(in.toString()).isZero();
        assertThat(in.json().path("operator").asText()).isEqualTo("ann@example.com");
        assertThat(in.out()).doesNotContain(token).doesNotContain("wdn_ot_");
        assertThat(Files.readString(session)).contains("wdn_ot_").doesNotContain(token);

        Cli.Result read = Cli.run("incidents", "list", "--url", warden.url(), "--session-file", session.toString());
        assertThat(read.exit()).as(read.toString()).isZero();
    }

    @Test
    void anUnknownOperatorsToken_isRefused_andNameWithTheFlag_isAUsageError() throws Exception {
        Path session = tmp.resolve("session.json");
        typed(idToken("nobody@example.com"));
        Cli.Result bad = Cli.run("login", "--oidc-token-stdin", "--url", warden.url(), "--session-file", session.toString());
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid_id_token");
        assertThat(session).doesNotExist();

        Cli.Result both = Cli.run("login", "ann", "--oidc-token-stdin", "--url", warden.url());
        assertThat(both.exit()).isEqualTo(2);
        Cli.Result neither = Cli.run("login", "--url", warden.url());
        assertThat(neither.exit()).isEqualTo(2);
    }
}
