package dev.warden.server.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect issuer run by a test on a loopback port: its discovery document and a JWKS of
 * generated RSA, EC and Ed25519 keys, and ID tokens signed with them. Counts the key fetches.
 */
public final class LocalIssuer implements AutoCloseable {
    /** The audience its tokens are issued to by default. */
    public static final String AUDIENCE = "warden";

    public final RSAKey rsa;
    public final ECKey ec;
    public final OctetKeyPair ed;
    /** Keys published in the JWKS (public parts). */
    public final List<JWK> published = new CopyOnWriteArrayList<>();
    /** JWKS requests served. */
    public final AtomicInteger jwksFetches = new AtomicInteger();
    /** Discovery requests served. */
    public final AtomicInteger discoveryFetches = new AtomicInteger();
    private final HttpServer server;
    private volatile String discoveredIssuer;

    public LocalIssuer() throws IOException, JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        published.addAll(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), ed.toPublicJWK()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/.well-known/openid-configuration", x -> {
            discoveryFetches.incrementAndGet();
            String iss = discoveredIssuer != null ? discoveredIssuer : issuer();
            answer(x, "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + issuer() + "/keys\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\",\"EdDSA\"]}");
        });
        server.createContext("/keys", x -> {
            jwksFetches.incrementAndGet();
            answer(x, new JWKSet(new ArrayList<>(published)).toString(true));
        });
        server.start();
    }

    private static void answer(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    /** The issuer identifier, {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Makes the discovery document name another issuer (a misconfigured or impersonating provider). */
    public void discoveryNamesIssuer(String iss) {
        discoveredIssuer = iss;
    }

    /** Settings accepting this issuer's tokens for {@link #AUDIENCE}, keys discovered. */
    public OidcSettings settings() {
        return OidcSettings.of(URI.create(issuer()), AUDIENCE);
    }

    /** ID token claims valid from {@code now} for 5 minutes, naming {@code subject}. */
    public JWTClaimsSet.Builder claims(Instant now, String subject) {
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** A token of these claims signed by {@code key} (its kid in the header) with the algorithm fitting the key. */
    public static String sign(JWK key, JWTClaimsSet claims) throws JOSEException {
        JWSAlgorithm alg;
        JWSSigner signer;
        switch (key) {
            case RSAKey r -> {
                alg = JWSAlgorithm.RS256;
                signer = new RSASSASigner(r);
            }
            case ECKey e -> {
                alg = JWSAlgorithm.ES256;
                signer = new ECDSASigner(e);
            }
            case OctetKeyPair o -> {
                alg = JWSAlgorithm.EdDSA;
                signer = new Ed25519Signer(o);
            }
            default -> throw new IllegalArgumentException(key.getKeyType().toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Stops serving: the keys become unreachable. */
    @Override
    public void close() {
        server.stop(0);
    }
}
