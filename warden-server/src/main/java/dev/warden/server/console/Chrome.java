package dev.warden.server.console;

import java.util.Optional;

/**
 * What every console page's frame shows.
 *
 * @param css      the stylesheet's hashed URL
 * @param operator the signed-in operator (empty: no header, no navigation)
 * @param csrf     the session's CSRF token, for the forms on the page
 */
public record Chrome(String css, Optional<String> operator, String csrf) {
}
