package dev.warden.server.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Redeems an authorization code at the issuer's token endpoint (RFC 6749, section 4.1.3, with the
 * PKCE {@code code_verifier} of RFC 7636): a confidential client authenticates with HTTP Basic, a
 * public one sends its {@code client_id}. The answer is a value, never an exception; the code, the
 * verifier and the secret appear in no answer.
 */
public final class CodeExchange {
    /** The largest token response read. */
    static final int MAX_BYTES = 64 * 1024;

    private final OidcClient client;
    private final HttpClient http;

    /** What the token endpoint answered. */
    public sealed interface Result {
        /** The ID token of the sign-in. */
        record IdToken(String idToken) implements Result {
        }

        /** The endpoint refused the code (the OAuth {@code error} code, or what was wrong with the answer). */
        record Refused(String error) implements Result {
        }

        /** The endpoint could not be reached or failed (5xx). */
        record Unavailable(String message) implements Result {
        }
    }

    /** Exchanges codes for {@code client} with {@code http}. */
    public CodeExchange(OidcClient client, HttpClient http) {
        this.client = client;
        this.http = http;
    }

    /** Redeems {@code code} at {@code tokenEndpoint}. */
    public Result redeem(URI tokenEndpoint, String code, String codeVerifier, URI redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (client.clientSecret().isPresent()) {
            String pair = enc(client.clientId()) + ":" + enc(client.clientSecret().get());
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", client.clientId());
        }
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<InputStream> r = http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = r.body()) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    return new Result.Refused("response_too_large");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            if (r.statusCode() >= 500) {
                return new Result.Unavailable("the token endpoint answered " + r.statusCode());
            }
            Map<String, Object> json;
            try {
                json = JSONObjectUtils.parse(text);
            } catch (ParseException e) {
                return new Result.Refused("invalid_response");
            }
            if (r.statusCode() != 200) {
                return new Result.Refused(errorCode(json));
            }
            Object idToken = json.get("id_token");
            return idToken instanceof String s && !s.isEmpty() ? new Result.IdToken(s) : new Result.Refused("no_id_token");
        } catch (IOException e) {
            return new Result.Unavailable("the token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Unavailable("interrupted while redeeming the code");
        }
    }

    /** The OAuth error code of a refusal, when it is a plain code; else {@code invalid_response}. */
    private static String errorCode(Map<String, Object> json) {
        Object e = json.get("error");
        return e instanceof String s && s.matches("[a-z_]{1,64}") ? s : "invalid_response";
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
