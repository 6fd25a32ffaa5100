package dev.warden.mcp;

import java.io.IOException;

/** A call to a Streamable HTTP upstream was given up before it was sent: there is nothing to cancel upstream. */
final class NotSentException extends IOException {
    private static final long serialVersionUID = 1L;

    NotSentException(String message) {
        super(message);
    }
}
