package dev.warden.server.console;

import java.util.Optional;

/**
 * The sign-in page.
 *
 * @param chrome the frame (no operator)
 * @param error  why the last attempt failed, without saying whether the name or the password was wrong
 */
public record LoginView(Chrome chrome, Optional<String> error) {
}
