package dev.warden.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code warden up} as a user runs it: in a JVM of its own (its lock, its shutdown hook), with
 * {@code WARDEN_ADMIN_TOKEN} and {@code WARDEN_URL} removed from its environment. Waits are guards
 * against a child that hangs, not speed checks.
 */
final class UpProcess implements AutoCloseable {
    private static final long WAIT_SECONDS = 120;

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread outCopy;
    private final Thread errCopy;

    private UpProcess(Process process) {
        this.process = process;
        this.outCopy = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
        this.errCopy = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
    }

    /** Starts {@code warden up ARGS}. */
    static UpProcess start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), WardenCommand.class.getName(), "up"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("WARDEN_ADMIN_TOKEN");
        builder.environment().remove("WARDEN_URL");
        return new UpProcess(builder.start());
    }

    /** What the process printed so far and how it ended (exit -1: still running). */
    record Run(int exit, String out, String err) {
        Run withExit(int code) {
            return new Run(code, out, err);
        }
    }

    /** Waits until the server prints its banner's last line, or the process exits; true when it serves. */
    boolean awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (process.isAlive() && System.nanoTime() < deadline && !text(out).contains("Press Ctrl-C to stop.")) {
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return process.isAlive() && text(out).contains("Press Ctrl-C to stop.");
    }

    /**
     * Waits for the process to exit by itself; one that starts serving instead is stopped and
     * reported with exit -1.
     */
    Run awaitExit() throws InterruptedException {
        if (awaitServing()) {
            return stop().withExit(-1);
        }
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        return finish();
    }

    /** Stops the server as Ctrl-C would (SIGTERM: the shutdown hook closes it) and waits for the end. */
    Run stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return finish();
    }

    private Run finish() throws InterruptedException {
        outCopy.join(10_000);
        errCopy.join(10_000);
        return new Run(process.isAlive() ? -1 : process.exitValue(), text(out), text(err));
    }

    String out() {
        return text(out);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
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
