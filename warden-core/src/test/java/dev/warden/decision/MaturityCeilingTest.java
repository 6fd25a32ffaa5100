package dev.warden.decision;

import static dev.warden.decision.MaturityCeiling.Verdict.APPROVAL;
import static dev.warden.decision.MaturityCeiling.Verdict.DENIED;
import static dev.warden.decision.MaturityCeiling.Verdict.WITHIN;
import static dev.warden.decision.MaturityCeiling.Verdict.WITHIN_NOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.catalog.EffectClass;
import dev.warden.catalog.RiskTier;
import dev.warden.catalog.Tool;
import dev.warden.testing.Fixtures;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaturityCeilingTest {

    private static Tool tool(Set<EffectClass> effects, RiskTier risk) {
        return Fixtures.tool("t." + risk.wire(), effects, risk, Map.of());
    }

    private static Tool write(RiskTier risk) {
        return tool(Set.of(EffectClass.WRITE), risk);
    }

    @Test
    void check_readOnlyTools_withinAtEveryLevelAndRisk() {
        for (MaturityLevel level : MaturityLevel.values()) {
            for (RiskTier risk : RiskTier.values()) {
                assertThat(MaturityCeiling.check(level, tool(Set.of(EffectClass.READ), risk)))
                        .as("%s / read-only %s", level, risk).isEqualTo(WITHIN);
            }
        }
    }

    @Test
    void check_intern_deniesEveryNonReadTool() {
        assertThat(MaturityCeiling.check(MaturityLevel.INTERN, write(RiskTier.LOW))).isEqualTo(DENIED);
        assertThat(MaturityCeiling.check(MaturityLevel.INTERN, write(RiskTier.MEDIUM))).isEqualTo(DENIED);
        assertThat(MaturityCeiling.check(MaturityLevel.INTERN, write(RiskTier.HIGH))).isEqualTo(DENIED);
        assertThat(MaturityCeiling.check(MaturityLevel.INTERN, write(RiskTier.CRITICAL))).isEqualTo(DENIED);
    }

    @Test
    void check_junior_needsApprovalForEveryNonReadTool() {
        assertThat(MaturityCeiling.check(MaturityLevel.JUNIOR, write(RiskTier.LOW))).isEqualTo(APPROVAL);
        assertThat(MaturityCeiling.check(MaturityLevel.JUNIOR, write(RiskTier.MEDIUM))).isEqualTo(APPROVAL);
        assertThat(MaturityCeiling.check(MaturityLevel.JUNIOR, write(RiskTier.HIGH))).isEqualTo(APPROVAL);
        assertThat(MaturityCeiling.check(MaturityLevel.JUNIOR, write(RiskTier.CRITICAL))).isEqualTo(APPROVAL);
    }

    @Test
    void check_senior_notifiesBelowHighAndNeedsApprovalFromHigh() {
        assertThat(MaturityCeiling.check(MaturityLevel.SENIOR, write(RiskTier.LOW))).isEqualTo(WITHIN_NOTIFY);
        assertThat(MaturityCeiling.check(MaturityLevel.SENIOR, write(RiskTier.MEDIUM))).isEqualTo(WITHIN_NOTIFY);
        assertThat(MaturityCeiling.check(MaturityLevel.SENIOR, write(RiskTier.HIGH))).isEqualTo(APPROVAL);
        assertThat(MaturityCeiling.check(MaturityLevel.SENIOR, write(RiskTier.CRITICAL))).isEqualTo(APPROVAL);
    }

    @Test
    void check_principal_needsApprovalOnlyForCritical() {
        assertThat(MaturityCeiling.check(MaturityLevel.PRINCIPAL, write(RiskTier.LOW))).isEqualTo(WITHIN);
        assertThat(MaturityCeiling.check(MaturityLevel.PRINCIPAL, write(RiskTier.MEDIUM))).isEqualTo(WITHIN);
        assertThat(MaturityCeiling.check(MaturityLevel.PRINCIPAL, write(RiskTier.HIGH))).isEqualTo(WITHIN);
        assertThat(MaturityCeiling.check(MaturityLevel.PRINCIPAL, write(RiskTier.CRITICAL))).isEqualTo(APPROVAL);
    }

    @Test
    void check_fullMatrix_levelByRiskForNonReadTools() {
        Map<MaturityLevel, MaturityCeiling.Verdict[]> expected = new EnumMap<>(MaturityLevel.class);
        //                                         LOW            MEDIUM         HIGH      CRITICAL
        expected.put(MaturityLevel.INTERN, new MaturityCeiling.Verdict[] {DENIED, DENIED, DENIED, DENIED});
        expected.put(MaturityLevel.JUNIOR, new MaturityCeiling.Verdict[] {APPROVAL, APPROVAL, APPROVAL, APPROVAL});
        expected.put(MaturityLevel.SENIOR, new MaturityCeiling.Verdict[] {WITHIN_NOTIFY, WITHIN_NOTIFY, APPROVAL, APPROVAL});
        expected.put(MaturityLevel.PRINCIPAL, new MaturityCeiling.Verdict[] {WITHIN, WITHIN, WITHIN, APPROVAL});
        for (EffectClass effect : Set.of(EffectClass.WRITE, EffectClass.DESTRUCTIVE, EffectClass.FINANCIAL,
                EffectClass.EXTERNAL)) {
            for (MaturityLevel level : MaturityLevel.values()) {
                for (RiskTier risk : RiskTier.values()) {
                    assertThat(MaturityCeiling.check(level, tool(Set.of(effect), risk)))
                            .as("%s / %s %s", level, effect, risk)
                            .isEqualTo(expected.get(level)[risk.ordinal()]);
                }
            }
        }
    }

    @Test
    void check_readPlusWrite_isNotReadOnly() {
        Tool mixed = tool(Set.of(EffectClass.READ, EffectClass.WRITE), RiskTier.LOW);
        assertThat(mixed.readOnly()).isFalse();
        assertThat(MaturityCeiling.check(MaturityLevel.INTERN, mixed)).isEqualTo(DENIED);
        assertThat(MaturityCeiling.check(MaturityLevel.JUNIOR, mixed)).isEqualTo(APPROVAL);
    }
}
