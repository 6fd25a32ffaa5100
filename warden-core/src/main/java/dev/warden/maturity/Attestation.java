package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An attestation to record: that a review of {@code kind} was done, its result, and where its
 * evidence is with a digest of it.
 *
 * @param kind           what was attested
 * @param passed         its result: passed or failed
 * @param evidenceRef    where the evidence is (a URL, a ticket, a path), at most 2000 characters
 * @param evidenceDigest {@code sha256:} and 64 lower-case hex digits, the digest of the evidence
 * @param note           a comment
 */
public record Attestation(AttestationKind kind, boolean passed, String evidenceRef, String evidenceDigest, Optional<String> note) {
    /** The longest evidence reference. */
    public static final int MAX_REF = 2000;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * Validates.
     *
     * @throws WardenException {@code invalid_field} or {@code missing_field} naming the field
     */
    public Attestation {
        Objects.requireNonNull(kind, "kind");
        evidenceRef = ref("evidence_ref", evidenceRef);
        evidenceDigest = digest("evidence_digest", evidenceDigest);
        Objects.requireNonNull(note, "note");
    }

    /** The {@code result} wire value. */
    public String result() {
        return passed ? "passed" : "failed";
    }

    /** Parses {@code passed} or {@code failed}. */
    public static boolean parseResult(String text) {
        return switch (text == null ? "" : text) {
            case "passed" -> true;
            case "failed" -> false;
            default -> throw new WardenException(ErrorCode.INVALID_FIELD, "result: must be passed or failed");
        };
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", result());
        m.put("evidence_ref", evidenceRef);
        m.put("evidence_digest", evidenceDigest);
        m.put("note", note.orElse(null));
        return m;
    }

    /** A checked evidence reference. */
    static String ref(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, field + ": is required");
        }
        if (value.length() > MAX_REF) {
            throw new WardenException(ErrorCode.INVALID_FIELD, field + ": longer than " + MAX_REF + " characters");
        }
        return value;
    }

    /** A checked evidence digest. */
    static String digest(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, field + ": is required");
        }
        if (!DIGEST.matcher(value).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, field + ": must be sha256: followed by 64 hex digits");
        }
        return value;
    }
}
