package dev.warden.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void wire_aRetryableReason_carriesRetryAfterMsLast() {
        Reason r = Reason.retryable("limits", "rate_limited", "60 calls a minute", 1_250);

        assertThat(r.retryAfterMs()).isEqualTo(OptionalLong.of(1_250));
        assertThat(List.copyOf(r.wire().keySet())).containsExactly("guard", "code", "message", "retry_after_ms");
        assertThat(r.wire()).containsEntry("retry_after_ms", 1_250L);
    }

    @Test
    void wire_aPlainReason_hasNoRetryHint() {
        assertThat(Reason.of("policy", "no_permit", "nothing permits it").wire()).doesNotContainKey("retry_after_ms");
    }

    @Test
    void retryable_aNegativeWait_isRefused() {
        assertThatThrownBy(() -> Reason.retryable("limits", "rate_limited", "x", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
