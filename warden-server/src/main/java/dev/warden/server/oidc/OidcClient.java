package dev.warden.server.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's authorization-code sign-in at the configured OpenID Connect issuer: how Warden
 * presents itself as a client ({@code operators.oidc} in {@code warden.yaml}).
 *
 * @param clientId     the client id registered at the issuer (the {@code audience} of its ID tokens)
 * @param clientSecret the client secret, when the client is confidential (sent with HTTP Basic
 *                     authentication to the token endpoint; never logged, never shown)
 * @param scopes       scopes asked for besides {@code openid}
 * @param redirectUri  the callback address registered at the issuer; empty to use
 *                     {@code <http.public_url or the request's origin>/console/oidc/callback}
 * @param displayName  the issuer's name on the sign-in button
 */
public record OidcClient(String clientId, Optional<String> clientSecret, List<String> scopes, Optional<URI> redirectUri,
                         String displayName) {
    /** The console's callback path. */
    public static final String CALLBACK_PATH = "/console/oidc/callback";
    /** A scope token (RFC 6749, section 3.3). */
    public static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

    /** Checks and copies. */
    public OidcClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(displayName, "displayName");
        scopes = List.copyOf(scopes);
        for (String s : scopes) {
            if (!SCOPE.matcher(s).matches()) {
                throw new IllegalArgumentException("scopes: not a scope token: " + s);
            }
        }
    }

    /** The scope parameter: {@code openid} and the configured scopes, once each. */
    public String scope() {
        StringBuilder b = new StringBuilder("openid");
        scopes.stream().distinct().filter(s -> !s.equals("openid")).forEach(s -> b.append(' ').append(s));
        return b.toString();
    }

    /** The callback address for a server reached at {@code origin} (scheme, host and port) when none is configured. */
    public URI redirectUri(String origin) {
        return redirectUri.orElseGet(() -> URI.create(origin + CALLBACK_PATH));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "OidcClient[clientId=" + clientId + ", secret=" + (clientSecret.isPresent() ? "(set)" : "(none)")
                + ", scopes=" + scopes + ", redirectUri=" + redirectUri + ", displayName=" + displayName + "]";
    }
}
