package dev.warden.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.store.memory.InMemoryAlertStore;
import dev.warden.store.memory.InMemoryAuditStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    @Test
    void backoff_doublesFromTheFirstRetry_andStopsAtFiveMinutes() {
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(new InMemoryAuditStore());
             WebhookDispatcher d = new WebhookDispatcher(new InMemoryAlertStore(), Map.of(), Clock.systemUTC(), log)) {
            assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(1));
            assertThat(d.backoff(2)).isEqualTo(Duration.ofSeconds(2));
            assertThat(d.backoff(5)).isEqualTo(Duration.ofSeconds(16));
            assertThat(d.backoff(9)).isEqualTo(Duration.ofSeconds(256));
            assertThat(d.backoff(10)).isEqualTo(Duration.ofMinutes(5));
            assertThat(d.backoff(1_000)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void signature_isHmacSha256OfTimestampDotBody_withTheUnixSecondsInT() throws Exception {
        byte[] key = "k3y".getBytes(StandardCharsets.UTF_8);
        String body = "{\"a\":1}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1700000000." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookDispatcher.signature(key, Instant.ofEpochSecond(1_700_000_000L, 999_000_000), body))
                .isEqualTo("t=1700000000,v1=" + expected);
    }
}
