package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exclusive use of one SQLite database by one {@link JdbcStores}: a lock file beside the database
 * ({@code warden.db.lock} for {@code warden.db}) locked with {@link FileChannel#tryLock()} from the
 * store's open to its close. A second store of the same database, in another process or in this
 * one, is refused with {@link ErrorCode#STORE_IN_USE} before it opens a connection: two stores
 * appending to one audit log would both number their records from the same head.
 *
 * <p>The lock is a POSIX record lock, which belongs to the process and is dropped when the process
 * closes any descriptor of the file. So within this JVM the lock files held are also kept in a set
 * checked before a second descriptor is ever opened, and a descriptor whose {@code tryLock} ran
 * into a lock some other code of this JVM holds is kept open rather than closed. The kernel drops
 * the lock when the process dies, so a killed server leaves nothing to clean up; the file stays.
 */
final class DatabaseLock {
    /** Lock files (real paths) held by stores of this JVM; guarded by itself. */
    private static final Set<Path> HELD = new HashSet<>();
    /** Descriptors that must stay open so as not to drop a lock other code of this JVM holds (guarded by HELD). */
    private static final List<FileChannel> STRANDED = new ArrayList<>();

    private final Path key;
    private final FileChannel channel;

    private DatabaseLock(Path key, FileChannel channel) {
        this.key = key;
        this.channel = channel;
    }

    /**
     * Locks the database file {@code dbFile} (absolute, normalized, its directory existing).
     *
     * @throws WardenException {@link ErrorCode#STORE_IN_USE} naming the directory when another
     *                         store holds it, {@link ErrorCode#STORE_UNAVAILABLE} when the lock file
     *                         cannot be created or locked
     */
    static DatabaseLock acquire(Path dbFile) {
        Path lockFile = dbFile.resolveSibling(dbFile.getFileName() + ".lock");
        synchronized (HELD) {
            Path key;
            try {
                key = dbFile.getParent().toRealPath().resolve(lockFile.getFileName());
            } catch (IOException e) {
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "lock the database " + dbFile + " failed: " + e, e);
            }
            if (HELD.contains(key)) {
                throw inUse(dbFile, lockFile, "another store of this process");
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "create the lock file " + lockFile + " failed: " + e, e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                STRANDED.add(channel); // closing it would drop the lock the other holder in this JVM has
                throw inUse(dbFile, lockFile, "this process (outside Warden's stores)");
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "lock " + lockFile + " failed: " + e, e);
            }
            if (lock == null) {
                String holder = holderOf(channel);
                closeQuietly(channel);
                throw inUse(dbFile, lockFile, holder);
            }
            writeHolder(channel);
            if (!channel.isOpen() || !lock.isValid()) { // an interrupt closed the descriptor, and with it the lock
                throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "lock " + lockFile + " failed: interrupted");
            }
            HELD.add(key);
            return new DatabaseLock(key, channel);
        }
    }

    /** Releases the lock (closing the descriptor releases it); call once, after the store's connections closed. */
    void release() {
        synchronized (HELD) {
            HELD.remove(key);
            closeQuietly(channel);
        }
    }

    private static WardenException inUse(Path dbFile, Path lockFile, String holder) {
        return new WardenException(ErrorCode.STORE_IN_USE, "directory " + dbFile.getParent() + " is in use: its database "
                + dbFile.getFileName() + " is already open in " + holder + ", which holds the lock file " + lockFile);
    }

    /** Who holds the lock, from the process id the holder wrote into the file. */
    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]{1,19}") ? "another process (pid " + pid + ")" : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    /** Writes this process's id into the lock file, for the message another process shows. */
    private static void writeHolder(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException ignored) {
            // only the message of a refused open loses the process id
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing written through it that matters
        }
    }
}
