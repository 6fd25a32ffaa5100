package dev.warden.server.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider with the authorization-code flow, run by a test on a loopback port:
 * discovery, a JWKS, an authorization endpoint that signs in {@link #user} at once and redirects
 * back with a one-use code, and a token endpoint that checks the client's credentials, the
 * {@code redirect_uri} and the PKCE verifier against the S256 challenge before it answers with an
 * ID token.
 */
public final class CodeFlowIssuer implements AutoCloseable {
    /** The client id (and the ID tokens' audience). */
    public static final String CLIENT_ID = "warden-console";
    /** The client secret. */
    public static final String CLIENT_SECRET = "s3cret-of-the-console";

    /** One code issued by the authorization endpoint. */
    record Grant(String challenge, String method, String nonce, String redirectUri, String clientId, String user) {
    }

    private final RSAKey key;
    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** The address the console must register as its callback; the authorization endpoint refuses others. */
    public volatile String registeredRedirect;
    /** Who signs in at the authorization endpoint (the value of the {@code email} claim). */
    public volatile String user = "ann@example.com";
    /** When set, the authorization endpoint answers with this OAuth error instead of a code. */
    public volatile String error;
    /** When set, ID tokens carry this nonce instead of the one the authorization request sent. */
    public volatile String nonceOverride;
    /** When set, the authorization endpoint answers with a page whose button goes back (as a person would). */
    public volatile boolean interactive;
    /** Query strings of the authorization requests received. */
    public final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    /** Token requests received: their form and their Authorization header. */
    public final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    /** Why the token endpoint refused a code, by refusal: {@code code} (unknown or used), {@code redirect_uri}, {@code pkce}. */
    public final List<String> refusals = new CopyOnWriteArrayList<>();
    /** What the token endpoint answered, by request. */
    public final List<Integer> tokenStatuses = new CopyOnWriteArrayList<>();

    public CodeFlowIssuer(Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        key = new RSAKeyGenerator(2048).keyID("rsa-code").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/.well-known/openid-configuration", x -> answer(x, 200, "{\"issuer\":\"" + issuer()
                + "\",\"jwks_uri\":\"" + issuer() + "/keys\",\"authorization_endpoint\":\"" + issuer()
                + "/authorize\",\"token_endpoint\":\"" + issuer() + "/token\",\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/keys", x -> answer(x, 200, new JWKSet(key.toPublicJWK()).toString(true)));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    /** The issuer identifier, {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = form(x.getRequestURI().getRawQuery());
        authorizations.add(q);
        String redirect = q.get("redirect_uri");
        if (redirect == null || !redirect.equals(registeredRedirect) || !CLIENT_ID.equals(q.get("client_id"))) {
            answer(x, 400, "{\"error\":\"invalid_request\"}"); // never redirect to an unregistered address
            return;
        }
        String state = q.get("state");
        if (interactive && error == null) {
            // a page the person acts on: the way back is then a navigation the provider's page starts (cross-site)
            String code = secret();
            codes.put(code, new Grant(q.get("code_challenge"), q.get("code_challenge_method"), q.get("nonce"), redirect,
                    q.get("client_id"), user));
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><title>Test IdP</title></head><body><main>"
                    + "<h1>Test IdP</h1><form method=\"get\" action=\"" + redirect + "\">"
                    + "<input type=\"hidden\" name=\"code\" value=\"" + code + "\">"
                    + "<input type=\"hidden\" name=\"state\" value=\"" + state.replaceAll("[^A-Za-z0-9_-]", "") + "\">"
                    + "<button type=\"submit\">Continue as " + user + "</button></form></main></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
            return;
        }
        String back;
        if (error != null) {
            back = redirect + "?error=" + enc(error) + "&state=" + enc(state);
        } else if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null || !q.getOrDefault("scope", "").contains("openid")) {
            back = redirect + "?error=invalid_request&state=" + enc(state);
        } else {
            String code = secret();
            codes.put(code, new Grant(q.get("code_challenge"), q.get("code_challenge_method"), q.get("nonce"), redirect,
                    q.get("client_id"), user));
            back = redirect + "?code=" + enc(code) + "&state=" + enc(state);
        }
        x.getResponseHeaders().add("Location", back);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void token(HttpExchange x) throws IOException {
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = x.getRequestHeaders().getFirst("Authorization");
        Map<String, String> logged = new LinkedHashMap<>(f);
        logged.put("authorization", auth == null ? "" : auth);
        tokenRequests.add(logged);
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(x.getRequestMethod()) || !expected.equals(auth)) {
            refusals.add("client");
            refuse(x, 401, "invalid_client");
            return;
        }
        if (!"authorization_code".equals(f.get("grant_type"))) {
            refuse(x, 400, "unsupported_grant_type");
            return;
        }
        Grant g = f.get("code") == null ? null : codes.remove(f.get("code")); // one use
        if (g == null) {
            refusals.add("code");
            refuse(x, 400, "invalid_grant");
            return;
        }
        if (!g.redirectUri().equals(f.get("redirect_uri")) || !CLIENT_ID.equals(g.clientId())) {
            refusals.add("redirect_uri");
            refuse(x, 400, "invalid_grant");
            return;
        }
        if (f.get("code_verifier") == null || !g.challenge().equals(s256(f.get("code_verifier")))) {
            refusals.add("pkce");
            refuse(x, 400, "invalid_grant");
            return;
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject("00u-" + g.user().hashCode())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("email", g.user()).claim("nonce", nonceOverride != null ? nonceOverride : g.nonce()).build();
        try {
            tokenStatuses.add(200);
            answer(x, 200, "{\"access_token\":\"at-" + secret() + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                    + "\"id_token\":\"" + LocalIssuer.sign(key, claims) + "\"}");
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    private void refuse(HttpExchange x, int status, String error) throws IOException {
        tokenStatuses.add(status);
        answer(x, status, "{\"error\":\"" + error + "\"}");
    }

    /** base64url(SHA-256(verifier)), the S256 challenge. */
    public static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private String secret() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8);
    }

    /** The authorization endpoint's address. */
    public URI authorizeUri() {
        return URI.create(issuer() + "/authorize");
    }

    /** Stops serving: the provider becomes unreachable. */
    @Override
    public void close() {
        server.stop(0);
    }
}
