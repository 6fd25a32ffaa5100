package dev.warden.decision;

import dev.warden.json.CanonicalJson;
import dev.warden.json.InvalidNumberException;
import dev.warden.json.JsonNumbers;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The bounds a request must keep before anything reads it: every number in the arguments keeps
 * {@link JsonNumbers the number rule}, the arguments nest at most {@value #MAX_ARGS_DEPTH} levels, their
 * canonical form (what the audit record and the approval fingerprint hold) is at most
 * {@value #MAX_ARGS_CHARS} characters, and the action, resource and rationale are at most
 * {@value #MAX_TEXT_CHARS} characters with no unpaired surrogate. The check is on the caller's thread
 * and its cost is bounded by the limits, not by the request, so no request can stall the audit writer.
 */
public final class RequestBounds {
    /** The longest canonical form of a request's arguments (4 MiB, the MCP gateway's body limit). */
    public static final int MAX_ARGS_CHARS = 4 << 20;
    /**
     * The deepest nesting of the arguments, the arguments object itself counting as one: what the
     * HTTP API's body limit of 64 levels leaves them, and what every reader of stored JSON (the
     * approval store, the offline verifier with an entry around them) reads back.
     */
    public static final int MAX_ARGS_DEPTH = 63;
    /** The longest action, resource or rationale. */
    public static final int MAX_TEXT_CHARS = 8192;

    private RequestBounds() {
    }

    /** The deny reason for a request outside the bounds, or empty when it keeps them. */
    public static Optional<Reason> problem(DecisionRequest request) {
        Optional<Reason> text = unfit("action", request.action())
                .or(() -> unfit("resource", request.resource().orElse(null)))
                .or(() -> unfit("rationale", request.rationale().orElse(null)));
        if (text.isPresent()) {
            return text;
        }
        if (deeperThan(request.args(), MAX_ARGS_DEPTH)) {
            return Optional.of(Reason.of("schema", "invalid_arguments", "args nest deeper than " + MAX_ARGS_DEPTH + " levels"));
        }
        try {
            CanonicalJson.write(request.args(), MAX_ARGS_CHARS); // checks every number on the way
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(argsProblem(request.args(), e));
        }
    }

    /** Why writing the arguments failed; a number outside the rule, wherever it is, is named first, by its path. */
    private static Reason argsProblem(Map<String, Object> args, IllegalArgumentException failure) {
        try {
            JsonNumbers.checked(args, "args"); // only on this failure path: the writer does not know paths
        } catch (InvalidNumberException e) {
            return Reason.of("schema", "invalid_number", e.getMessage());
        }
        if (failure instanceof CanonicalJson.TooLargeException) {
            return Reason.of("schema", "arguments_too_large", "args take more than " + MAX_ARGS_CHARS
                    + " characters in canonical JSON");
        }
        return Reason.of("schema", "invalid_arguments", "args are not plain JSON: " + failure.getMessage());
    }

    /** Whether a value nests more than {@code levels} objects and arrays deep; descends no further than that. */
    private static boolean deeperThan(Object value, int levels) {
        Iterable<?> children = switch (value) {
            case Map<?, ?> m -> m.values();
            case Collection<?> c -> c;
            case null, default -> null;
        };
        if (children == null) {
            return false;
        }
        if (levels == 0) {
            return true;
        }
        for (Object child : children) {
            if (deeperThan(child, levels - 1)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Reason> unfit(String field, String value) {
        if (value != null && value.length() > MAX_TEXT_CHARS) {
            return Optional.of(Reason.of("schema", "invalid_request", field + " is longer than " + MAX_TEXT_CHARS + " characters"));
        }
        // stored as text (an approval's resource, say), where an unpaired surrogate, having no UTF-8 form, becomes '?'
        return value != null && hasUnpairedSurrogate(value)
                ? Optional.of(Reason.of("schema", "invalid_request", field + " holds an unpaired surrogate (no Unicode character)"))
                : Optional.empty();
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The request as its audit record may hold it: no arguments, texts cut to their bound. */
    static DecisionRequest recordable(DecisionRequest request) {
        return new DecisionRequest(request.caller(), cut(request.action()), request.resource().map(RequestBounds::cut),
                Map.of(), request.rationale().map(RequestBounds::cut), request.approvalId(), request.order(), Optional.empty());
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_TEXT_CHARS ? s : s.substring(0, MAX_TEXT_CHARS);
    }
}
