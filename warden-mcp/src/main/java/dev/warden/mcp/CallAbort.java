package dev.warden.mcp;

import java.util.concurrent.atomic.AtomicBoolean;

/** Closes the connection bound to a call to a Streamable HTTP upstream when the call must be abandoned. */
final class CallAbort {
    private final AtomicBoolean fired = new AtomicBoolean();
    private Http1Connection bound;

    /** Whether the call was abandoned. */
    boolean fired() {
        return fired.get();
    }

    /** Binds the call's connection; false when the call was abandoned already (then nothing is bound). */
    synchronized boolean bind(Http1Connection c) {
        if (fired.get()) {
            return false;
        }
        bound = c;
        return true;
    }

    synchronized void unbind() {
        bound = null;
    }

    synchronized void fire() {
        fired.set(true);
        if (bound != null) {
            bound.close();
        }
    }
}
