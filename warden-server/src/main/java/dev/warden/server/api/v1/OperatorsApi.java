package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.operator.Operator;
import dev.warden.operator.OperatorCredential;
import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.OperatorService;
import dev.warden.operator.Role;
import dev.warden.operator.RoleGrant;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Operator accounts and sign-in: {@code POST /v1/login} (anyone, rate-limited), operators (admin),
 * API keys (admin, or the operator for its own keys). Passwords, tokens and keys appear only in the
 * request or the one answer that hands them out; never in a listing, a log or the audit trail.
 */
public final class OperatorsApi {
    private final Auth auth;
    private final OperatorService operators;

    /** Wires the endpoints. */
    public OperatorsApi(Auth auth, OperatorService operators) {
        this.auth = auth;
        this.operators = operators;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.post("/v1/login", this::login);
        routes.post("/v1/operators", this::create);
        routes.get("/v1/operators", ctx -> {
            auth.admin(ctx);
            Responses.json(ctx, 200, Map.of("operators", operators.list().stream().map(OperatorsApi::wire).toList()));
        });
        routes.get("/v1/operators/{name}", ctx -> {
            self(ctx);
            Responses.json(ctx, 200, wire(operators.require(ctx.pathParam("name"))));
        });
        routes.post("/v1/operators/{name}/disable", ctx -> {
            OperatorPrincipal p = auth.admin(ctx);
            Responses.json(ctx, 200, wire(operators.disable(ctx.pathParam("name"), p.actor())));
        });
        routes.post("/v1/operators/{name}/roles", ctx -> {
            OperatorPrincipal p = auth.admin(ctx);
            Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("roles"));
            Responses.json(ctx, 200, wire(operators.setRoles(ctx.pathParam("name"), roles(f), p.actor())));
        });
        routes.post("/v1/operators/{name}/keys", this::createKey);
        routes.get("/v1/operators/{name}/keys", ctx -> {
            self(ctx);
            Responses.json(ctx, 200, Map.of("keys", operators.keys(ctx.pathParam("name")).stream().map(OperatorsApi::wire).toList()));
        });
        routes.post("/v1/operators/{name}/keys/{id}/revoke", ctx -> {
            OperatorPrincipal p = self(ctx);
            Responses.json(ctx, 200, wire(operators.revokeKey(ctx.pathParam("name"), ctx.pathParam("id"), p.actor())));
        });
    }

    private void login(Context ctx) {
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("name", "password"));
        String name = f.string("name");
        char[] password = f.string("password").toCharArray();
        OperatorService.SignIn in = operators.login(name, password, ctx.ip());
        Responses.json(ctx, 200, Map.of("token", in.token(), "expires_at", in.expiresAt().toString(), "operator", name));
    }

    private void create(Context ctx) {
        OperatorPrincipal p = auth.admin(ctx);
        Fields f = Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("name", "roles", "password"));
        Optional<char[]> password = f.optString("password").map(String::toCharArray);
        Operator op = operators.create(f.string("name"), roles(f), password, p.actor());
        Responses.json(ctx, 201, wire(op));
    }

    private void createKey(Context ctx) {
        OperatorPrincipal p = self(ctx);
        Fields f = ctx.body().isBlank() ? Fields.of(Map.of())
                : Fields.of(Json.parseObject(ctx.body())).allowOnly(Set.of("roles", "expires_in"));
        List<RoleGrant> roles = f.map().containsKey("roles") ? roles(f) : List.of();
        if (!p.has(Role.ADMIN)) {
            // a key never carries more than the credential that made it: an auditor-only key of an
            // admin mints auditor keys, not admin ones
            List<RoleGrant> wanted = roles.isEmpty() ? p.roles() : roles;
            if (wanted.isEmpty() || !p.roles().containsAll(wanted)) {
                throw Auth.forbidden(p, "create a key with roles " + wanted, "roles this credential holds");
            }
            roles = wanted;
        }
        Optional<Duration> expiresIn = Optional.ofNullable(f.map().get("expires_in")).map(v -> {
            if (!(v instanceof Long seconds)) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "expires_in must be a whole number of seconds");
            }
            return Duration.ofSeconds(seconds);
        });
        OperatorService.IssuedKey k = operators.createKey(ctx.pathParam("name"), roles, expiresIn, p.actor());
        Map<String, Object> out = wire(k.credential());
        out.put("key", k.key());
        Responses.json(ctx, 201, out);
    }

    /** Requires an admin, or the operator named in the path acting for itself. */
    private OperatorPrincipal self(Context ctx) {
        OperatorPrincipal p = auth.principal(ctx);
        if (!p.has(Role.ADMIN) && !p.name().equals(ctx.pathParam("name"))) {
            throw Auth.forbidden(p, ctx.method() + " " + ctx.path(), "admin, or to be that operator");
        }
        return p;
    }

    private static List<RoleGrant> roles(Fields f) {
        List<RoleGrant> out = new ArrayList<>();
        for (String r : f.strings("roles")) {
            try {
                out.add(RoleGrant.parse(r));
            } catch (IllegalArgumentException e) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "roles: " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Object> wire(Operator o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("roles", o.roles().stream().map(RoleGrant::toString).toList());
        m.put("disabled", o.disabled());
        m.put("password", o.passwordHash().isPresent());
        m.put("created_at", o.createdAt().toString());
        m.put("changed_at", o.changedAt().toString());
        return m;
    }

    private static Map<String, Object> wire(OperatorCredential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", c.id());
        m.put("operator", c.operator());
        m.put("roles", c.roles().stream().map(RoleGrant::toString).toList());
        m.put("created_at", c.createdAt().toString());
        m.put("expires_at", c.expiresAt().map(Instant::toString).orElse(null));
        m.put("revoked_at", c.revokedAt().map(Instant::toString).orElse(null));
        return m;
    }
}
