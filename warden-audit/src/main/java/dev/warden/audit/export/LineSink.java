package dev.warden.audit.export;

import java.io.IOException;

/** Where exported lines go: a stream, or a SIEM webhook. */
public interface LineSink extends AutoCloseable {

    /** Takes one line (UTF-8 JSON, without the newline). */
    void line(byte[] json) throws IOException;

    /** Delivers everything taken so far. */
    void flush() throws IOException;

    /** Flushes and releases resources. */
    @Override
    void close() throws IOException;
}
