package dev.warden.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * The keep-alive HTTP/1.1 connections of an {@link HttpCallChannel} to one upstream, used from the
 * calling thread. At most {@code maxConnections} are open at once (idle or in use): a call that
 * finds none free waits for one, within its own timeout, instead of opening more (see the channel
 * for why).
 */
final class UpstreamConnectionPool {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** Idle connections older than this are closed, not reused (Node's keep-alive timeout is 5 s). */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(2).toNanos();
    /** How often a call waiting for a connection looks whether it was abandoned. */
    private static final long PERMIT_POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final URI url;
    private final SSLSocketFactory tls;
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    /** One permit per connection that may be open (idle in the pool, or in use). */
    private final Semaphore permits;
    private final int maxConnections;
    private volatile boolean closed;

    /** @param tls opens {@code https} connections (with the trust configured for the upstream) */
    UpstreamConnectionPool(URI url, int maxConnections, SSLSocketFactory tls) {
        this.url = url;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.permits = new Semaphore(maxConnections, true);
    }

    /**
     * A connection for one exchange: an idle one, or a new one while fewer than the bound are open;
     * otherwise waits for one to come back. Give it back with {@link #release}.
     *
     * @param abort gives the wait up when fired (null: only the timeout does)
     * @throws NotSentException when none came free within {@code wait}, or the wait was given up
     */
    Http1Connection borrow(Duration wait, CallAbort abort) throws IOException {
        if (closed) {
            throw new IOException("channel closed");
        }
        acquire(wait, abort);
        try {
            long now = System.nanoTime();
            Http1Connection c;
            while ((c = idle.pollFirst()) != null) {
                if (!c.isClosed() && now - c.idleSince() < MAX_IDLE_NANOS) {
                    return c;
                }
                c.close();
            }
            return open();
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** A new connection outside the pool and its bound (the caller closes it). */
    Http1Connection open() throws IOException {
        return Http1Connection.open(url, CONNECT_TIMEOUT, tls);
    }

    private void acquire(Duration wait, CallAbort abort) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = Math.max(0, deadline - System.nanoTime());
                // a timed tryAcquire keeps the semaphore's first-come order (the untimed one barges)
                if (permits.tryAcquire(Math.min(left, PERMIT_POLL_NANOS), TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (closed || abort != null && abort.fired()) {
                    throw new NotSentException(closed ? "channel closed" : "abandoned while waiting for a connection");
                }
                if (left == 0) {
                    throw new NotSentException("no upstream connection came free within " + wait.toSeconds()
                            + " s (all " + maxConnections + " in use)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSentException("interrupted while waiting for an upstream connection");
        }
    }

    /** Gives a connection back (to the pool when {@code reusable}, else closed) and its permit with it. */
    void release(Http1Connection c, boolean reusable) {
        if (reusable && !closed && !c.isClosed()) {
            c.idle(System.nanoTime());
            idle.offerFirst(c);
            if (closed && idle.remove(c)) {
                c.close();
            }
        } else {
            c.close();
        }
        permits.release();
    }

    /** Reads the rest of an SSE stream off the caller's path; the connection is released (reused once it ends). */
    void drainLater(Http1Connection c, InputStream body) {
        Thread.ofVirtual().name("mcp-upstream-drain").start(() -> {
            boolean ok = false;
            try {
                c.readTimeout(DRAIN_TIMEOUT);
                ok = drained(body);
            } catch (IOException e) {
                ok = false;
            } finally {
                release(c, ok);
            }
        });
    }

    /** Reads a response body to its end; whether it ended cleanly (so its connection can be reused). */
    static boolean drained(InputStream body) {
        try {
            while (body.skip(Long.MAX_VALUE) > 0) {
                // a chunk (or what is buffered) at a time
            }
            return body.read() == -1;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Closes the idle connections and keeps the pool open: after a connection to the upstream was
     * found dead, the idle ones are most likely dead too (the upstream restarted).
     */
    void closeIdle() {
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    /** Closes the idle connections; those in use are closed when they come back. */
    void close() {
        closed = true;
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }
}
