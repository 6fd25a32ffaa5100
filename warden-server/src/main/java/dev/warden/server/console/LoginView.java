package dev.warden.server.console;

import java.util.Optional;

/**
 * The sign-in page.
 *
 * @param chrome the frame (no operator)
 * @param error  why the last attempt failed, without saying whether the name or the password was wrong
 * @param oidc   the name of the OpenID Connect issuer one may sign in at, when configured
 */
public record LoginView(Chrome chrome, Optional<String> error, Optional<String> oidc) {
    /** A sign-in page without OIDC. */
    public LoginView(Chrome chrome, Optional<String> error) {
        this(chrome, error, Optional.empty());
    }
}
