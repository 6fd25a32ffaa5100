package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.approval.ApprovalId;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorCredential;
import dev.warden.operator.RoleGrant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcOperatorStoreTest {
    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");
    private static final ApprovalId APR = new ApprovalId("apr_" + "0123456789abcdef".repeat(2));

    private static OperatorCredential credential(String id, OperatorCredential.Kind kind, String hash, Optional<Instant> expires) {
        return new OperatorCredential(id, "fiona", kind, hash, kind == OperatorCredential.Kind.KEY
                ? List.of(RoleGrant.parse("approver@shop:refund.*")) : List.of(), T, expires, Optional.empty());
    }

    @Test
    void operatorsAndCredentials_roundTrip_revokeAndPurge_andSurviveReopen() {
        Operator fiona = new Operator("fiona", List.of(RoleGrant.parse("approver@shop:refund.*,customer.reply"),
                RoleGrant.parse("auditor")), Optional.of("pbkdf2-sha256$600000$c2FsdA$aGFzaA"), false, T, T);
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            assertThat(stores.operators().insert(fiona)).isTrue();
            assertThat(stores.operators().insert(fiona)).as("the name is taken").isFalse();
            assertThat(stores.operators().insert(new Operator("bob", List.of(RoleGrant.parse("owner")), Optional.empty(),
                    false, T, T))).isTrue();
            stores.operators().insertCredential(credential("key_1", OperatorCredential.Kind.KEY, "aa", Optional.empty()));
            stores.operators().insertCredential(credential("otk_1", OperatorCredential.Kind.TOKEN, "bb", Optional.of(T.plusSeconds(60))));
            stores.operators().insertCredential(credential("otk_2", OperatorCredential.Kind.TOKEN, "cc", Optional.of(T.plusSeconds(3600))));
            assertThat(stores.operators().revokeCredential("key_1", T.plusSeconds(5))).isTrue();
            assertThat(stores.operators().revokeCredential("key_1", T.plusSeconds(6))).as("revoked once").isFalse();
            assertThat(stores.operators().update(fiona.disabledAt(T.plusSeconds(7)))).isTrue();
            assertThat(stores.approvals().signOff(APR, "operator:gina", T)).isTrue();
            assertThat(stores.approvals().signOff(APR, "operator:gina", T)).isFalse();
            assertThat(stores.approvals().signOff(APR, "operator:hank", T.plusSeconds(1))).isTrue();
        }
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            Operator back = stores.operators().find("fiona").orElseThrow();
            assertThat(back.roles()).extracting(RoleGrant::toString).containsExactly("approver@shop:refund.*,customer.reply", "auditor");
            assertThat(back.passwordHash()).contains("pbkdf2-sha256$600000$c2FsdA$aGFzaA");
            assertThat(back.disabled()).isTrue();
            assertThat(back.changedAt()).isEqualTo(T.plusSeconds(7));
            assertThat(stores.operators().list()).extracting(Operator::name).containsExactly("bob", "fiona");
            assertThat(stores.operators().find("bob").orElseThrow().passwordHash()).isEmpty();

            OperatorCredential key = stores.operators().findCredential("aa").orElseThrow();
            assertThat(key.revokedAt()).contains(T.plusSeconds(5));
            assertThat(key.roles()).containsExactly(RoleGrant.parse("approver@shop:refund.*"));
            assertThat(stores.operators().credentialsOf("fiona", OperatorCredential.Kind.TOKEN)).extracting(OperatorCredential::id)
                    .containsExactly("otk_1", "otk_2");
            assertThat(stores.operators().purgeExpiredTokens(T.plusSeconds(61))).isEqualTo(1);
            assertThat(stores.operators().findCredential("bb")).isEmpty();
            assertThat(stores.operators().findCredential("aa")).as("keys are never purged").isPresent();
            stores.operators().unrevokeCredential("key_1");
            assertThat(stores.operators().findCredential("aa").orElseThrow().revokedAt()).isEmpty();
            assertThat(stores.approvals().signOffs(APR)).containsExactly("operator:gina", "operator:hank");
            stores.approvals().removeSignOff(APR, "operator:gina");
            assertThat(stores.approvals().signOffs(APR)).containsExactly("operator:hank");
            stores.operators().delete("bob");
            assertThat(stores.operators().find("bob")).isEmpty();
        }
    }
}
