package dev.warden.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.JsonSchema;
import dev.warden.testing.TestDetectors;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A tool's output checks (ATF D-4): schema, size and forbidden classes, each naming its rule. */
class OutputChecksTest {
    static final MaskingKey KEY = MaskingKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    static DataGovernance data(OutputRule rule) {
        return new DataGovernance(TestDetectors.all(), new DataRules(Map.of(), Map.of(), Map.of(), ScanLimits.DEFAULTS,
                Map.of("crm.export", rule)), KEY);
    }

    static final OutputRule RULE = new OutputRule(
            Optional.of(JsonSchema.of(Map.of("type", "object", "required", List.of("rows"),
                    "properties", Map.of("rows", Map.of("type", "array"))))),
            OptionalLong.of(200), EnumSet.of(DataClass.CARD), "crm.export.output");

    @Test
    void anOutputMatchingItsSchemaWithinItsSize_passes_asStructuredJsonOrAsJsonText() {
        Map<String, Object> ok = Map.of("rows", List.of("a", "b"));
        assertThat(data(RULE).scanOutput("crm.export", ok, null, ok, null, null).verdict()).isEqualTo(ScanVerdict.PASS);
        String text = "{\"rows\":[]}";
        assertThat(data(RULE).scanOutput("crm.export", text, text, null, null, null).verdict()).isEqualTo(ScanVerdict.PASS);
        // another tool has no checks
        assertThat(data(RULE).scanOutput("other", "not json", "not json", null, null, null).verdict()).isEqualTo(ScanVerdict.PASS);
    }

    @Test
    void aSchemaViolation_blocksNamingTheRule() {
        Map<String, Object> bad = Map.of("rows", "nope");
        ScanResult r = data(RULE).scanOutput("crm.export", bad, null, bad, null, null);
        assertThat(r.verdict()).isEqualTo(ScanVerdict.BLOCK);
        assertThat(r.rule()).contains("crm.export.output.schema");
        assertThat(r.code()).contains("output_schema");

        ScanResult text = data(RULE).scanOutput("crm.export", "plain words", "plain words", null, null, null);
        assertThat(text.rule()).contains("crm.export.output.schema");
    }

    @Test
    void anOversizeOutput_blocksNamingTheRule() {
        String big = "{\"rows\":[\"" + "x".repeat(300) + "\"]}";
        ScanResult r = data(RULE).scanOutput("crm.export", big, big, null, null, null);
        assertThat(r.rule()).contains("crm.export.output.max_bytes");
        assertThat(r.code()).contains("output_too_large");
    }

    @Test
    void aForbiddenClass_blocks_evenThoughItsActionIsOnlyDetect() {
        Map<String, Object> leak = Map.of("rows", List.of("card " + TestDetectors.CARD));
        ScanResult r = data(RULE).scanOutput("crm.export", leak, null, leak, null, null);
        assertThat(r.verdict()).isEqualTo(ScanVerdict.BLOCK);
        assertThat(r.rule()).contains("crm.export.output.forbid");
        assertThat(r.code()).contains("output_forbidden");
        assertThat(r.masked()).isNull();
    }

    @Test
    void toxicityAtTheDefaultThreshold_blocksAnyOutput() {
        ScanResult r = data(RULE).scanOutput("other", "idiot idiot", "idiot idiot", null, null, null);
        assertThat(r.verdict()).isEqualTo(ScanVerdict.BLOCK);
        assertThat(r.rule()).contains("default=block");
    }
}
