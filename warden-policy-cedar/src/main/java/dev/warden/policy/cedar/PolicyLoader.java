package dev.warden.policy.cedar;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationRequest;
import com.cedarpolicy.model.ValidationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.approval.ApprovalTerms;
import dev.warden.catalog.JsonSchema;
import dev.warden.catalog.ToolCatalog;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads policy files: parses each policy on its own (so Cedar's offsets are per policy and map to a
 * line of its file), checks ids and annotations, validates the whole set against the schema
 * generated from the catalog, and caches policies and schema on the Rust side. The first problem
 * found is thrown as a {@link PolicyLoadException}; nothing is returned half-loaded.
 */
final class PolicyLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENGINE_SOURCE = "<policy engine>";
    private static final int MAX_MESSAGES = 3;
    private static final Pattern CEDAR_ID = Pattern.compile("`p(\\d+)`");
    private static final Pattern NOISE = Pattern.compile(
            "^(Internal error: )?(Internal JNI Error: )?(failed to parse policy with id `[^`]*` from string: )?"
                    + "(for policy `[^`]*`, )?");

    /**
     * The loaded state.
     *
     * @param policies   the policies in load order
     * @param policySet  the Cedar policy set (cached on the Rust side)
     * @param schema     the Cedar schema (cached on the Rust side)
     * @param schemaJson the schema's JSON text
     * @param tools      the tool bindings by tool name
     * @param entries    the Cedar type of every declared context entry, by name
     */
    record Loaded(List<LoadedPolicy> policies, PolicySet policySet, Schema schema, String schemaJson,
                  Map<String, ToolBinding> tools, Map<String, CedarType> entries) {
    }

    private PolicyLoader() {
    }

    /** Loads the sources against the catalog and the declared context entries. */
    static Loaded load(List<PolicySource> sources, ToolCatalog catalog, Map<String, JsonSchema> contextEntries,
                       AuthorizationEngine cedar) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(contextEntries, "contextEntries");
        CedarSchemaGenerator.Generated generated = CedarSchemaGenerator.generate(catalog, contextEntries);
        String schemaJson = generated.json().toString();
        Schema schema = parseSchema(schemaJson);
        List<LoadedPolicy> policies = new ArrayList<>();
        Map<String, LoadedPolicy> byId = new HashMap<>();
        for (PolicySource source : sources) {
            Objects.requireNonNull(source.name(), "policy source name");
            Objects.requireNonNull(source.text(), "policy source text of " + source.name());
            for (PolicyFileParser.Statement statement : PolicyFileParser.split(source)) {
                LoadedPolicy policy = read(statement, policies.size(), schema, cedar);
                LoadedPolicy first = byId.putIfAbsent(policy.wardenId(), policy);
                if (first != null) {
                    throw new PolicyLoadException(source.name(), statement.annotationLine("id"),
                            "duplicate policy id '" + policy.wardenId() + "' (first defined at "
                                    + first.statement().file().name() + ":" + first.statement().line() + ")");
                }
                policies.add(policy);
            }
        }
        validate(policySet(policies, false), schema, policies, cedar);
        PolicySet policySet = policySet(policies, true);
        try {
            schema.cache();
            policySet.cache();
        } catch (CacheException e) {
            throw new PolicyLoadException(ENGINE_SOURCE, 0, "Cedar could not cache the policies (its caches hold at most"
                    + " cedar.cache.maxPolicySets / cedar.cache.maxSchemas entries until unused engines are garbage"
                    + " collected): " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        }
        return new Loaded(List.copyOf(policies), policySet, schema, schemaJson, generated.tools(), generated.entries());
    }

    private static Schema parseSchema(String json) {
        try {
            return Schema.parse(Schema.JsonOrCedar.Json, json);
        } catch (InternalException e) {
            throw new PolicyLoadException(CedarSchemaGenerator.CATALOG_SOURCE, 0,
                    "the Cedar schema generated from the tool catalog is invalid: " + clean(e.getMessage()));
        }
    }

    private static LoadedPolicy read(PolicyFileParser.Statement statement, int index, Schema schema,
                                     AuthorizationEngine cedar) {
        String file = statement.file().name();
        Policy policy = new Policy(statement.text(), LoadedPolicy.cedarId(index));
        JsonNode json;
        try {
            json = JSON.readTree(policy.toJson());
        } catch (InternalException e) {
            throw syntaxError(statement, policy, schema, cedar, e);
        } catch (JsonProcessingException e) {
            throw new PolicyLoadException(file, statement.line(), "Cedar returned an unreadable policy: " + e.getOriginalMessage());
        }
        boolean permit = "permit".equals(json.path("effect").asText());
        JsonNode annotations = json.path("annotations");
        String id = file + "#" + statement.index();
        if (annotations.has("id")) {
            id = annotations.get("id").asText("");
            if (id.isBlank()) {
                throw new PolicyLoadException(file, statement.annotationLine("id"), "@id must not be empty");
            }
        }
        boolean approval = annotations.has("approval");
        if (approval) {
            int line = statement.annotationLine("approval");
            String value = annotations.get("approval").asText("");
            if (!value.equals("required")) {
                throw new PolicyLoadException(file, line,
                        "policy '" + id + "': @approval must be \"required\", got \"" + value + "\"");
            }
        }
        return new LoadedPolicy(index, id, permit, approval, statement, PolicyScope.of(json),
                terms(statement, annotations, id, approval));
    }

    private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * The deadline and approver groups of an approval policy: {@code @approval_ttl("30m")} (10s to
     * 7d) and {@code @approvers("finance")} (one group, or several separated by commas). Either
     * on a policy without {@code @approval("required")} is an error.
     */
    private static ApprovalTerms terms(PolicyFileParser.Statement statement, JsonNode annotations, String id,
                                       boolean approval) {
        String file = statement.file().name();
        Optional<Duration> ttl = Optional.empty();
        List<String> groups = new ArrayList<>();
        for (String name : List.of(TTL, APPROVERS)) {
            if (!annotations.has(name)) {
                continue;
            }
            int line = statement.annotationLine(name);
            if (!approval) {
                throw new PolicyLoadException(file, line, "policy '" + id + "': @" + name
                        + " needs @approval(\"required\") on the same policy");
            }
            String value = annotations.get(name).asText("");
            if (name.equals(TTL)) {
                try {
                    ttl = Optional.of(ApprovalTerms.parseTtl(value));
                } catch (IllegalArgumentException e) {
                    throw new PolicyLoadException(file, line, "policy '" + id + "': @" + TTL + " " + e.getMessage());
                }
            } else {
                for (String g : value.split(",", -1)) {
                    String group = g.trim();
                    if (!GROUP_NAME.matcher(group).matches()) {
                        throw new PolicyLoadException(file, line, "policy '" + id + "': @" + APPROVERS
                                + " names approver groups of lower-case letters, digits, '-' and '_' separated by"
                                + " commas, got \"" + value + "\"");
                    }
                    groups.add(group);
                }
            }
        }
        return ttl.isEmpty() && groups.isEmpty() ? ApprovalTerms.NONE : new ApprovalTerms(ttl, groups);
    }

    private static final String TTL = "approval_ttl";
    private static final String APPROVERS = "approvers";

    /** Asks Cedar again, through validation, for the position of a parse error. */
    private static PolicyLoadException syntaxError(PolicyFileParser.Statement statement, Policy policy, Schema schema,
                                                   AuthorizationEngine cedar, InternalException cause) {
        String file = statement.file().name();
        try {
            ValidationResponse response = cedar.validate(new ValidationRequest(schema, new PolicySet(Set.of(policy))));
            for (DetailedError error : response.errors.orElse(com.google.common.collect.ImmutableList.of())) {
                if (!error.sourceLocations.isEmpty()) {
                    DetailedError.SourceLabel at = error.sourceLocations.get(0);
                    String expected = at.label.filter(l -> !l.isBlank()).map(l -> " (" + l + ")").orElse("");
                    return new PolicyLoadException(file, statement.lineAtByte(at.start),
                            "syntax error: " + clean(error.message) + expected);
                }
            }
        } catch (AuthException | RuntimeException e) {
            // fall through: report without the exact position
        }
        return new PolicyLoadException(file, statement.line(), "syntax error: " + clean(cause.getMessage()));
    }

    /**
     * The Cedar policy set; with {@code holdsAsPermits}, each hold (a forbid with
     * {@code @approval("required")}) becomes a permit of the same scope and condition, so Cedar names it
     * among the determining policies when it matches instead of denying.
     */
    private static PolicySet policySet(List<LoadedPolicy> policies, boolean holdsAsPermits) {
        Set<Policy> set = new LinkedHashSet<>();
        for (LoadedPolicy p : policies) {
            set.add(holdsAsPermits && p.hold() ? asPermit(p) : new Policy(p.statement().text(), p.cedarId()));
        }
        return new PolicySet(set);
    }

    private static Policy asPermit(LoadedPolicy hold) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(new Policy(hold.statement().text(), hold.cedarId()).toJson());
            json.put("effect", "permit");
            return Policy.fromJson(hold.cedarId(), json.toString());
        } catch (InternalException | JsonProcessingException | ClassCastException e) {
            throw new PolicyLoadException(hold.statement().file().name(), hold.statement().line(),
                    "policy '" + hold.wardenId() + "': Cedar could not take the hold as a permit: " + e.getMessage());
        }
    }

    private static void validate(PolicySet policySet, Schema schema, List<LoadedPolicy> policies,
                                 AuthorizationEngine cedar) {
        ValidationResponse response;
        try {
            response = cedar.validate(new ValidationRequest(schema, policySet));
        } catch (AuthException e) {
            throw new PolicyLoadException(ENGINE_SOURCE, 0, "Cedar could not validate the policies: " + e.getMessage());
        }
        if (response.type != ValidationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            List<DetailedError> errors = response.errors.orElse(com.google.common.collect.ImmutableList.of());
            String message = errors.isEmpty() ? "validation failed" : errors.get(0).message;
            LoadedPolicy policy = mentioned(message, policies);
            throw policy == null ? new PolicyLoadException(ENGINE_SOURCE, 0, clean(message))
                    : new PolicyLoadException(policy.statement().file().name(), policy.statement().line(),
                            "policy '" + policy.wardenId() + "': " + clean(message));
        }
        List<ValidationResponse.ValidationError> errors = new ArrayList<>(response.success.get().validationErrors);
        if (errors.isEmpty()) {
            return;
        }
        Map<String, LoadedPolicy> byCedarId = new HashMap<>();
        policies.forEach(p -> byCedarId.put(p.cedarId(), p));
        errors.sort(Comparator
                .comparingInt((ValidationResponse.ValidationError e) -> indexOf(byCedarId.get(e.getPolicyId())))
                .thenComparingInt(e -> span(e.getError()))
                .thenComparingInt(e -> start(e.getError())));
        ValidationResponse.ValidationError first = errors.get(0);
        LoadedPolicy policy = byCedarId.get(first.getPolicyId());
        if (policy == null) {
            throw new PolicyLoadException(ENGINE_SOURCE, 0, clean(first.getError().message));
        }
        PolicyFileParser.Statement statement = policy.statement();
        int line = first.getError().sourceLocations.isEmpty() ? statement.line() : statement.lineAtByte(start(first.getError()));
        List<String> messages = errors.stream().filter(e -> e.getPolicyId().equals(first.getPolicyId()))
                .map(e -> clean(e.getError().message)).distinct().limit(MAX_MESSAGES).toList();
        long others = errors.stream().filter(e -> !e.getPolicyId().equals(first.getPolicyId())).count();
        throw new PolicyLoadException(statement.file().name(), line, "policy '" + policy.wardenId() + "' does not match the schema: "
                + String.join("; ", messages) + (others > 0 ? " (and " + others + " more in other policies)" : ""));
    }

    private static LoadedPolicy mentioned(String message, List<LoadedPolicy> policies) {
        Matcher m = CEDAR_ID.matcher(message);
        if (m.find()) {
            int index = Integer.parseInt(m.group(1));
            return index < policies.size() ? policies.get(index) : null;
        }
        return null;
    }

    private static int indexOf(LoadedPolicy policy) {
        return policy == null ? Integer.MAX_VALUE : policy.index();
    }

    private static int start(DetailedError error) {
        return error.sourceLocations.isEmpty() ? 0 : error.sourceLocations.get(0).start;
    }

    private static int span(DetailedError error) {
        return error.sourceLocations.isEmpty() ? Integer.MAX_VALUE
                : error.sourceLocations.get(0).end - error.sourceLocations.get(0).start;
    }

    private static String clean(String message) {
        return message == null ? "unknown error" : NOISE.matcher(message).replaceFirst("");
    }
}
