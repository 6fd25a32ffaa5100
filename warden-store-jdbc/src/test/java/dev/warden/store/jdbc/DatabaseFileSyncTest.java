package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.WardenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor {@link JdbcStores} keeps for syncing the database file: closed with the store,
 * and never in a way that drops the SQLite locks of a store still open (closing any descriptor of a
 * file drops all of the process's POSIX locks on it), also when a second open of the file is
 * refused. Reads the kernel's own view: {@code /proc/self/fd} and {@code /proc/locks}.
 */
@EnabledOnOs(OS.LINUX)
class DatabaseFileSyncTest {
    @TempDir
    Path dir;

    @Test
    void theDescriptorIsHeldByTheStoreAndClosedWithIt() throws IOException {
        Path file = dir.resolve("warden.db").toAbsolutePath();
        JdbcStores stores = JdbcStores.openSqlite(file);
        assertThat(DatabaseFileSync.holders(file)).isEqualTo(1);
        stores.close();
        assertThat(DatabaseFileSync.holders(file)).isZero();
        assertThat(descriptorsOf(file)).as("descriptors of the file left open").isZero();
    }

    @Test
    void aRefusedSecondOpenLeavesTheSqliteLockOfTheOpenStoreInPlace() throws IOException {
        Path file = dir.resolve("warden.db").toAbsolutePath();
        JdbcStores first = JdbcStores.openSqlite(file);
        try {
            first.audit().append(Fixtures.records(0, Fixtures.ZERO_HASH, 3, 100));
            // in WAL mode SQLite keeps a shared (read) lock on the database file while a connection is open
            assertThat(ourLocksOn(file)).as("our POSIX locks on the database file").isNotEmpty();
            assertThatThrownBy(() -> JdbcStores.openSqlite(file)).isInstanceOf(WardenException.class);
            assertThat(ourLocksOn(file)).as("our POSIX locks on the database file after the refused open")
                    .isNotEmpty();
            assertThat(DatabaseFileSync.holders(file)).isEqualTo(1);
            assertThat(first.audit().head().seq()).isEqualTo(3);
        } finally {
            first.close();
        }
        assertThat(ourLocksOn(file)).as("our POSIX locks once the store is closed").isEmpty();
    }

    /** The lines of {@code /proc/locks} for POSIX locks this process holds on {@code file}. */
    private static List<String> ourLocksOn(Path file) throws IOException {
        long inode = (long) Files.getAttribute(file, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream()
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f.length >= 6 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].endsWith(":" + inode))
                .map(f -> String.join(" ", f))
                .toList();
    }

    private static long descriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
