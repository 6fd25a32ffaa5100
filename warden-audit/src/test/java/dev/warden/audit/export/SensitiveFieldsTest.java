package dev.warden.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.log.CheckpointPolicy;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.InMemoryLogStore;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.scan.MaskingKey;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sensitive fields are stored masked with Warden's keyed hash; the Merkle hash covers the masked
 * form, so verification never needs the secret, and without the key a masked value confirms nothing.
 */
class SensitiveFieldsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @Test
    void maskedBeforeHashingAndVerifiableWithoutTheRawValue() throws Exception {
        String card = "4111 1111 1111 1111";
        InMemoryLogStore store = new InMemoryLogStore();
        NoteSigner key = NoteSigner.generate("test.local/audit", new SecureRandom());
        Checkpointer checkpointer = new Checkpointer(store, store, "test.local/audit", key, CheckpointPolicy.DEFAULT, CLOCK);
        MaskingKey maskingKey = MaskingKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            log.maskingKey(maskingKey);
            log.appendDurably(AuditEvent.forAgent("decision", CLOCK.instant(), "billing-bot",
                    Map.of("action", "payments.charge", "args", Map.of("card_number", card, "amount", 12L)))
                    .withSensitive(Set.of("args.card_number", "args.not_there")));
            log.appendDurably(AuditEvent.of("test.event", CLOCK.instant(), Map.of("n", 1L)));
        }
        checkpointer.publish();

        AuditRecord r = store.read(new AuditQuery(0, 1, Optional.empty(), Optional.empty())).getFirst();
        String masked = AuditEvent.masked(card, maskingKey);
        assertThat(masked).matches("\\[masked:hmac:[0-9a-f]{16}]");
        assertThat(r.entry()).doesNotContain(card).doesNotContain("1111")
                .contains("\"card_number\":\"" + masked + "\"")
                .contains("\"amount\":12")
                .contains("\"masked_fields\":[\"args.card_number\"]");
        assertThat(r.leafHash()).isEqualTo(new TreeHasher().leaf(r.entry().getBytes(StandardCharsets.UTF_8)).hex());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSink sink = new StreamSink(out)) {
            new LogExporter(store, store, "test.local/audit", "test").export(new ExportRequest(0, 2, ExportFormat.JSONL, false), sink);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(card);
        assertThat(new ExportVerifier(KeyRing.of(List.of(key.verifier()))).verify(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(VerifyResult.Verified.class);
        // whoever holds the key can confirm a candidate value against the masked form; equal values correlate
        assertThat(AuditEvent.masked("4111 1111 1111 1111", maskingKey)).isEqualTo(masked);
        assertThat(AuditEvent.masked("4111 1111 1111 1112", maskingKey)).isNotEqualTo(masked);
        // without the key, a guess cannot be confirmed: another key gives another tag
        MaskingKey other = MaskingKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(AuditEvent.masked(card, other)).isNotEqualTo(masked);
    }
}
