package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console in headless Chromium: starts a real server with the quickstart config and
 * runs the {@code console-e2e/} node tests (playwright-core, axe-core) against it. Screenshots of
 * each page land in {@code warden-server/target/console-screenshots}. Node and Chromium must be
 * installed; {@code WARDEN_SKIP_BROWSER=1} skips the test instead of failing it.
 */
@Tag("browser")
class ConsoleBrowserTest {
    static final Path E2E = Path.of("..", "console-e2e").toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    static final String INSTALL = "On Debian/Ubuntu: apt-get install -y --no-install-recommends chromium nodejs npm "
            + "(./warden test and .ci/run install Chromium when it is missing). "
            + "Set WARDEN_SKIP_BROWSER=1 to skip the browser tests instead.";
    /** Written into node_modules after a successful {@code npm ci}: the SHA-256 of the lockfile it installed. */
    static final String STAMP = ".warden-lockfile.sha256";

    @TempDir
    Path data;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void consolePassesItsBrowserTests() throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("WARDEN_SKIP_BROWSER")), "WARDEN_SKIP_BROWSER=1");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is needed for the console browser tests and is not at " + chromium + " (or set CHROMIUM). " + INSTALL);
        }
        requireNode();
        installPackagesWhenStale();

        try (TestServer s = new TestServer(data, Clock.systemUTC())) {
            Run run = run(List.of("node", "--test", E2E.getFileName() + "/"), E2E.getParent(), Map.of(
                    "WARDEN_URL", s.server.url(),
                    "WARDEN_ADMIN_TOKEN", TestServer.ADMIN,
                    "WARDEN_DATA_DIR", data.toString(),
                    "CHROMIUM", chromium.toString(),
                    "SCREENSHOT_DIR", SCREENSHOTS.toString()), Duration.ofMinutes(8));
            assertThat(run.exit()).as("node --test console-e2e/ failed:%n%s", run.output()).isZero();
            assertThat(run.output()).as(run.output()).containsPattern("# pass [1-9]").contains("# fail 0");
        }
    }

    static void requireNode() throws InterruptedException {
        try {
            Run version = run(List.of("node", "--version"), E2E, Map.of(), Duration.ofSeconds(30));
            int major = Integer.parseInt(version.output().strip().replaceFirst("^v(\\d+).*", "$1"));
            if (version.exit() != 0 || major < 18) {
                fail("Node.js 18 or later is needed for the console browser tests, found " + version.output().strip() + ". " + INSTALL);
            }
        } catch (IOException | NumberFormatException e) {
            fail("Node.js is needed for the console browser tests and `node` is not on the PATH (" + e.getMessage() + "). " + INSTALL);
        }
    }

    /** Runs {@code npm ci} when node_modules is missing or was installed from another lockfile. */
    static void installPackagesWhenStale() throws IOException, InterruptedException {
        String lock = sha256(Files.readAllBytes(E2E.resolve("package-lock.json")));
        Path stamp = E2E.resolve("node_modules").resolve(STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(lock)) {
            return;
        }
        Run npm;
        try {
            npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), E2E, Map.of(), Duration.ofMinutes(3));
        } catch (IOException e) {
            throw new AssertionError("npm is needed to install the console browser tests' packages (" + e.getMessage() + "). " + INSTALL, e);
        }
        assertThat(npm.exit()).as("npm ci in console-e2e failed:%n%s", npm.output()).isZero();
        Files.writeString(stamp, lock + "\n");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished process: its exit status and its merged output. */
    record Run(int exit, String output) {}

    /** Runs {@code command} in {@code dir}, echoing its output as it comes; kills it after {@code max}. */
    static Run run(List<String> command, Path dir, Map<String, String> env, Duration max)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println(line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process was killed; what was read is kept
            }
        });
        if (!p.waitFor(max.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            reader.join(Duration.ofSeconds(5));
            synchronized (output) {
                fail(String.join(" ", command) + " did not finish within " + max + ":\n" + output);
            }
        }
        reader.join(Duration.ofSeconds(10));
        synchronized (output) {
            return new Run(p.exitValue(), output.toString());
        }
    }
}
