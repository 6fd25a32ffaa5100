package dev.warden.server.console;

/**
 * The page an OIDC sign-in ends on: it moves on to the overview by itself (a same-site navigation,
 * which carries the new session cookie; a redirect from the identity provider's callback would not).
 *
 * @param chrome   the frame (no operator yet)
 * @param operator who signed in
 */
public record OidcSignedInView(Chrome chrome, String operator) {
}
