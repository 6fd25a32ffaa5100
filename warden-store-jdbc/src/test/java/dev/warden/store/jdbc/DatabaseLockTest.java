package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditHead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One store per database file: a second open, from this process or another, is refused with
 * {@code store_in_use} naming the directory, and a refused open never loosens the first store's hold
 * (closing any descriptor of a locked file drops the process's POSIX lock on it). Two stores of one
 * file used to number their audit records from the same head ({@code UNIQUE constraint failed:
 * audit_entries.seq}).
 */
class DatabaseLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondStoreInThisProcessIsRefusedNamingTheDirectory_evenThroughASymlink() throws Exception {
        Path file = dir.resolve("warden.db");
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            try (JdbcStores first = JdbcStores.openSqlite(file)) {
                first.audit().append(Fixtures.records(0, Fixtures.ZERO_HASH, 3, 100));

                assertInUse(() -> JdbcStores.openSqlite(file), dir);
                assertInUse(() -> JdbcStores.openSqlite(link.resolve("warden.db")), link);

                AuditHead head = first.audit().head();
                first.audit().append(Fixtures.records(head.seq(), head.chainHash(), 2, 100));
                assertThat(first.audit().head().seq()).isEqualTo(5);
            }
            try (JdbcStores again = JdbcStores.openSqlite(file)) {
                assertThat(again.audit().head().seq()).as("reopened once the first store closed").isEqualTo(5);
            }
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aStoreOpenInAnotherProcessRefusesThisOne() throws Exception {
        Path file = dir.resolve("warden.db");
        Process holder = holder(file);
        try {
            assertThat(firstLine(holder)).isEqualTo("OPEN");
            WardenException e = assertInUse(() -> JdbcStores.openSqlite(file), dir);
            assertThat(e.getMessage()).contains("pid " + holder.pid());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
            holder.destroyForcibly();
        }
        try (JdbcStores mine = JdbcStores.openSqlite(file)) {
            assertThat(mine.audit().head().seq()).as("usable once the other process let go").isZero();
        }
    }

    @Test
    void aStoreOpenHereRefusesAnotherProcess_alsoAfterARefusedOpenHere() throws Exception {
        Path file = dir.resolve("warden.db");
        try (JdbcStores mine = JdbcStores.openSqlite(file)) {
            assertInUse(() -> JdbcStores.openSqlite(file), dir);

            Process second = holder(file);
            try {
                assertThat(firstLine(second)).startsWith("REFUSED store_in_use: directory " + dir.toAbsolutePath().normalize() + " is in use")
                        .contains("pid " + ProcessHandle.current().pid());
            } finally {
                second.destroyForcibly();
            }
        }
    }

    @Test
    void aLockFileOtherCodeOfThisProcessHoldsIsInUse_andItsLockSurvivesTheRefusal() throws Exception {
        Path file = dir.resolve("warden.db");
        try (FileChannel other = FileChannel.open(dir.resolve("warden.db.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock theirs = other.lock()) {
            assertInUse(() -> JdbcStores.openSqlite(file), dir);

            assertThat(theirs.isValid()).isTrue();
            Process second = holder(file);
            try {
                assertThat(firstLine(second)).as("the kernel still has this process's lock").startsWith("REFUSED store_in_use");
            } finally {
                second.destroyForcibly();
            }
        }
    }

    private static WardenException assertInUse(org.assertj.core.api.ThrowableAssert.ThrowingCallable open, Path directory) {
        WardenException[] thrown = new WardenException[1];
        assertThatThrownBy(open).isInstanceOfSatisfying(WardenException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_IN_USE);
            assertThat(e.getMessage()).startsWith("directory " + directory.toAbsolutePath().normalize() + " is in use");
            thrown[0] = e;
        });
        return thrown[0];
    }

    private static Process holder(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StoreHolderProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child's first line; a guard against a child that never answers, not a speed check. */
    private static String firstLine(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(line).as("the child process answered").isNotNull();
        return line;
    }
}
