package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.config.ConfigException;
import dev.warden.server.config.OperatorsConfigLoader;
import dev.warden.server.oidc.CodeFlowIssuer;
import dev.warden.server.oidc.OidcClient;
import dev.warden.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's OIDC sign-in (authorization code with PKCE) over real HTTP, against an identity
 * provider the test runs; each refusal is an attack that would sign someone in if the check were
 * missing.
 */
class ConsoleOidcTest {
    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    CodeFlowIssuer idp;
    MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        idp = new CodeFlowIssuer(clock);
        TestServer.quickstartCopy(config);
        Files.writeString(config.resolve("oidc.secret"), CodeFlowIssuer.CLIENT_SECRET + "\n");
        Files.writeString(config.resolve("warden.yaml"), """

                operators:
                  oidc:
                    issuer: %s
                    audience: %s
                    claim: email
                    client_secret_file: oidc.secret
                    scopes: [email, profile]
                    display_name: "Test <SSO>"
                """.formatted(idp.issuer(), CodeFlowIssuer.CLIENT_ID), StandardOpenOption.APPEND);
        s = new TestServer(config, data, clock);
        idp.registeredRedirect = s.uri("/console/oidc/callback").toString();
        operator("ann@example.com", "auditor");
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
        idp.close();
    }

    /**
     * A browser's cookies: {@code warden_console} (SameSite=Strict, sent only on same-site requests)
     * and {@code warden_oidc} (SameSite=Lax, sent on the identity provider's redirect back too).
     */
    final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();

        /** A same-site request: every cookie of the path. */
        HttpResponse<String> get(String pathOrUrl) throws Exception {
            return send(pathOrUrl, List.of("warden_console", "warden_oidc"));
        }

        /** A navigation the identity provider started: only the Lax cookie goes along. */
        HttpResponse<String> crossSite(String url) throws Exception {
            return send(url, List.of("warden_oidc"));
        }

        private HttpResponse<String> send(String pathOrUrl, List<String> names) throws Exception {
            URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : s.uri(pathOrUrl);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
            StringBuilder c = new StringBuilder();
            for (String n : names) {
                String v = cookies.get(n);
                boolean onPath = !n.equals("warden_oidc") || uri.getPath().startsWith("/console/oidc");
                if (v != null && !v.isEmpty() && onPath && uri.toString().startsWith(s.uri("/").toString())) {
                    c.append(c.isEmpty() ? "" : "; ").append(n).append('=').append(v);
                }
            }
            if (!c.isEmpty()) {
                b.header("Cookie", c.toString());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return r;
        }

        /** Opens the sign-in page, follows its OIDC link: the redirect to the identity provider. */
        HttpResponse<String> startSignIn() throws Exception {
            assertThat(get("/console/login").statusCode()).isEqualTo(200);
            HttpResponse<String> r = get("/console/oidc/start");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return r;
        }

        /** Starts a sign-in and lets the identity provider answer: the callback address it redirects to. */
        String authorize() throws Exception {
            HttpResponse<String> start = startSignIn();
            HttpResponse<String> atIdp = http.send(HttpRequest.newBuilder(URI.create(location(start))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(atIdp.statusCode()).as(atIdp.body()).isEqualTo(302);
            return location(atIdp);
        }

        /** Signs in all the way: the callback's answer. */
        HttpResponse<String> signIn() throws Exception {
            return crossSite(authorize());
        }
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String withParam(String url, String name, String value) {
        return url.replaceAll("([?&])" + name + "=[^&]*", "$1" + name + "=" + value);
    }

    private void operator(String name, String role) {
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"]}".formatted(name, role));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private List<AuditTrail.Entry> entries(String kind, int n) throws Exception {
        List<AuditTrail.Entry> found = AuditTrail.after(s, 0, kind);
        for (int i = 0; i < 100 && found.size() < n; i++) {
            Thread.sleep(20);
            found = AuditTrail.after(s, 0, kind);
        }
        return found;
    }

    private List<String> failures(int n) throws Exception {
        return entries("operator.login_failed", n).stream().map(e -> e.get("reason")).toList();
    }

    /** The overview's answer to this browser: 200 with its operator's name when signed in, else a redirect. */
    private static void signedOut(Browser b) throws Exception {
        HttpResponse<String> home = b.get("/console/");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(303);
        assertThat(location(home)).isEqualTo("/console/login");
    }

    private static void failedPage(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("role=\"alert\"").contains("Sign in with Test &lt;SSO&gt;");
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void signIn_withTheAuthorizationCodeAndPkce_endsInTheMappedOperatorsSession() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get("/console/login");
        assertThat(login.body()).contains("<a href=\"/console/oidc/start\">Sign in with Test &lt;SSO&gt;</a>")
                .doesNotContain("Test <SSO>");
        String preSession = b.cookies.get("warden_console");

        HttpResponse<String> start = b.get("/console/oidc/start");
        assertThat(start.statusCode()).isEqualTo(303);
        String authorize = location(start);
        assertThat(authorize).startsWith(idp.issuer() + "/authorize?");
        Map<String, String> q = query(authorize);
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", CodeFlowIssuer.CLIENT_ID)
                .containsEntry("redirect_uri", s.uri("/console/oidc/callback").toString())
                .containsEntry("scope", "openid email profile").containsEntry("code_challenge_method", "S256");
        assertThat(q.get("state")).hasSize(43).isNotEqualTo(q.get("nonce")); // 256 bits, base64url
        assertThat(q.get("nonce")).hasSize(43);
        assertThat(q.get("code_challenge")).hasSize(43);
        String binding = start.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("warden_oidc="))
                .findFirst().orElseThrow();
        assertThat(binding).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Path=/console/oidc").contains("Max-Age=600");

        HttpResponse<String> atIdp = http.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> done = b.crossSite(location(atIdp));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=/console/\">")
                .contains("ann@example.com");
        String session = b.cookies.get("warden_console");
        assertThat(session).isNotEqualTo(preSession).isNotEmpty();
        assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("warden_console=")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));
        assertThat(b.cookies.get("warden_oidc")).as("the binding is cleared").isEmpty();

        HttpResponse<String> home = b.get("/console/");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as <strong>ann@example.com</strong>");

        // the code was redeemed with the client's credentials and the verifier of the challenge sent
        assertThat(idp.tokenRequests).singleElement().satisfies(t -> {
            assertThat(t.get("authorization")).startsWith("Basic ");
            assertThat(t).doesNotContainKey("client_secret");
            assertThat(CodeFlowIssuer.s256(t.get("code_verifier"))).isEqualTo(q.get("code_challenge"));
            assertThat(t.get("redirect_uri")).isEqualTo(q.get("redirect_uri"));
        });
        // the pre-sign-in session is gone (no fixation)
        Browser fixated = new Browser();
        fixated.cookies.put("warden_console", preSession);
        signedOut(fixated);

        assertThat(entries("operator.login", 1)).singleElement().satisfies(e -> {
            assertThat(e.get("actor")).isEqualTo("operator:ann@example.com");
            assertThat(e.get("method")).isEqualTo("oidc");
            assertThat(e.get("issuer")).isEqualTo(idp.issuer());
        });
        assertThat(AuditTrail.after(s, 0, null)).allSatisfy(e -> assertThat(e.text())
                .doesNotContain(CodeFlowIssuer.CLIENT_SECRET).doesNotContain(session));
    }

    @Test
    void aCallbackWithAWrongOrMissingState_orFromAnotherBrowser_isRefused_403() throws Exception {
        Browser victim = new Browser();
        String callback = victim.authorize();

        // the attacker's own sign-in, delivered to the victim's browser (login CSRF): not this browser's state
        Browser attacker = new Browser();
        String attackers = attacker.authorize();
        HttpResponse<String> forced = victim.crossSite(attackers);
        assertThat(forced.statusCode()).as(forced.body()).isEqualTo(403);
        assertThat(forced.body()).contains("Sign-in refused");

        HttpResponse<String> tampered = victim.crossSite(withParam(callback, "state", "x" + query(callback).get("state")));
        assertThat(tampered.statusCode()).isEqualTo(403);
        HttpResponse<String> none = victim.crossSite(callback.replaceAll("[?&]state=[^&]*", ""));
        assertThat(none.statusCode()).isEqualTo(403);
        // the right state, but in a browser without the binding cookie
        Browser stranger = new Browser();
        stranger.get("/console/login");
        assertThat(stranger.crossSite(callback).statusCode()).isEqualTo(403);

        signedOut(victim);
        signedOut(stranger);
        assertThat(failures(4)).containsExactly("state", "state", "state", "state");
        assertThat(AuditTrail.after(s, 0, "operator.login")).isEmpty();
        assertThat(idp.tokenRequests).as("no code is redeemed for a refused callback").isEmpty();
    }

    @Test
    void aReplayedCallback_orARedeemedCodeInANewSignIn_isRefused() throws Exception {
        Browser b = new Browser();
        String callback = b.authorize();
        String binding = b.cookies.get("warden_oidc");
        assertThat(b.crossSite(callback).statusCode()).isEqualTo(200);

        // the same callback again, even with the binding cookie it had
        Browser replay = new Browser();
        replay.cookies.put("warden_oidc", binding);
        HttpResponse<String> again = replay.crossSite(callback);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        signedOut(replay);

        // the used code inside a fresh sign-in (its own state and binding): the provider refuses it, the sign-in fails
        Browser other = new Browser();
        String fresh = other.authorize();
        HttpResponse<String> reused = other.crossSite(withParam(fresh, "code", query(callback).get("code")));
        failedPage(reused, 401);
        signedOut(other);
        assertThat(idp.refusals).containsExactly("code");
        assertThat(failures(2)).containsExactly("state", "token_endpoint");
        assertThat(entries("operator.login", 1)).hasSize(1);
    }

    @Test
    void anIdTokenWithAnotherNonce_isRefused() throws Exception {
        idp.nonceOverride = "nonce-of-another-sign-in";
        Browser b = new Browser();
        HttpResponse<String> r = b.signIn();
        failedPage(r, 401);
        signedOut(b);
        assertThat(failures(1)).containsExactly("nonce");
        assertThat(idp.tokenStatuses).containsExactly(200);
    }

    @Test
    void anInterceptedCode_redeemedWithAnotherSignInsVerifier_failsPkce() throws Exception {
        Browser victim = new Browser();
        String victims = victim.authorize();
        // the attacker holds the victim's code and puts it in a sign-in of its own (its state, its verifier)
        Browser attacker = new Browser();
        String own = attacker.authorize();
        HttpResponse<String> r = attacker.crossSite(withParam(own, "code", query(victims).get("code")));
        failedPage(r, 401);
        signedOut(attacker);
        assertThat(idp.refusals).containsExactly("pkce");
        assertThat(failures(1)).containsExactly("token_endpoint");
    }

    @Test
    void unknownAndDisabledOperators_areRefused() throws Exception {
        idp.user = "nobody@example.com";
        Browser b = new Browser();
        failedPage(b.signIn(), 401);
        signedOut(b);

        operator("dave@example.com", "admin");
        assertThat(s.post("/v1/operators/dave@example.com/disable", TestServer.ADMIN, "").status()).isEqualTo(200);
        idp.user = "dave@example.com";
        Browser d = new Browser();
        failedPage(d.signIn(), 401);
        signedOut(d);
        assertThat(failures(2)).containsExactly("unknown_operator", "operator_disabled");
        assertThat(AuditTrail.after(s, 0, "operator.login")).isEmpty();
    }

    @Test
    void theProvidersErrorAnswer_isAFailedSignIn_namingItsCode_escaped() throws Exception {
        idp.error = "<script>alert(1)</script>";
        Browser b = new Browser();
        HttpResponse<String> r = b.signIn();
        failedPage(r, 401);
        assertThat(r.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        signedOut(b);
        assertThat(failures(1)).containsExactly("idp_error");
        assertThat(idp.tokenRequests).isEmpty();
    }

    @Test
    void providerUnreachable_isA503Page_atTheStart_andAtTheCodesRedemption() throws Exception {
        Browser b = new Browser();
        String callback = b.authorize(); // endpoints now known
        idp.close();
        HttpResponse<String> r = b.crossSite(callback);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.body()).contains("Sign-in unavailable").contains("Test &lt;SSO&gt;");
        assertThat(failures(1)).containsExactly("idp_unavailable");
        signedOut(b);

        // a server that never reached the provider cannot even start
        s.close();
        s = new TestServer(config, data, clock);
        HttpResponse<String> start = new Browser().get("/console/oidc/start");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(503);
        assertThat(start.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void failedCallbacks_countAgainstTheSourcesSignInLimit_likeTheApis() throws Exception {
        Browser b = new Browser();
        String callback = b.authorize();
        for (int i = 0; i < 20; i++) {
            assertThat(new Browser().crossSite(withParam(callback, "state", "forged-" + i)).statusCode()).isEqualTo(403);
        }
        HttpResponse<String> r = b.crossSite(callback);
        failedPage(r, 429);
        assertThat(idp.tokenRequests).isEmpty();
        signedOut(b);
        clock.advance(Duration.ofMinutes(15));
        assertThat(new Browser().signIn().statusCode()).isEqualTo(200);
    }

    @Test
    void aPendingSignIn_expiresAfterTenMinutes() throws Exception {
        Browser b = new Browser();
        String callback = b.authorize();
        clock.advance(Duration.ofMinutes(10));
        assertThat(b.crossSite(callback).statusCode()).isEqualTo(403);
        assertThat(idp.tokenRequests).isEmpty();
    }

    @Test
    void clientSettings_areChecked_namingTheField_andTheSecretIsNeverShown() throws Exception {
        Path yaml = config.resolve("warden.yaml");
        String base = Files.readString(yaml).substring(0, Files.readString(yaml).indexOf("\noperators:"));
        String head = "\noperators:\n  oidc:\n    issuer: https://idp.example\n    audience: warden\n";
        for (String[] bad : List.of(
                new String[] {"    client_secret_file: missing.secret\n", "client_secret_file"},
                new String[] {"    client_secret_env: WARDEN_TEST_UNSET_SECRET\n", "client_secret_env"},
                new String[] {"    client_secret_env: A\n    client_secret_file: oidc.secret\n", "not both"},
                new String[] {"    scopes: [email, \"a b\"]\n", "scopes"},
                new String[] {"    redirect_uri: https://warden.example/elsewhere\n", "redirect_uri"},
                new String[] {"    redirect_uri: http://warden.example/console/oidc/callback\n", "https only"},
                new String[] {"    display_name: \"" + "x".repeat(65) + "\"\n", "display_name"})) {
            Files.writeString(yaml, base + head + bad[0]);
            assertThatThrownBy(() -> OperatorsConfigLoader.client(config, v -> null)).as(bad[0])
                    .isInstanceOf(ConfigException.class).hasMessageContaining(bad[1])
                    .hasMessageMatching("(?s).*warden.yaml:\\d+:.*");
        }
        Files.writeString(yaml, base + head + "    scopes: [\"a b\"]\n");
        assertThatThrownBy(() -> dev.warden.server.config.ConfigLoader.load(config)).as("the config check reads them too")
                .isInstanceOf(ConfigException.class).hasMessageContaining("scopes");
        Files.writeString(yaml, base + head + "    client_secret_env: OIDC_SECRET\n    scopes: [email, openid]\n");
        OidcClient c = OperatorsConfigLoader.client(config, v -> v.equals("OIDC_SECRET") ? "top-secret-value" : null).orElseThrow();
        assertThat(c.clientSecret()).hasValue("top-secret-value");
        assertThat(c.scope()).isEqualTo("openid email");
        assertThat(c.displayName()).isEqualTo("idp.example");
        assertThat(c.toString()).doesNotContain("top-secret-value");
        assertThat(c.redirectUri("https://w.example")).isEqualTo(URI.create("https://w.example/console/oidc/callback"));
    }

    @Test
    void withoutOidc_theLoginPageHasNoLink_andTheRoutesAreNotThere() throws Exception {
        s.close();
        Path yaml = config.resolve("warden.yaml");
        Files.writeString(yaml, Files.readString(yaml).substring(0, Files.readString(yaml).indexOf("\noperators:")));
        s = new TestServer(config, data, clock);
        Browser b = new Browser();
        assertThat(b.get("/console/login").body()).doesNotContain("/console/oidc/start");
        assertThat(b.get("/console/oidc/start").statusCode()).isEqualTo(404);
        assertThat(b.get("/console/oidc/callback?code=x&state=y").statusCode()).isEqualTo(404);
    }
}
