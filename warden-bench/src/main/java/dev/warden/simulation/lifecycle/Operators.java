package dev.warden.simulation.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The humans around the agent, created through the operators API by the bootstrap admin, each
 * with an API key: an on-call admin, the agent's owner, an approver of the project, and the
 * operators named in {@code maturity.sign_off_roles} (technical owner, business owner, security,
 * risk committee, stakeholder).
 */
final class Operators {
    /** On-call admin: incidents, demotion steps, identity changes. */
    static final String ADMIN = "adam";
    /** The agent's owner: asks for promotions. */
    static final String OWNER = "olivia";
    /** Approves or denies the agent's held calls. */
    static final String APPROVER = "ray";
    /** Technical owner (sign-off role). */
    static final String TECHNICAL = "tom";
    /** Business owner (sign-off role). */
    static final String BUSINESS = "bella";
    /** Security (sign-off role; records attestations). */
    static final String SECURITY = "sam";
    /** Risk committee (sign-off role). */
    static final String RISK = "rita";
    /** Stakeholder (sign-off role). */
    static final String STAKEHOLDER = "stella";

    private static final Map<String, List<String>> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put(ADMIN, List.of("admin"));
        ROLES.put(OWNER, List.of("owner"));
        ROLES.put(APPROVER, List.of("approver@" + ServerSetup.PROJECT));
        ROLES.put(TECHNICAL, List.of("auditor"));
        ROLES.put(BUSINESS, List.of("auditor"));
        ROLES.put(SECURITY, List.of("auditor"));
        ROLES.put(RISK, List.of("auditor"));
        ROLES.put(STAKEHOLDER, List.of("auditor"));
    }

    private final WardenHttp http;
    private final Map<String, String> keys = new LinkedHashMap<>();

    private Operators(WardenHttp http) {
        this.http = http;
    }

    /** Creates every operator and an API key of each with the bootstrap admin's token. */
    static Operators create(WardenHttp http, String bootstrapToken) {
        Operators o = new Operators(http);
        for (Map.Entry<String, List<String>> e : ROLES.entrySet()) {
            WardenHttp.Reply created = http.post("/v1/operators", bootstrapToken, Map.of("name", e.getKey(), "roles", e.getValue()));
            require(created, 201, "create operator " + e.getKey());
            WardenHttp.Reply key = http.post("/v1/operators/" + e.getKey() + "/keys", bootstrapToken, Map.of());
            require(key, 201, "API key of " + e.getKey());
            o.keys.put(e.getKey(), key.string("key"));
        }
        return o;
    }

    /** Operator {@code name}'s credential. */
    String key(String name) {
        return keys.get(name);
    }

    WardenHttp.Reply post(String operator, String path, Object body) {
        return http.post(path, key(operator), body);
    }

    WardenHttp.Reply get(String operator, String path) {
        return http.get(path, key(operator));
    }

    static WardenHttp.Reply require(WardenHttp.Reply r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r.status() + " " + r.body());
        }
        return r;
    }
}
