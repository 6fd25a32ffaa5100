package dev.warden.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real webhook receiver on loopback: records what it is sent; can fail, hang, stop and come back on its port. */
final class AlertReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(String path, Map<String, String> headers, String body, long receivedNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Every request seen, also the ones answered with a failure. */
    final AtomicInteger attempts = new AtomicInteger();
    /** The next this many requests are answered 503. */
    final AtomicInteger failNext = new AtomicInteger();
    /** Requests to paths starting with this hang until {@link #close}. */
    volatile String hangPrefix;
    final AtomicInteger hanging = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private int port;

    AlertReceiver() throws IOException {
        start(0);
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            long at = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            String prefix = hangPrefix;
            if (prefix != null && exchange.getRequestURI().getPath().startsWith(prefix)) {
                hanging.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
            received.add(new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8), at));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Closes the port: deliveries now fail to connect. */
    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        start(port);
    }

    /** Waits until {@code n} requests were accepted. */
    boolean awaitReceived(int n, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return received.size() >= n;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
