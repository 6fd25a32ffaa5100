package dev.warden.audit.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a trailing {@code \r} is dropped), reusing one
 * buffer, so memory is bounded by the longest line (at most 64 MiB).
 */
final class LineReader {
    private static final int MAX_LINE = 64 << 20;
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1 << 12];
    private int length;
    private long number;
    private long bytesRead;
    private boolean unterminated;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        if (eof) {
            return false;
        }
        length = 0;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    eof = true;
                    if (length == 0) {
                        return false;
                    }
                    unterminated = true;
                    number++;
                    return true;
                }
                bytesRead += chunkLen;
            }
            int start = chunkPos;
            int nl = -1;
            for (int i = chunkPos; i < chunkLen; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? chunkLen : nl;
            append(start, end - start);
            if (nl >= 0) {
                chunkPos = nl + 1;
                number++;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
            chunkPos = chunkLen;
        }
    }

    private void append(int from, int n) throws IOException {
        if (length + n > line.length) {
            if (length + n > MAX_LINE) {
                throw new IOException("line " + (number + 1) + " is longer than " + MAX_LINE + " bytes");
            }
            line = Arrays.copyOf(line, Math.max(length + n, line.length * 2));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    /** The current line's bytes (valid up to {@link #length()}). */
    byte[] buffer() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** True if the last line had no newline. */
    boolean unterminated() {
        return unterminated;
    }
}
