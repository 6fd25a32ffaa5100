package dev.warden.audit.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes lines to an output stream, each followed by {@code \n}. Closing closes the stream. */
public final class StreamSink implements LineSink {
    private final OutputStream out;

    /** Buffers writes to {@code out}. */
    public StreamSink(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void line(byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
