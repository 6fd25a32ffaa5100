package dev.warden.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * The open loop's lean client: the calling thread sends each call at its intended time on a free
 * keep-alive connection, and one reader thread waits for the answers on all connections with one
 * selector. That costs one wake-up to send a call and at most one to read its answer (answers that
 * arrive together are read in one), so the load generator takes as little as it can of the cores
 * it shares with the servers it measures. (A virtual thread per call, blocked on its socket, took
 * about six thread switches and 140–160 µs of CPU per call on the 2-core benchmark VM, against
 * 60–80 µs for this client.)
 *
 * <p>As in {@link McpSession#call()}: at most {@code maxConnections} connections are
 * open; a call that finds none free waits for one, and that wait counts in its latency, which runs
 * from the call's intended start to its answer having been read (coordinated omission corrected).
 * A call whose reused connection turns out to have been closed by the server before any answer is
 * sent once more on a new connection. A call without a complete answer within the read timeout
 * fails, and so does one still unanswered when the phase's drain time is over.
 */
final class OpenLoopClient {
    /** How long one call may wait for its answer. */
    static final long READ_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What the client calls: where, the request bytes of a call, and whether an answer is right. */
    interface Target {
        InetSocketAddress address();

        /** A fresh id for the next call. */
        long nextId();

        /** The whole HTTP request of call {@code id}. */
        byte[] request(long id);

        /** Whether {@code r} is a correct answer to call {@code id}. */
        boolean ok(RawHttpConnection.Response r, long id);

        /** Told about a failed call (to print the first few). */
        void failed(String why);
    }

    /** How many calls one phase made and how many of them failed (their latencies went to the recorder). */
    record Outcome(long calls, long errors) {
    }

    private record Call(int index, long due, long id, boolean retried) {
    }

    /** One connection and the call on it, if any. Touched by the reader, and by the sender while it is not idle. */
    private static final class Connection {
        final SocketChannel channel;
        byte[] buf = new byte[16 * 1024];
        int len;
        volatile Call call;
        volatile long sentAt;
        boolean reused;
        /** Guarded by the client's lock. */
        boolean retired;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final Target target;
    private final long readTimeoutNanos;
    private final int maxConnections;
    private final Recorder latencies;
    private final long[] each;
    /** Calls with a lower index are made but not timed (a lead-in on the same connections). */
    private final int measureFrom;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    /** Calls waiting for a connection; guarded by {@link #lock}. */
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    /** Connections open or being opened; guarded by {@link #lock}. */
    private int open;
    private final List<Connection> all = new ArrayList<>();
    private final Selector selector;
    private volatile boolean stopping;

    /**
     * @param latencies        where each call's latency goes
     * @param each             per-call latencies by call index (less {@code measureFrom}), or null
     * @param measureFrom      the index of the first call timed
     * @param readTimeoutNanos how long a call may wait for its answer
     */
    private OpenLoopClient(Target target, int maxConnections, Recorder latencies, long[] each, int measureFrom,
                           long readTimeoutNanos) throws IOException {
        this.target = target;
        this.measureFrom = measureFrom;
        this.readTimeoutNanos = readTimeoutNanos;
        this.maxConnections = maxConnections;
        this.latencies = latencies;
        this.each = each;
        this.selector = Selector.open();
    }

    /**
     * Makes {@code total} calls, one every {@code periodNanos} from {@code start} (a
     * {@link System#nanoTime()} value), and returns once every call has been answered or has failed.
     *
     * @param each per-call latencies by call index (null: not kept)
     */
    static Outcome run(Target target, int maxConnections, long start, long periodNanos, int total, Recorder latencies,
                       long[] each) throws IOException, InterruptedException {
        return run(target, maxConnections, start, periodNanos, total, latencies, each, 0, READ_TIMEOUT_NANOS);
    }

    /**
     * {@link #run(Target, int, long, long, int, Recorder, long[])} with a lead-in and another read
     * timeout: the first {@code measureFrom} calls are made on the same connections as the rest
     * (so the target and the connections are in their steady state when timing starts) but are not
     * timed; {@code each[i]} is then the latency of call {@code measureFrom + i}. Every call counts
     * in the outcome.
     */
    static Outcome run(Target target, int maxConnections, long start, long periodNanos, int total, Recorder latencies,
                       long[] each, int measureFrom, long readTimeoutNanos) throws IOException, InterruptedException {
        OpenLoopClient client = new OpenLoopClient(target, maxConnections, latencies, each, measureFrom, readTimeoutNanos);
        Thread reader = Thread.ofPlatform().name("open-loop-reader").daemon(true).start(client::readLoop);
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                client.dispatch(new Call(i, due, target.nextId(), false));
            }
            long deadline = System.nanoTime() + readTimeoutNanos + TimeUnit.SECONDS.toNanos(1);
            while (client.finished.get() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000); // short: the phase's achieved rate counts this wait
            }
        } finally {
            client.stopping = true;
            client.selector.wakeup();
            reader.join(TimeUnit.SECONDS.toMillis(5));
            client.closeAll();
        }
        long unanswered = total - client.finished.get();
        if (unanswered > 0) {
            target.failed(unanswered + " calls still unanswered at the end of the phase");
        }
        return new Outcome(total, client.errors.get() + Math.max(0, unanswered));
    }

    /** Sends the call on an idle connection, on a new one while fewer than the bound are open, or queues it. */
    private void dispatch(Call call) {
        dispatch(call, false);
    }

    /**
     * {@link #dispatch(Call)}; with {@code fresh}, never on an idle connection (the server may have
     * closed that one too).
     */
    private void dispatch(Call call, boolean fresh) {
        Connection c;
        synchronized (lock) {
            c = fresh ? null : idle.pollFirst();
            if (c == null) {
                if (open >= maxConnections) {
                    waiting.addLast(call);
                    return;
                }
                open++;
            }
        }
        openFor(c, call);
    }

    /** Sends the call on {@code c}, or on a new connection in a slot already counted in {@link #open}. */
    private void openFor(Connection c, Call call) {
        if (c == null) {
            try {
                c = connect();
            } catch (IOException e) {
                synchronized (lock) {
                    open--;
                }
                fail(call, "connect: " + e);
                return;
            }
        }
        send(c, call);
    }

    private Connection connect() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(target.address()); // blocking: loopback, and only while the connections are first opened
            ch.configureBlocking(false);
            Connection c = new Connection(ch);
            synchronized (all) {
                all.add(c);
            }
            ch.register(selector, SelectionKey.OP_READ, c);
            selector.wakeup(); // so the registration takes effect in the reader's current select
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void send(Connection c, Call call) {
        c.len = 0;
        c.sentAt = System.nanoTime();
        c.call = call;
        ByteBuffer out = ByteBuffer.wrap(target.request(call.id()));
        try {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (out.hasRemaining()) {
                if (c.channel.write(out) == 0) {
                    if (System.nanoTime() > giveUp) {
                        throw new IOException("the server took no request bytes for a second");
                    }
                    Thread.onSpinWait(); // a full socket buffer: requests here are a few hundred bytes
                }
            }
        } catch (IOException e) {
            broken(c, e, true);
        }
    }

    private void readLoop() {
        long lastSweep = System.nanoTime();
        try {
            while (!stopping) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        readable((Connection) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastSweep > TimeUnit.MILLISECONDS.toNanos(100)) {
                    lastSweep = now;
                    timeOutStuck(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!stopping) {
                target.failed("reader: " + e);
            }
        }
    }

    private void readable(Connection c) {
        try {
            if (c.len == c.buf.length) {
                if (c.buf.length >= 4 * 1024 * 1024) {
                    throw new IOException("response larger than 4 MiB");
                }
                c.buf = Arrays.copyOf(c.buf, c.buf.length * 2);
            }
            int n = c.channel.read(ByteBuffer.wrap(c.buf, c.len, c.buf.length - c.len));
            if (n < 0) {
                throw new EOFException("connection closed by the server");
            }
            c.len += n;
            Call call = c.call;
            if (call == null) {
                c.len = 0; // nothing asked on this connection: not an answer to anything
                return;
            }
            RawHttpConnection.Response r = RawHttpConnection.parse(c.buf, c.len);
            if (r == null) {
                return;
            }
            long took = Math.max(1, System.nanoTime() - call.due());
            boolean ok = target.ok(r, call.id());
            if (!ok) {
                target.failed("HTTP " + r.status() + " " + r.body());
            }
            finish(call, took, ok);
            c.call = null;
            c.reused = true;
            if (r.close()) {
                retire(c, true);
            } else {
                release(c);
            }
        } catch (IOException e) {
            broken(c, e, true);
        }
    }

    /**
     * A connection that failed: closed, and its call (if any) failed, or sent once more on a new
     * connection when {@code resend} and the connection was reused and had no answer yet (the server
     * closed it while it was idle, so the call never reached the server).
     */
    private void broken(Connection c, IOException e, boolean resend) {
        Call call;
        synchronized (c) { // the sender (a failed write) and the reader (end of stream) may both get here
            call = c.call;
            c.call = null;
        }
        boolean again = call != null && resend && c.reused && c.len == 0 && !call.retried();
        if (!again) {
            retire(c, true);
            if (call != null) {
                fail(call, e.toString());
            }
            return;
        }
        Call retry = new Call(call.index(), call.due(), call.id(), true);
        if (retire(c, false)) {
            openFor(null, retry); // on a new connection, in the slot of the one that failed
        } else {
            dispatch(retry, true); // its slot went to another call already
        }
    }

    /** Gives a connection to the first waiting call, or back to the idle ones. */
    private void release(Connection c) {
        Call next;
        synchronized (lock) {
            next = waiting.pollFirst();
            if (next == null) {
                idle.addFirst(c);
            }
        }
        if (next != null) {
            send(c, next);
        }
    }

    /**
     * Closes a connection, once. With {@code handOn}, its slot goes to the first waiting call (on a
     * new connection) or is freed; without, the caller keeps the slot.
     *
     * @return false when the connection had been retired already (and its slot handed on then)
     */
    private boolean retire(Connection c, boolean handOn) {
        Call next = null;
        synchronized (lock) {
            if (c.retired) {
                return false;
            }
            c.retired = true;
            idle.remove(c);
            if (handOn) {
                open--;
                next = waiting.pollFirst();
            }
        }
        closeQuietly(c.channel);
        if (next != null) {
            dispatch(next);
        }
        return true;
    }

    private void timeOutStuck(long now) {
        List<Connection> stuck = new ArrayList<>();
        synchronized (all) {
            for (Connection c : all) {
                if (c.call != null && now - c.sentAt > readTimeoutNanos && c.channel.isOpen()) {
                    stuck.add(c);
                }
            }
            all.removeIf(c -> !c.channel.isOpen());
        }
        for (Connection c : stuck) {
            broken(c, new IOException("no complete answer within " + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms"), false);
        }
    }

    private void fail(Call call, String why) {
        target.failed(why);
        finish(call, Math.max(1, System.nanoTime() - call.due()), false);
    }

    private void finish(Call call, long took, boolean ok) {
        if (call.index() >= measureFrom) {
            latencies.recordValue(took);
            if (each != null) {
                each[call.index() - measureFrom] = took;
            }
        }
        if (!ok) {
            errors.incrementAndGet();
        }
        finished.incrementAndGet();
    }

    private void closeAll() {
        synchronized (all) {
            for (Connection c : all) {
                closeQuietly(c.channel);
            }
            all.clear();
        }
        closeQuietly(selector);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
