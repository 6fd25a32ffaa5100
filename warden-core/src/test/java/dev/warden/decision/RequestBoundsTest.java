package dev.warden.decision;

import static dev.warden.testing.Fixtures.EMAIL;
import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.WardenFixture.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditRecord;
import dev.warden.testing.WardenFixture;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded library takes any Java map as arguments: the decision point bounds them itself. */
class RequestBoundsTest {
    private final WardenFixture f = new WardenFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void decide_numberBombInArgs_deniedAndRecordedWithoutTheArgs() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, Map.of("sku", "A-1", "n", new BigDecimal("1e999999999")));

        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("invalid_number");
            assertThat(r.message()).contains("args.n");
        });
        AuditRecord rec = f.records("decision").getLast();
        assertThat(rec.decisionId()).isEqualTo(d.id().value());
        assertThat(rec.entry()).contains("\"args\":{}").contains("invalid_number").hasSizeLessThan(2000);
    }

    @Test
    void decide_argsTooLargeInCanonicalForm_denied() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, Map.of("sku", Collections.nCopies(RequestBounds.MAX_ARGS_CHARS / 100, "x".repeat(100))));

        assertThat(codes(d)).containsExactly("arguments_too_large");
        assertThat(f.records("decision").getLast().entry()).hasSizeLessThan(2000);
    }

    @Test
    void decide_overlongRationale_deniedAndCut() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.warden.decisions().decide(new DecisionRequest(c, READ, Optional.empty(), Map.of("sku", "A-1"),
                Optional.of("r".repeat(1_000_000)), Optional.empty()));

        assertThat(codes(d)).containsExactly("invalid_request");
        assertThat(f.records("decision").getLast().entry().length()).isLessThan(RequestBounds.MAX_TEXT_CHARS + 2000);
    }

    @Test
    void decide_argsNestedDeeperThanTheBound_deniedAndRecordedWithoutTheArgs() {
        f.policies.permit(EMAIL, "p-email");
        Caller c = f.register("mailer", MaturityLevel.PRINCIPAL);

        Decision deepest = f.decide(c, EMAIL, Map.of("body", nested(RequestBounds.MAX_ARGS_DEPTH - 1)));
        Decision deeper = f.decide(c, EMAIL, Map.of("body", nested(RequestBounds.MAX_ARGS_DEPTH)));

        assertThat(deepest).isInstanceOf(Decision.Allow.class);
        assertThat(codes(deeper)).containsExactly("invalid_arguments");
        assertThat(deeper.reasons().getFirst().message()).contains("nest deeper than " + RequestBounds.MAX_ARGS_DEPTH);
        assertThat(f.records("decision").getLast().entry()).contains("\"args\":{}");
    }

    /** A list in a list ... {@code levels} deep. */
    private static Object nested(int levels) {
        Object v = 1L;
        for (int i = 0; i < levels; i++) {
            v = java.util.List.of(v);
        }
        return v;
    }

    @Test
    void decide_unpairedSurrogateInResourceOrRationale_deniedAndRecordedAsAsked() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision resource = f.warden.decisions().decide(new DecisionRequest(c, READ, Optional.of("shelf-\uDC00"),
                Map.of("sku", "A-1"), Optional.empty(), Optional.empty()));
        Decision rationale = f.warden.decisions().decide(new DecisionRequest(c, READ, Optional.empty(),
                Map.of("sku", "A-1"), Optional.of("because \uD83D"), Optional.empty()));
        Decision paired = f.warden.decisions().decide(new DecisionRequest(c, READ, Optional.of("shelf-\uD83D\uDE00"),
                Map.of("sku", "A-1\uD800"), Optional.empty(), Optional.empty()));

        assertThat(codes(resource)).containsExactly("invalid_request");
        assertThat(resource.reasons().getFirst().message()).contains("resource holds an unpaired surrogate");
        assertThat(codes(rationale)).containsExactly("invalid_request");
        assertThat(f.records("decision").get(0).entry()).contains("\"resource\":\"shelf-\\udc00\"");
        assertThat(paired).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void decide_notPlainJson_deniedNotThrown() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);

        Decision d = f.decide(c, READ, Map.of("sku", new Object()));
        Decision nan = f.decide(c, READ, Map.of("sku", Double.NaN));

        assertThat(codes(d)).containsExactly("invalid_arguments");
        assertThat(codes(nan)).containsExactly("invalid_number");
    }

    @Test
    void reason_overlongMessage_isCut() {
        Reason r = Reason.of("policy", "evaluation_error", "9".repeat(1_000_000));
        assertThat(r.message()).hasSize(Reason.MAX_MESSAGE_CHARS).endsWith("...");
    }
}
