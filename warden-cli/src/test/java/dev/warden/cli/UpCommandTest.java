package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden up} as a user runs it: in its own JVM. */
class UpCommandTest {
    @TempDir
    Path data;
    @TempDir
    Path configs;

    @Test
    void aSecondUpOnADataDirectoryInUseExitsNonZeroNamingTheDirectory() throws Exception {
        try (TestWarden first = TestWarden.start(data);
             UpProcess up = UpProcess.start("--config", TestWarden.QUICKSTART.toString(), "--data-dir", data.toString(), "--port", "0")) {
            UpProcess.Run second = up.awaitExit();

            assertThat(second.exit()).as("exit status; %s", second).isEqualTo(1);
            assertThat(second.err()).as(second.toString())
                    .startsWith("warden: cannot start: data directory " + data.toAbsolutePath().normalize() + " is in use")
                    .contains("--data-dir");
            assertThat(second.out()).doesNotContain("Warden is running");
            assertThat(first.operator("agent", "get", "support-bot").exit()).as("the first server still answers").isZero();
        }
    }

    @Test
    void upWithAnotherConfigRefusesTheDataDirectoryOfTheFirst() throws Exception {
        try (TestWarden quickstart = TestWarden.start(data)) {
            assertThat(quickstart.operator("agent", "get", "support-bot").exit()).isZero();
        }
        Path gateway = copy(TestWarden.QUICKSTART, configs.resolve("gateway"));

        try (UpProcess up = UpProcess.start("--config", gateway.toString(), "--data-dir", data.toString(), "--port", "0")) {
            UpProcess.Run run = up.awaitExit();

            assertThat(run.exit()).as("exit status; %s", run).isEqualTo(2);
            assertThat(run.err()).as(run.toString()).isEqualTo("warden: cannot start: data directory "
                    + data.toAbsolutePath().normalize() + " was created with the config " + TestWarden.QUICKSTART.toRealPath()
                    + ", not " + gateway.toRealPath() + ": its agents and audit log belong to that config. Give this config"
                    + " its own data directory (--data-dir .warden-gateway), or stop the server and remove "
                    + data.toAbsolutePath().normalize() + " to start over\n");
        }
    }

    private static Path copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
