package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.maturity.EvidenceItem;
import dev.warden.maturity.EvidenceStore;
import dev.warden.maturity.SignOffRole;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEvidenceStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @TempDir
    Path dir;
    JdbcStores stores;
    EvidenceStore evidence;

    @BeforeEach
    void open() {
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        evidence = stores.evidence();
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private static EvidenceItem item(int n, String agent, Instant at) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("metrics", List.of(Map.of("name", "wait", "unit", "min", "baseline", 30L, "current", new BigDecimal("12.5"),
                "direction", "decrease")));
        fields.put("roi", null);
        fields.put("note", "q3");
        return new EvidenceItem("evd_" + String.format("%032x", n), agent, MaturityLevel.JUNIOR, MaturityLevel.SENIOR,
                EvidenceItem.BUSINESS_VALUE, "bob", SignOffRole.BUSINESS_OWNER, fields, at, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void insertThenFind_roundTripsEveryField_andSurvivesAReopen() {
        EvidenceItem e = item(1, "bot", T0);
        evidence.insert(e);
        assertThat(evidence.find(e.id())).hasValue(e);
        stores.close();
        stores = JdbcStores.openSqlite(dir.resolve("warden.db"));
        assertThat(stores.evidence().find(e.id())).hasValue(e);
        assertThat(stores.evidence().find("evd_none")).isEmpty();
    }

    @Test
    void listOfAgent_isOldestFirst_andOfThatAgentOnly() {
        EvidenceItem late = item(1, "bot", T0.plus(Duration.ofMinutes(2)));
        EvidenceItem early = item(2, "bot", T0);
        evidence.insert(late);
        evidence.insert(early);
        evidence.insert(item(3, "other", T0));
        assertThat(evidence.listOfAgent("bot")).extracting(EvidenceItem::id).containsExactly(early.id(), late.id());
    }

    @Test
    void withdraw_isACompareAndSet_andCanBeTakenBack() {
        EvidenceItem e = item(1, "bot", T0);
        evidence.insert(e);
        assertThat(evidence.withdraw(e.id(), "bob", T0.plusSeconds(5), "wrong numbers")).isTrue();
        assertThat(evidence.withdraw(e.id(), "admin", T0.plusSeconds(6), "again")).isFalse();
        EvidenceItem w = evidence.find(e.id()).orElseThrow();
        assertThat(w.withdrawnAt()).hasValue(T0.plusSeconds(5));
        assertThat(w.withdrawnBy()).hasValue("bob");
        assertThat(w.withdrawReason()).hasValue("wrong numbers");
        assertThat(evidence.unwithdraw(e.id())).isTrue();
        assertThat(evidence.find(e.id()).orElseThrow().withdrawn()).isFalse();
        assertThat(evidence.remove(e.id())).isTrue();
        assertThat(evidence.find(e.id())).isEmpty();
    }
}
