package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden up} as a user runs it: in its own JVM. */
class UpCommandTest {
    @TempDir
    Path data;

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
}
