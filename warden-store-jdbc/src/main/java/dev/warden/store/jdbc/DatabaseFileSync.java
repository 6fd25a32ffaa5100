package dev.warden.store.jdbc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A read-only descriptor of a SQLite database file, used for {@code fsync} alone, shared by every
 * {@link JdbcStores} of this JVM that has the file open.
 *
 * <p>Why shared and counted: closing any descriptor of a file drops every POSIX lock the process
 * holds on it, and SQLite's locks are POSIX locks. So the descriptor is closed only when the last
 * store of the file releases it, after that store has closed its SQLite connections; a store that
 * closes while another store of the same file is open leaves the other's locks in place. (A
 * {@code FileChannel} would not do either: interrupting a thread inside one closes it.) Since
 * {@link DatabaseLock} admits one store per file at a time, a file has one holder in practice.
 */
final class DatabaseFileSync {
    private static final Map<Path, DatabaseFileSync> OPEN = new HashMap<>();

    private final Path file;
    private final RandomAccessFile descriptor;
    /** Guarded by {@code OPEN}. */
    private int holders;

    private DatabaseFileSync(Path file, RandomAccessFile descriptor) {
        this.file = file;
        this.descriptor = descriptor;
    }

    /**
     * The descriptor of {@code file} (absolute and normalized), opened on first use; each call must
     * be matched by one {@link #release()}.
     */
    static DatabaseFileSync acquire(Path file) throws IOException {
        synchronized (OPEN) {
            DatabaseFileSync sync = OPEN.get(file);
            if (sync == null) {
                sync = new DatabaseFileSync(file, new RandomAccessFile(file.toFile(), "r"));
                OPEN.put(file, sync);
            }
            sync.holders++;
            return sync;
        }
    }

    /** Writes the file's pages that are in the page cache and not yet on disk out to disk. */
    void sync() throws IOException {
        descriptor.getFD().sync();
    }

    /** Gives up one hold; the last one closes the descriptor. Call after closing the holder's connections. */
    void release() {
        synchronized (OPEN) {
            if (--holders > 0) {
                return;
            }
            OPEN.remove(file);
        }
        try {
            descriptor.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    /** How many stores hold the descriptor of {@code file} (tests). */
    static int holders(Path file) {
        synchronized (OPEN) {
            DatabaseFileSync sync = OPEN.get(file);
            return sync == null ? 0 : sync.holders;
        }
    }
}
