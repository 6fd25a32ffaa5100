package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** {@link SupervisedStdioTransport#awaitWritten}: what was sent has left Warden, or the wait says it has not. */
class SupervisedStdioTransportTest {
    @TempDir
    Path dir;

    private SupervisedStdioTransport start(String script) {
        SupervisedStdioTransport t = new SupervisedStdioTransport(ServerParameters.builder("/bin/sh").args("-c", script).build(),
                McpJson.SDK, Optional.of(dir));
        t.connect(in -> Mono.empty()).block(Duration.ofSeconds(10));
        return t;
    }

    private static McpSchema.JSONRPCMessage message(int i) {
        return new McpSchema.JSONRPCNotification("notifications/test", Map.of("i", i, "pad", "x".repeat(1000)));
    }

    @Test
    void aProcessReadingItsInput_hasEverythingSentWritten() {
        SupervisedStdioTransport t = start("cat > /dev/null");
        try {
            for (int i = 0; i < 5; i++) {
                t.sendMessage(message(i)).block();
            }
            assertThat(t.awaitWritten(Duration.ofSeconds(10))).isTrue();
        } finally {
            t.close();
        }
    }

    @Test
    void aProcessNotReadingItsInput_holdsTheWriter_andTheWaitSaysSo_untilItReads() {
        // the pipe holds 64 KiB: 200 messages of 1 KiB cannot all be written before the process reads
        SupervisedStdioTransport t = start("sleep 3; cat > /dev/null");
        try {
            for (int i = 0; i < 200; i++) {
                t.sendMessage(message(i)).block();
            }
            assertThat(t.awaitWritten(Duration.ofMillis(200))).isFalse();
            assertThat(t.awaitWritten(Duration.ofSeconds(30))).isTrue();
        } finally {
            t.close();
        }
    }
}
