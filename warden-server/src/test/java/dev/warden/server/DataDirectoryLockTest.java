package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second server on a data directory in use is refused at start, naming the directory, before it
 * writes anything there; the first goes on deciding and auditing. Two servers on one directory used
 * to fail each other's audit appends ({@code UNIQUE constraint failed: audit_entries.seq}).
 */
class DataDirectoryLockTest {
    @TempDir
    Path data;

    @Test
    void aSecondServerInThisProcessIsRefused_andTheFirstGoesOn() throws Exception {
        try (TestServer first = new TestServer(data, Clock.systemUTC())) {
            String token = first.token("support-bot");

            assertRefused(() -> WardenServer.start(ServerOptions.of(TestServer.QUICKSTART, data, 0, Optional.empty())));
            assertThat(data.resolve("admin.token")).as("the refused server wrote no operator token").doesNotExist();

            for (int i = 0; i < 20; i++) {
                assertThat(first.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-" + i + "\"}}")
                        .get("decision")).isEqualTo("allow");
            }
            assertThat(first.server.warden().auditStore().head().seq()).isGreaterThan(20);
        }
    }

    @Test
    void aServerInAnotherProcessRefusesThisOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ServerProcess.class.getName(),
                TestServer.QUICKSTART.toString(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            // a guard against a child that never starts, not a speed check
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).as("the other server started").startsWith("PORT ");

            WardenException e = assertRefused(() -> new TestServer(data, Clock.systemUTC()));
            assertThat(e.getMessage()).contains("pid " + other.pid());
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
        try (TestServer after = new TestServer(data, Clock.systemUTC())) {
            assertThat(after.decide(after.token("support-bot"), "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}")
                    .get("decision")).as("the directory is usable once the other server is gone").isEqualTo("allow");
        }
    }

    private WardenException assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable start) {
        WardenException[] thrown = new WardenException[1];
        assertThatThrownBy(start).isInstanceOfSatisfying(WardenException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_IN_USE);
            assertThat(e.getMessage()).startsWith("directory " + data.toAbsolutePath().normalize() + " is in use");
            thrown[0] = e;
        });
        return thrown[0];
    }
}
