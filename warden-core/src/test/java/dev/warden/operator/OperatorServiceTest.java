package dev.warden.operator;

import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditRecord;
import dev.warden.store.memory.InMemoryOperatorStore;
import dev.warden.testing.WardenFixture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorServiceTest {
    private static final String PASSWORD = "correct-horse-battery";
    private final WardenFixture f = new WardenFixture();
    private final InMemoryOperatorStore store = new InMemoryOperatorStore();
    private final SecureRandom random = new SecureRandom();
    private final OperatorService ops = new OperatorService(store, f.warden.auditLog(), f.clock, random,
            new PasswordHasher(random, 1_000), new SignInLimiter(f.clock), Duration.ofHours(1));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void login_givesAnHourLongToken_thatAuthenticatesWithTheOperatorsCurrentRoles() {
        ops.create("olivia", List.of(RoleGrant.of(Role.AUDITOR)), Optional.of(PASSWORD.toCharArray()), OPERATOR);
        OperatorService.SignIn in = ops.login("olivia", PASSWORD.toCharArray(), "10.0.0.1");
        assertThat(in.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
        assertThat(ops.authenticate(in.token()).roles()).containsExactly(RoleGrant.of(Role.AUDITOR));
        ops.setRoles("olivia", List.of(RoleGrant.of(Role.OWNER)), OPERATOR);
        assertThat(ops.authenticate(in.token()).roles()).containsExactly(RoleGrant.of(Role.OWNER));
        f.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> ops.authenticate(in.token())).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED));
    }

    @Test
    void aDisabledOperatorsCachedToken_andARevokedCachedKey_stopWorkingOnTheNextRequest() {
        ops.create("olivia", List.of(RoleGrant.of(Role.ADMIN)), Optional.of(PASSWORD.toCharArray()), OPERATOR);
        String token = ops.login("olivia", PASSWORD.toCharArray(), "10.0.0.1").token();
        OperatorService.IssuedKey k = ops.createKey("olivia", List.of(RoleGrant.of(Role.ADMIN)), Optional.empty(), OPERATOR);
        assertThat(ops.authenticate(k.key()).has(Role.ADMIN)).isTrue();
        assertThat(ops.authenticate(token).has(Role.ADMIN)).isTrue(); // both are cached now
        ops.revokeKey("olivia", k.credential().id(), OPERATOR);
        assertThatThrownBy(() -> ops.authenticate(k.key())).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REVOKED));
        assertThat(ops.authenticate(token).has(Role.ADMIN)).isTrue();
        ops.disable("olivia", OPERATOR);
        assertThatThrownBy(() -> ops.authenticate(token)).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_DISABLED));
    }

    @Test
    void aCachedCredential_isReadAgainFromTheStoreAfterAtMostThirtySeconds() {
        ops.create("olivia", List.of(RoleGrant.of(Role.AUDITOR)), Optional.of(PASSWORD.toCharArray()), OPERATOR);
        String token = ops.login("olivia", PASSWORD.toCharArray(), "10.0.0.1").token();
        assertThat(ops.authenticate(token).has(Role.AUDITOR)).isTrue();
        // a change the service did not make (another process on the same store) is not seen at once ...
        store.update(store.find("olivia").orElseThrow().disabledAt(f.clock.instant()));
        f.clock.advance(Duration.ofSeconds(29));
        assertThat(ops.authenticate(token).has(Role.AUDITOR)).isTrue();
        // ... but once the cached entry is 30 seconds old
        f.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> ops.authenticate(token)).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_DISABLED));
    }

    @Test
    void aCachedTokensExpiry_isCheckedOnEveryUse() {
        ops.create("olivia", List.of(RoleGrant.of(Role.AUDITOR)), Optional.of(PASSWORD.toCharArray()), OPERATOR);
        String token = ops.login("olivia", PASSWORD.toCharArray(), "10.0.0.1").token();
        f.clock.advance(Duration.ofMinutes(59).plusSeconds(50));
        assertThat(ops.authenticate(token).has(Role.AUDITOR)).isTrue();
        f.clock.advance(Duration.ofSeconds(10)); // cached 10 s ago, expired now
        assertThatThrownBy(() -> ops.authenticate(token)).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED));
    }

    @Test
    void aKeysRoles_shrinkWithItsOperators() {
        ops.create("jo", List.of(RoleGrant.of(Role.ADMIN), RoleGrant.of(Role.AUDITOR)), Optional.empty(), OPERATOR);
        OperatorService.IssuedKey k = ops.createKey("jo", List.of(RoleGrant.of(Role.ADMIN)), Optional.empty(), OPERATOR);
        assertThat(ops.authenticate(k.key()).has(Role.ADMIN)).isTrue();
        ops.setRoles("jo", List.of(RoleGrant.of(Role.AUDITOR)), OPERATOR);
        assertThat(ops.authenticate(k.key()).roles()).isEmpty();
        assertThat(ops.authenticate(k.key()).credential()).isEqualTo("key:" + k.credential().id());
    }

    @Test
    void everyChangeIsAudited_withoutPasswordTokenKeyOrHash() {
        ops.create("olivia", List.of(RoleGrant.of(Role.AUDITOR)), Optional.of(PASSWORD.toCharArray()), OPERATOR);
        String token = ops.login("olivia", PASSWORD.toCharArray(), "10.0.0.1").token();
        assertThatThrownBy(() -> ops.login("olivia", "not-the-password".toCharArray(), "10.0.0.1"))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        OperatorService.IssuedKey k = ops.createKey("olivia", List.of(), Optional.of(Duration.ofDays(1)), OPERATOR);
        ops.revokeKey("olivia", k.credential().id(), OPERATOR);
        ops.setRoles("olivia", List.of(RoleGrant.of(Role.OWNER)), OPERATOR);
        ops.disable("olivia", OPERATOR);
        f.warden.close();
        List<AuditRecord> all = f.records();
        assertThat(all).extracting(AuditRecord::kind).contains("operator.created", "operator.login", "operator.login_failed",
                "operator.api_key_created", "operator.api_key_revoked", "operator.roles_changed", "operator.disabled");
        String hash = store.find("olivia").orElseThrow().passwordHash().orElseThrow();
        String keyHash = OperatorService.sha256(k.key());
        assertThat(all).allSatisfy(r -> assertThat(r.entry()).doesNotContain(PASSWORD).doesNotContain("not-the-password")
                .doesNotContain(token).doesNotContain(k.key()).doesNotContain(hash).doesNotContain(keyHash));
    }

    @Test
    void names_areChecked_andTheBootstrapNameIsReserved() {
        assertThatThrownBy(() -> ops.create("admin", List.of(RoleGrant.of(Role.AUDITOR)), Optional.empty(), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_EXISTS));
        assertThatThrownBy(() -> ops.create("bad name", List.of(RoleGrant.of(Role.AUDITOR)), Optional.empty(), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        assertThatThrownBy(() -> ops.create("nobody", List.of(), Optional.empty(), OPERATOR))
                .isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD));
        assertThat(store.list()).isEmpty();
    }
}
