package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory belongs to the configuration it was created with: its agents live in that
 * configuration's projects. A server started on it with another configuration is refused, naming
 * both and what to do, instead of adopting agents of projects it does not have.
 */
class DataDirectoryConfigTest {
    @TempDir
    Path tmp;

    @Test
    void aDataDirectoryOfOneConfigRefusesAnother() throws Exception {
        Path data = tmp.resolve("data");
        Path other = copyOfQuickstart(tmp.resolve("other-config"));
        try (TestServer first = new TestServer(data, Clock.systemUTC())) {
            assertThat(first.server.warden().agents().find("support-bot")).isPresent();
        }
        String quickstart = TestServer.QUICKSTART.toRealPath().toString();

        assertThatThrownBy(() -> new TestServer(other, data, Clock.systemUTC()))
                .isInstanceOf(DataDirectoryException.class)
                .hasMessage("data directory " + data.toAbsolutePath().normalize() + " was created with the config "
                        + quickstart + ", not " + other.toRealPath() + ": its agents and audit log belong to that config."
                        + " Give this config its own data directory (--data-dir .warden-other-config), or stop the server"
                        + " and remove " + data.toAbsolutePath().normalize() + " to start over");

        try (TestServer again = new TestServer(TestServer.QUICKSTART.toAbsolutePath(), data, Clock.systemUTC())) {
            assertThat(again.server.warden().agents().find("support-bot")).as("the same config by another path").isPresent();
        }
    }

    @Test
    void aConfigThatMovedIsFollowed() throws Exception {
        Path data = tmp.resolve("data");
        Path before = copyOfQuickstart(tmp.resolve("checkout-1"));
        try (TestServer first = new TestServer(before, data, Clock.systemUTC())) {
            assertThat(first.server.warden().agents().find("support-bot")).isPresent();
        }
        Path after = Files.move(before, tmp.resolve("checkout-2"));

        try (TestServer moved = new TestServer(after, data, Clock.systemUTC())) {
            assertThat(moved.server.warden().agents().find("support-bot")).isPresent();
        }
        assertThat(Files.readString(data.resolve(DataDirectory.CONFIG_FILE)).strip()).isEqualTo(after.toRealPath().toString());
    }

    static Path copyOfQuickstart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(TestServer.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(TestServer.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }
}
