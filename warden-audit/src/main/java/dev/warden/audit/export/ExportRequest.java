package dev.warden.audit.export;

import java.util.Objects;

/**
 * What to export.
 *
 * @param from              first leaf index to export (0 for the whole log)
 * @param to                tree size to stop at (exclusive end index); usually the latest checkpoint's size
 * @param format            line format
 * @param consistencyProofs in JSON Lines, also write an RFC 9162 consistency proof before every
 *                          checkpoint, from the previous checkpoint's size
 */
public record ExportRequest(long from, long to, ExportFormat format, boolean consistencyProofs) {
    /** Checks the bounds. */
    public ExportRequest {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("need 0 <= from <= to");
        }
        Objects.requireNonNull(format, "format");
    }
}
