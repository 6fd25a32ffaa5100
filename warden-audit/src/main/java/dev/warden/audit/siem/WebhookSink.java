package dev.warden.audit.siem;

import dev.warden.audit.export.LineSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LineSink} that POSTs batches of lines to an HTTP endpoint as JSON Lines
 * ({@code Content-Type: application/x-ndjson}, one event per line). A batch is sent when it holds
 * {@code batchSize} lines and on {@link #flush()}; a non-2xx answer or a connection failure is an
 * {@link IOException} and the failed batch is dropped from the sink (the caller decides whether to
 * send it again).
 */
public final class WebhookSink implements LineSink {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final URI url;
    private final int batchSize;
    private final Optional<String> bearer;
    private final HttpClient http;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
    private int lines;
    private long posted;

    /**
     * A sink posting to {@code url}.
     *
     * @param url       http(s) endpoint
     * @param batchSize lines per request
     * @param bearer    token sent as {@code Authorization: Bearer}, if any
     */
    public WebhookSink(URI url, int batchSize, Optional<String> bearer) {
        this.url = Objects.requireNonNull(url, "url");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
        this.bearer = Objects.requireNonNull(bearer, "bearer");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void line(byte[] json) throws IOException {
        batch.write(json);
        batch.write('\n');
        if (++lines >= batchSize) {
            flush();
        }
    }

    /** Posts the lines taken since the last post, if any. */
    @Override
    public void flush() throws IOException {
        if (lines == 0) {
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray()));
        bearer.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        int n = lines;
        // the batch is handed over either way: after a failure the caller re-sends what it needs
        lines = 0;
        batch.reset();
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + url, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + url + " answered HTTP " + response.statusCode());
        }
        posted += n;
    }

    /** Lines delivered so far. */
    public long posted() {
        return posted;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            http.close();
        }
    }
}
