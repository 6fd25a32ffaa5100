package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden up} as a user runs it: in its own JVM. */
class UpCommandTest {
    @TempDir
    Path data;

    @Test
    void aSecondUpOnADataDirectoryInUseExitsNonZeroNamingTheDirectory() throws Exception {
        try (TestWarden first = TestWarden.start(data)) {
            Run second = up("--config", TestWarden.QUICKSTART.toString(), "--data-dir", data.toString(), "--port", "0");

            assertThat(second.exit()).as("exit status; %s", second).isEqualTo(1);
            assertThat(second.err()).as(second.toString())
                    .startsWith("warden: cannot start: data directory " + data.toAbsolutePath().normalize() + " is in use")
                    .contains("--data-dir");
            assertThat(second.out()).doesNotContain("Warden is running");
            assertThat(first.operator("agent", "get", "support-bot").exit()).as("the first server still answers").isZero();
        }
    }

    /** What a {@code warden up} process printed and how it ended. */
    record Run(int exit, String out, String err) {
    }

    /**
     * Runs {@code warden up} in a child JVM until it exits; one that starts serving instead is
     * stopped (a guard against a hang, not a speed check) and reported with exit -1.
     */
    static Run up(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), WardenCommand.class.getName(), "up"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("WARDEN_ADMIN_TOKEN");
        Process p = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outCopy = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread errCopy = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !text(out).contains("Warden is running")) {
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        int exit = -1;
        if (p.isAlive()) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        } else {
            exit = p.exitValue();
        }
        p.waitFor(30, TimeUnit.SECONDS);
        outCopy.join(10_000);
        errCopy.join(10_000);
        return new Run(exit, text(out), text(err));
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream into) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (into) {
                    into.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
