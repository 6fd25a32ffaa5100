package dev.warden.operator;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.id.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Operator accounts, sign-in and API keys. Every change is made with its audit record
 * ({@code operator.created}, {@code operator.disabled}, {@code operator.roles_changed},
 * {@code operator.login}, {@code operator.login_failed}, {@code operator.api_key_created},
 * {@code operator.api_key_revoked}, and {@code operator.refused} for a request its roles or the
 * separation of duties refused); no record holds a password, a token, a key or a hash of one.
 *
 * <p>Operator tokens and API keys are random opaque secrets (256 bits) handed out once; the store
 * keeps only their SHA-256, and a request's bearer is looked up by its SHA-256. A token lives
 * {@link #tokenTtl} (one hour by default) and carries all of its operator's roles; a key carries
 * the roles it was created with, as long as its operator still holds them. A disabled operator's
 * tokens and keys stop working on the next request.
 *
 * <p>A credential found valid is remembered for up to {@link CredentialCache#MAX_AGE} (as agent
 * tokens are), so an operator request does not read the store; disabling an operator, changing its
 * roles or revoking a key through this service takes effect on the next request all the same.
 */
public final class OperatorService {
    /** Prefix of operator tokens. */
    public static final String TOKEN_PREFIX = "wdn_ot_";
    /** Prefix of API keys. */
    public static final String KEY_PREFIX = "wdn_key_";
    /** Default lifetime of an operator token. */
    public static final Duration TOKEN_TTL = Duration.ofHours(1);
    /** Longest lifetime of an API key. */
    public static final Duration MAX_KEY_TTL = Duration.ofDays(366);

    private final OperatorStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;
    private final IdGenerator ids;
    private final PasswordHasher hasher;
    private final SignInLimiter limiter;
    private final Duration tokenTtl;
    private final CredentialCache cache = new CredentialCache();

    /**
     * Creates the service.
     *
     * @param random a {@link java.security.SecureRandom}: tokens, keys and salts come from it
     */
    public OperatorService(OperatorStore store, AuditLog audit, Clock clock, RandomGenerator random, PasswordHasher hasher,
                           SignInLimiter limiter, Duration tokenTtl) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.ids = new IdGenerator(random);
        this.hasher = hasher;
        this.limiter = limiter;
        this.tokenTtl = tokenTtl;
    }

    /** A sign-in's operator token, shown once, and the operator it signs in. */
    public record SignIn(String operator, String token, Instant expiresAt) {
        /** Never shows the token. */
        @Override
        public String toString() {
            return "SignIn[" + operator + ", expires " + expiresAt + "]";
        }
    }

    /** A new API key, shown once. */
    public record IssuedKey(OperatorCredential credential, String key) {
        /** Never shows the key. */
        @Override
        public String toString() {
            return "IssuedKey[" + credential.id() + "]";
        }
    }

    /**
     * Creates an operator.
     *
     * @param password its password ({@value PasswordHasher#MIN_PASSWORD} to {@value PasswordHasher#MAX_PASSWORD}
     *                 characters), or empty for an operator who uses API keys only; wiped here
     * @throws WardenException {@code invalid_field} for a bad name, no role or a bad password,
     *                         {@code operator_exists} when the name is taken (or is the bootstrap admin's)
     */
    public Operator create(String name, List<RoleGrant> roles, Optional<char[]> password, Actor by) {
        try {
            if (!name.matches(Operator.NAME_PATTERN)) {
                throw new WardenException(ErrorCode.INVALID_FIELD,
                        "name: letters, digits and . _ @ + - (up to 128, starting with a letter or digit)");
            }
            if (OperatorPrincipal.BOOTSTRAP.equals(name)) {
                throw new WardenException(ErrorCode.OPERATOR_EXISTS, "'admin' is the bootstrap admin's name; choose another");
            }
            requireRoles(roles);
            Optional<String> hash = password.map(p -> {
                checkPassword(p);
                return hasher.hash(p);
            });
            Instant now = clock.instant();
            Operator op = new Operator(name, roles, hash, false, now, now);
            Map<String, Object> fields = fields(name, by);
            fields.put("roles", wire(roles));
            fields.put("password", hash.isPresent() ? "set" : "none");
            boolean made = audit.appendDurably(AuditEvent.of("operator.created", now, fields),
                    AuditedChange.of(store, () -> store.insert(op), () -> store.delete(name))).isPresent();
            if (!made) {
                throw new WardenException(ErrorCode.OPERATOR_EXISTS, "operator '" + name + "' exists");
            }
            return op;
        } finally {
            password.ifPresent(PasswordHasher::wipe);
        }
    }

    /**
     * Disables an operator: it can no longer sign in and its tokens and keys stop working.
     *
     * @throws WardenException {@code operator_not_found}
     */
    public Operator disable(String name, Actor by) {
        Operator before = require(name);
        if (before.disabled()) {
            return before;
        }
        Instant now = clock.instant();
        Operator after = before.disabledAt(now);
        try {
            audit.appendDurably(AuditEvent.of("operator.disabled", now, fields(name, by)),
                    AuditedChange.of(store, () -> store.update(after), () -> store.update(before)));
        } finally {
            cache.invalidate();
        }
        return after;
    }

    /**
     * Replaces an operator's roles.
     *
     * @throws WardenException {@code operator_not_found}, {@code invalid_field} for no role
     */
    public Operator setRoles(String name, List<RoleGrant> roles, Actor by) {
        requireRoles(roles);
        Operator before = require(name);
        Instant now = clock.instant();
        Operator after = before.withRoles(roles, now);
        Map<String, Object> fields = fields(name, by);
        fields.put("roles_before", wire(before.roles()));
        fields.put("roles", wire(roles));
        try {
            audit.appendDurably(AuditEvent.of("operator.roles_changed", now, fields),
                    AuditedChange.of(store, () -> store.update(after), () -> store.update(before)));
        } finally {
            cache.invalidate();
        }
        return after;
    }

    /** Every operator, by name. */
    public List<Operator> list() {
        return store.list();
    }

    /**
     * The operator of this name.
     *
     * @throws WardenException {@code operator_not_found}
     */
    public Operator require(String name) {
        return store.find(name).orElseThrow(() -> new WardenException(ErrorCode.OPERATOR_NOT_FOUND, "no operator '" + name + "'"));
    }

    /**
     * Signs an operator in with a password. Unknown names, disabled operators and wrong passwords
     * all answer {@code invalid_credentials} after the same hashing work; the audit record says
     * which it was. Failures count against the name and the source ({@link SignInLimiter}).
     *
     * @param password wiped here
     * @param source   the caller's address, for the rate limit and the record
     * @throws WardenException {@code invalid_credentials}, or {@code too_many_attempts} while the
     *                         name or source is over its limit (the password is then not checked)
     */
    public SignIn login(String name, char[] password, String source) {
        try {
            Instant now = clock.instant();
            Optional<Instant> blocked = limiter.blockedUntil(name, source);
            if (blocked.isPresent()) {
                failed(name, source, "rate_limited", now);
                long seconds = Math.max(1, Duration.between(now, blocked.get()).toSeconds());
                throw new WardenException(ErrorCode.TOO_MANY_ATTEMPTS,
                        "too many failed sign-ins; try again in " + seconds + " s");
            }
            Optional<Operator> op = store.find(name);
            String reason;
            if (op.isEmpty() || op.get().passwordHash().isEmpty()) {
                hasher.verifyNothing(password);
                reason = op.isEmpty() ? "unknown_operator" : "no_password";
            } else if (!hasher.verify(password, op.get().passwordHash().get())) {
                reason = "wrong_password";
            } else if (op.get().disabled()) {
                reason = "disabled";
            } else {
                reason = null;
            }
            if (reason != null) {
                limiter.failed(name, source);
                failed(name, source, reason, now);
                throw new WardenException(ErrorCode.INVALID_CREDENTIALS, "wrong name or password");
            }
            limiter.succeeded(name);
            return issueToken(name, source, now, Map.of());
        } finally {
            PasswordHasher.wipe(password);
        }
    }

    /**
     * Signs an operator in on an identity someone else vouches for: an OpenID Connect ID token
     * checked by {@code check} against its issuer. The identity names an existing, enabled
     * operator, who gets a token with its Warden roles (nothing of the identity provider's is taken
     * as a role; an unknown identity is refused, never created). The same limiter as for passwords
     * applies: the source before the check, the name once the check has vouched for it; a refused
     * assertion counts against the source, an unknown or disabled operator against name and source.
     * Every failure is recorded as {@code operator.login_failed} with {@code method} and
     * {@code reason}; the success as {@code operator.login} with {@code method}, {@code issuer}
     * and {@code subject}.
     *
     * @param check  checks the assertion; called only when the source is not over its limit
     * @param method how the identity was asserted, for the record (e.g. {@code oidc})
     * @param source the caller's address
     * @throws WardenException {@code invalid_id_token} naming the failed check, {@code idp_unavailable}
     *                         when the assertion cannot be checked, {@code too_many_attempts}
     */
    public SignIn loginWithIdentity(java.util.function.Supplier<IdentityCheck> check, String method, String source) {
        Optional<Instant> blocked = limiter.blockedUntilSource(source);
        if (blocked.isPresent()) {
            throw tooMany(null, source, method, blocked.get());
        }
        IdentityCheck result = check.get();
        Instant now = clock.instant();
        switch (result) {
            case IdentityCheck.Unavailable u -> {
                // not the caller's failure: recorded, not counted
                failed(null, source, "idp_unavailable", method, now);
                throw new WardenException(ErrorCode.IDP_UNAVAILABLE, u.message());
            }
            case IdentityCheck.Refused r -> {
                limiter.failedSource(source);
                failed(null, source, r.reason(), method, now);
                throw new WardenException(ErrorCode.INVALID_ID_TOKEN, r.reason() + ": " + r.message());
            }
            case IdentityCheck.Verified v -> {
                Optional<Instant> nameBlocked = limiter.blockedUntil(v.operator(), source);
                if (nameBlocked.isPresent()) {
                    throw tooMany(v.operator(), source, method, nameBlocked.get());
                }
                Optional<Operator> op = v.operator().matches(Operator.NAME_PATTERN) ? store.find(v.operator()) : Optional.empty();
                if (op.isEmpty() || op.get().disabled()) {
                    String reason = op.isEmpty() ? "unknown_operator" : "operator_disabled";
                    limiter.failed(v.operator(), source);
                    failed(v.operator(), source, reason, method, now);
                    throw new WardenException(ErrorCode.INVALID_ID_TOKEN, reason + (op.isEmpty()
                            ? ": the identity provider vouches for someone who is not a Warden operator"
                            : ": the operator is disabled"));
                }
                limiter.succeeded(v.operator());
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("method", method);
                extra.put("issuer", v.issuer());
                extra.put("subject", v.subject());
                return issueToken(v.operator(), source, now, extra);
            }
        }
    }

    private WardenException tooMany(String name, String source, String method, Instant until) {
        Instant now = clock.instant();
        failed(name, source, "rate_limited", method, now);
        long seconds = Math.max(1, Duration.between(now, until).toSeconds());
        return new WardenException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins; try again in " + seconds + " s");
    }

    /** A new operator token for {@code name}, stored by its hash with its {@code operator.login} record. */
    private SignIn issueToken(String name, String source, Instant now, Map<String, Object> extra) {
        String token = TOKEN_PREFIX + secret();
        Instant expires = now.plus(tokenTtl);
        OperatorCredential c = new OperatorCredential(ids.next("otk"), name, OperatorCredential.Kind.TOKEN,
                sha256(token), List.of(), now, Optional.of(expires), Optional.empty());
        Map<String, Object> fields = fields(name, Actor.operator(name));
        fields.put("token_id", c.id());
        fields.put("expires_at", expires.toString());
        fields.put("source", source);
        fields.putAll(extra);
        audit.appendDurably(AuditEvent.of("operator.login", now, fields), AuditedChange.of(store, () -> {
            store.purgeExpiredTokens(now);
            store.insertCredential(c);
            return true;
        }, () -> store.deleteCredential(c.id())));
        return new SignIn(name, token, expires);
    }

    private void failed(String name, String source, String reason, Instant now) {
        failed(name, source, reason, null, now);
    }

    private void failed(String name, String source, String reason, String method, Instant now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operator", name);
        fields.put("source", source);
        fields.put("reason", reason);
        if (method != null) {
            fields.put("method", method);
        }
        fields.put("actor", "anonymous:" + source);
        // not waited for: a flood of failures must not queue a commit each
        audit.appendDeferred(AuditEvent.of("operator.login_failed", now, fields));
    }

    /**
     * Records that an operator ended a sign-in session ({@code operator.logout}), durably.
     *
     * @param via    what the session was, e.g. {@code console}
     * @param source the caller's address
     */
    public void loggedOut(String name, String via, String source) {
        Map<String, Object> fields = fields(name, Actor.operator(name));
        fields.put("via", via);
        fields.put("source", source);
        audit.appendDurably(AuditEvent.of("operator.logout", clock.instant(), fields));
    }

    /**
     * Records a request refused for its operator's roles or the separation of duties
     * ({@code operator.refused}), not waited for.
     *
     * @param what the request, e.g. {@code POST /v1/agents/bot/kill}
     * @param code the refusal's error code
     */
    public void refused(OperatorPrincipal p, String what, String code, String source) {
        Map<String, Object> fields = fields(p.name(), p.actor());
        fields.put("request", what.length() > 512 ? what.substring(0, 512) : what);
        fields.put("code", code);
        fields.put("credential", p.credential());
        fields.put("source", source);
        audit.append(AuditEvent.of("operator.refused", clock.instant(), fields));
    }

    /**
     * Creates an API key for an operator with a subset of its roles.
     *
     * @param roles     the key's roles, each one the operator holds; empty for all of them
     * @param expiresIn how long it works, at most {@link #MAX_KEY_TTL}; empty for no end
     * @throws WardenException {@code operator_not_found}, {@code forbidden_role} for a role the
     *                         operator does not hold, {@code invalid_field} for a bad lifetime
     */
    public IssuedKey createKey(String operator, List<RoleGrant> roles, Optional<Duration> expiresIn, Actor by) {
        Operator op = require(operator);
        List<RoleGrant> keyRoles = roles.isEmpty() ? op.roles() : roles;
        for (RoleGrant g : keyRoles) {
            if (!op.roles().contains(g)) {
                throw new WardenException(ErrorCode.FORBIDDEN_ROLE,
                        "a key's roles are a subset of its operator's; " + operator + " does not hold " + g);
            }
        }
        if (expiresIn.isPresent() && (expiresIn.get().isNegative() || expiresIn.get().isZero()
                || expiresIn.get().compareTo(MAX_KEY_TTL) > 0)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "expires_in must be between 1 s and 366 days");
        }
        Instant now = clock.instant();
        String key = KEY_PREFIX + secret();
        OperatorCredential c = new OperatorCredential(ids.next("key"), operator, OperatorCredential.Kind.KEY, sha256(key),
                keyRoles, now, expiresIn.map(now::plus), Optional.empty());
        Map<String, Object> fields = fields(operator, by);
        fields.put("key_id", c.id());
        fields.put("roles", wire(keyRoles));
        fields.put("expires_at", c.expiresAt().map(Instant::toString).orElse(null));
        audit.appendDurably(AuditEvent.of("operator.api_key_created", now, fields),
                AuditedChange.of(store, () -> {
                    store.insertCredential(c);
                    return true;
                }, () -> store.deleteCredential(c.id())));
        return new IssuedKey(c, key);
    }

    /**
     * Revokes an operator's API key.
     *
     * @throws WardenException {@code key_not_found} when the operator has no key of that id
     */
    public OperatorCredential revokeKey(String operator, String keyId, Actor by) {
        OperatorCredential c = keys(operator).stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new WardenException(ErrorCode.KEY_NOT_FOUND, operator + " has no key " + keyId));
        Instant now = clock.instant();
        if (c.revokedAt().isEmpty()) {
            Map<String, Object> fields = fields(operator, by);
            fields.put("key_id", keyId);
            try {
                audit.appendDurably(AuditEvent.of("operator.api_key_revoked", now, fields),
                        AuditedChange.of(store, () -> store.revokeCredential(keyId, now), () -> store.unrevokeCredential(keyId)));
            } finally {
                cache.invalidate();
            }
        }
        return keys(operator).stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
    }

    /** An operator's API keys, oldest first. */
    public List<OperatorCredential> keys(String operator) {
        require(operator);
        return store.credentialsOf(operator, OperatorCredential.Kind.KEY);
    }

    /** Whether a bearer has the form of an operator token or API key (else it may be an agent's or the bootstrap token). */
    public static boolean looksLikeOperatorCredential(String bearer) {
        return bearer.startsWith(TOKEN_PREFIX) || bearer.startsWith(KEY_PREFIX);
    }

    /**
     * The operator a token or API key authenticates, with the roles in force.
     *
     * @throws WardenException {@code invalid_token} for an unknown one, {@code token_expired},
     *                         {@code token_revoked}, {@code operator_disabled}
     */
    public OperatorPrincipal authenticate(String bearer) {
        String hash = sha256(bearer);
        Instant now = clock.instant();
        CredentialCache.Entry e = cache.find(hash, now).orElse(null);
        if (e == null) {
            long generation = cache.generation();
            OperatorCredential c = store.findCredential(hash)
                    .orElseThrow(() -> new WardenException(ErrorCode.INVALID_TOKEN, "unknown operator token or key"));
            if (c.revokedAt().isPresent()) {
                throw new WardenException(ErrorCode.TOKEN_REVOKED, "the " + c.kind().wire() + " was revoked");
            }
            Operator op = store.find(c.operator()).filter(o -> !o.disabled())
                    .orElseThrow(() -> new WardenException(ErrorCode.OPERATOR_DISABLED, "operator " + c.operator() + " is disabled"));
            e = new CredentialCache.Entry(c, op, now);
            if (c.validAt(now)) {
                cache.put(hash, e, generation);
            }
        }
        OperatorCredential c = e.credential();
        if (!c.validAt(now)) {
            throw new WardenException(ErrorCode.TOKEN_EXPIRED, "the " + c.kind().wire() + " expired; sign in again");
        }
        Operator op = e.operator();
        List<RoleGrant> roles = c.kind() == OperatorCredential.Kind.TOKEN ? op.roles()
                : c.roles().stream().filter(op.roles()::contains).toList();
        return new OperatorPrincipal(op.name(), roles, c.kind() == OperatorCredential.Kind.TOKEN ? "token" : "key:" + c.id());
    }

    private static void requireRoles(List<RoleGrant> roles) {
        if (roles.isEmpty()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "roles: give at least one role");
        }
    }

    private static void checkPassword(char[] p) {
        if (p.length < PasswordHasher.MIN_PASSWORD || p.length > PasswordHasher.MAX_PASSWORD) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "password: " + PasswordHasher.MIN_PASSWORD + " to "
                    + PasswordHasher.MAX_PASSWORD + " characters");
        }
    }

    private static Map<String, Object> fields(String operator, Actor by) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operator", operator);
        fields.put("actor", by.toString());
        return fields;
    }

    private static List<String> wire(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::toString).toList();
    }

    private String secret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Hex SHA-256 of a token or key: what the store keeps and looks up. */
    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
