package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import dev.warden.server.oidc.LocalIssuer;
import dev.warden.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OIDC sign-in of operators over HTTP, with an identity provider the test runs. */
class OidcLoginTest {
    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    LocalIssuer idp;
    MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void issuer() throws Exception {
        idp = new LocalIssuer();
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
        idp.close();
    }

    private void start(String oidc) throws IOException {
        TestServer.quickstartCopy(config);
        if (oidc != null) {
            Files.writeString(config.resolve("warden.yaml"), "\noperators:\n  oidc:\n" + oidc + "\n", StandardOpenOption.APPEND);
        }
        s = new TestServer(config, data, clock);
    }

    private void startWithIssuer() throws IOException {
        start("    issuer: " + idp.issuer() + "\n    audience: warden\n    claim: email\n");
    }

    private void create(String name, String role) {
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN, "{\"name\":\"%s\",\"roles\":[\"%s\"]}".formatted(name, role));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String idToken(String email) throws Exception {
        return LocalIssuer.sign(idp.rsa, idp.claims(clock.instant(), "00u-" + email.hashCode()).claim("email", email)
                .claim("roles", List.of("admin")).build());
    }

    private TestServer.Reply login(String idToken) {
        return s.post("/v1/login/oidc", null, "{\"id_token\":\"" + idToken + "\"}");
    }

    private static void refused(TestServer.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).as(r.body()).isEqualTo(code);
    }

    private List<AuditTrail.Entry> entries(String kind, int n) throws Exception {
        List<AuditTrail.Entry> found = AuditTrail.after(s, 0, kind);
        for (int i = 0; i < 100 && found.size() < n; i++) {
            Thread.sleep(20);
            found = AuditTrail.after(s, 0, kind);
        }
        return found;
    }

    @Test
    void anIdToken_signsInTheOperatorItNames_withWardenRoles_notTheProviders() throws Exception {
        startWithIssuer();
        create("ann@example.com", "auditor");
        String idToken = idToken("ann@example.com");
        TestServer.Reply r = login(idToken);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("operator")).isEqualTo("ann@example.com");
        assertThat(Instant.parse((String) r.get("expires_at"))).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        String token = (String) r.get("token");
        assertThat(token).startsWith("wdn_ot_");

        assertThat(s.get("/v1/incidents", token).status()).as("auditor reads").isEqualTo(200);
        // the token's "roles": ["admin"] claim is the provider's, not Warden's
        refused(s.get("/v1/operators", token), 403, "forbidden_role");
        refused(s.post("/v1/kill", token, "{\"agent\":\"support-bot\",\"reason\":\"x\"}"), 403, "forbidden_role");

        assertThat(AuditTrail.after(s, 0, "operator.login")).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("operator:ann@example.com");
            assertThat(e.get("method")).isEqualTo("oidc");
            assertThat(e.get("issuer")).isEqualTo(idp.issuer());
        });
        assertThat(AuditTrail.after(s, 0, null)).allSatisfy(e -> assertThat(e.text()).doesNotContain(idToken).doesNotContain(token));
    }

    @Test
    void unknownOrDisabledOperators_forgedAndForeignTokens_areRefused_401_andAudited() throws Exception {
        startWithIssuer();
        create("dave@example.com", "admin");
        s.post("/v1/operators/dave@example.com/disable", TestServer.ADMIN, "");

        String unknown = idToken("nobody@example.com");
        TestServer.Reply r = login(unknown);
        refused(r, 401, "invalid_id_token");
        assertThat((String) r.get("message")).startsWith("unknown_operator");
        refused(login(idToken("dave@example.com")), 401, "invalid_id_token");
        String otherIssuer = LocalIssuer.sign(idp.rsa, idp.claims(clock.instant(), "x").issuer("https://idp.example")
                .claim("email", "dave@example.com").build());
        TestServer.Reply wrongIss = login(otherIssuer);
        refused(wrongIss, 401, "invalid_id_token");
        assertThat((String) wrongIss.get("message")).startsWith("issuer").doesNotContain(otherIssuer.split("\\.")[1]);
        refused(login("eyJhbGciOiJub25lIn0.e30."), 401, "invalid_id_token");

        List<AuditTrail.Entry> failed = entries("operator.login_failed", 4);
        assertThat(failed).extracting(e -> e.get("reason"))
                .containsExactly("unknown_operator", "operator_disabled", "issuer", "algorithm");
        assertThat(failed).allSatisfy(e -> assertThat(e.get("method")).isEqualTo("oidc"));
        assertThat(AuditTrail.after(s, 0, "operator.login")).isEmpty();
        assertThat(AuditTrail.after(s, 0, null)).allSatisfy(e -> assertThat(e.text()).doesNotContain(unknown));
    }

    @Test
    void failedOidcSignIns_areRateLimitedPerSource_likePasswords() throws Exception {
        startWithIssuer();
        create("ann@example.com", "auditor");
        for (int i = 0; i < 20; i++) {
            refused(login("garbage-" + i), 401, "invalid_id_token");
        }
        // now even a valid token is refused until the window passes, and the keys are not fetched for it
        int fetches = idp.jwksFetches.get();
        refused(login(idToken("ann@example.com")), 429, "too_many_attempts");
        assertThat(idp.jwksFetches.get()).isEqualTo(fetches);
        clock.advance(Duration.ofMinutes(15));
        assertThat(login(idToken("ann@example.com")).status()).isEqualTo(200);
    }

    @Test
    void keysUnreachable_isRefused_503() throws Exception {
        startWithIssuer();
        create("ann@example.com", "auditor");
        String t = idToken("ann@example.com");
        idp.close();
        refused(login(t), 503, "idp_unavailable");
        assertThat(entries("operator.login_failed", 1)).extracting(e -> e.get("reason")).containsExactly("idp_unavailable");
    }

    @Test
    void withoutConfiguration_oidcSignInIsOff_andARequestNeedsItsField() throws Exception {
        start(null);
        refused(login("whatever"), 404, "oidc_not_configured");
        refused(s.post("/v1/login/oidc", null, "{}"), 400, "missing_field");
        refused(s.post("/v1/login/oidc", null, "{\"id_token\":\"x\",\"name\":\"admin\"}"), 400, "invalid_field");
    }

    @Test
    void badSettings_stopTheConfig_namingTheLine() throws Exception {
        TestServer.quickstartCopy(config);
        Path yaml = config.resolve("warden.yaml");
        String base = Files.readString(yaml);
        for (String[] bad : List.of(
                new String[] {"    issuer: http://idp.example\n    audience: warden\n", "https only"},
                new String[] {"    issuer: https://idp.example\n    audience: warden\n    algorithms: [RS256, HS256]\n", "HS256 is never accepted"},
                new String[] {"    issuer: https://idp.example\n    audience: warden\n    algorithms: [none]\n", "one of RS256"},
                new String[] {"    issuer: https://idp.example\n", "audience: is required"},
                new String[] {"    issuer: https://idp.example\n    audience: warden\n    clock_skew_seconds: 3600\n", "clock_skew_seconds"},
                new String[] {"    issuer: https://idp.example\n    audience: warden\n    jwks_uri: ftp://idp.example/k\n", "https only"},
                new String[] {"    issuer: https://idp.example\n    audience: warden\n    roles_claim: groups\n", "unknown key"})) {
            Files.writeString(yaml, base + "\noperators:\n  oidc:\n" + bad[0]);
            assertThatThrownBy(() -> ConfigLoader.load(config)).as(bad[0]).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(bad[1]).hasMessageMatching("(?s).*warden.yaml:\\d+:.*");
        }
        Files.writeString(yaml, base + "\noperators:\n  oidc:\n    issuer: http://127.0.0.1:9/\n    audience: warden\n");
        ConfigLoader.load(config);
    }
}
