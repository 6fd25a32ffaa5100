package dev.warden.server.console;

/**
 * A console error page.
 *
 * @param chrome  the frame
 * @param status  the HTTP status
 * @param title   a short heading
 * @param message what went wrong and what to do, without internals
 */
public record ErrorView(Chrome chrome, int status, String title, String message) {
}
