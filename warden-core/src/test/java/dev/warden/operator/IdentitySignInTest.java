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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-in on an identity vouched for elsewhere (OIDC): the limiter and the records, attacked. */
class IdentitySignInTest {
    private static final String SOURCE = "10.0.0.7";
    private final WardenFixture f = new WardenFixture();
    private final InMemoryOperatorStore store = new InMemoryOperatorStore();
    private final SecureRandom random = new SecureRandom();
    private final SignInLimiter limiter = new SignInLimiter(f.clock, 3, 5, Duration.ofMinutes(10));
    private final OperatorService ops = new OperatorService(store, f.warden.auditLog(), f.clock, random,
            new PasswordHasher(random, 1_000), limiter, Duration.ofHours(1));

    @AfterEach
    void close() {
        f.close();
    }

    private static IdentityCheck vouchFor(String name) {
        return new IdentityCheck.Verified(name, "https://idp.example", "sub-" + name);
    }

    private static void fails(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(WardenException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aVouchedForOperator_getsATokenWithItsWardenRoles_recordedWithIssuerAndSubject() {
        ops.create("ann", List.of(RoleGrant.of(Role.AUDITOR)), Optional.empty(), OPERATOR);
        OperatorService.SignIn in = ops.loginWithIdentity(() -> vouchFor("ann"), "oidc", SOURCE);
        assertThat(in.operator()).isEqualTo("ann");
        assertThat(ops.authenticate(in.token()).roles()).containsExactly(RoleGrant.of(Role.AUDITOR));
        AuditRecord login = f.records("operator.login").getFirst();
        assertThat(login.entry()).contains("\"method\":\"oidc\"", "\"issuer\":\"https://idp.example\"", "\"subject\":\"sub-ann\"")
                .doesNotContain(in.token());
    }

    @Test
    void unknownAndDisabledOperators_areRefused_noAccountIsMade() {
        ops.create("dave", List.of(RoleGrant.of(Role.ADMIN)), Optional.empty(), OPERATOR);
        ops.disable("dave", OPERATOR);
        fails(() -> ops.loginWithIdentity(() -> vouchFor("mallory"), "oidc", SOURCE), ErrorCode.INVALID_ID_TOKEN);
        fails(() -> ops.loginWithIdentity(() -> vouchFor("dave"), "oidc", SOURCE), ErrorCode.INVALID_ID_TOKEN);
        fails(() -> ops.loginWithIdentity(() -> vouchFor("not a name!"), "oidc", SOURCE), ErrorCode.INVALID_ID_TOKEN);
        assertThat(store.find("mallory")).isEmpty();
        assertThat(f.records("operator.login")).isEmpty();
    }

    @Test
    void refusedTokens_countAgainstTheSource_only_andABlockedSourceIsNotChecked() {
        ops.create("ann", List.of(RoleGrant.of(Role.AUDITOR)), Optional.empty(), OPERATOR);
        for (int i = 0; i < 5; i++) {
            fails(() -> ops.loginWithIdentity(() -> new IdentityCheck.Refused("signature", "bad"), "oidc", SOURCE),
                    ErrorCode.INVALID_ID_TOKEN);
        }
        AtomicInteger checks = new AtomicInteger();
        fails(() -> ops.loginWithIdentity(() -> {
            checks.incrementAndGet();
            return vouchFor("ann");
        }, "oidc", SOURCE), ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(checks).hasValue(0);
        // the name was not locked by tokens that named no one reliably: another source signs in
        assertThat(ops.loginWithIdentity(() -> vouchFor("ann"), "oidc", "10.0.0.8").operator()).isEqualTo("ann");
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(ops.loginWithIdentity(() -> vouchFor("ann"), "oidc", SOURCE).operator()).isEqualTo("ann");
    }

    @Test
    void aNameLockedByPasswordGuessing_isLockedForOidcToo() {
        ops.create("ann", List.of(RoleGrant.of(Role.AUDITOR)), Optional.of("correct-horse-battery".toCharArray()), OPERATOR);
        for (String source : List.of("10.9.9.1", "10.9.9.2", "10.9.9.3")) {
            fails(() -> ops.login("ann", "wrong-password-xx".toCharArray(), source), ErrorCode.INVALID_CREDENTIALS);
        }
        fails(() -> ops.loginWithIdentity(() -> vouchFor("ann"), "oidc", SOURCE), ErrorCode.TOO_MANY_ATTEMPTS);
    }

    @Test
    void anUnreachableProvider_isRefused_503Kind_andNotCountedAgainstTheCaller() {
        for (int i = 0; i < 10; i++) {
            fails(() -> ops.loginWithIdentity(() -> new IdentityCheck.Unavailable("keys unreachable"), "oidc", SOURCE),
                    ErrorCode.IDP_UNAVAILABLE);
        }
        assertThat(limiter.blockedUntilSource(SOURCE)).isEmpty();
    }
}
