package dev.warden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The server under load and support-bot's credentials for it. */
final class LoadTarget {
    private static final ObjectMapper JSON = new ObjectMapper();

    final URI base;
    final InetSocketAddress address;
    final Path keyFile;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LoadTarget(URI base, Path keyFile) {
        this.base = base;
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.keyFile = keyFile;
    }

    /** A fresh access token for support-bot: a private_key_jwt client assertion exchanged at /v1/token. */
    String accessToken() throws IOException, InterruptedException {
        JsonNode key = JSON.readTree(Files.readString(keyFile));
        String agent = key.path("agent").asText(Quickstart.AGENT);
        OctetKeyPair jwk;
        try {
            jwk = OctetKeyPair.parse(JSON.writeValueAsString(key.required("private_jwk")));
        } catch (ParseException e) {
            throw new IOException("private_jwk in " + keyFile + " is not an Ed25519 JWK: " + e.getMessage(), e);
        }
        String kid = key.hasNonNull("kid") ? key.get("kid").asText() : jwk.getKeyID();
        JsonNode metadata = getJson("/.well-known/oauth-authorization-server");
        String issuer = metadata.required("issuer").asText();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(agent).subject(agent).audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), claims);
        try {
            assertion.sign(new Ed25519Signer(jwk));
        } catch (JOSEException e) {
            throw new IOException("signing the client assertion failed: " + e.getMessage(), e);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion.serialize());
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("POST /v1/token: HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).required("access_token").asText();
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    byte[] rawRequest(String token, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/decisions HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    HttpRequest jdkRequest(String token, String json) {
        return HttpRequest.newBuilder(base.resolve("/v1/decisions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
