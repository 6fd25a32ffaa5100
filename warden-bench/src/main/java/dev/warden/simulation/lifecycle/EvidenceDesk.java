package dev.warden.simulation.lifecycle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sign-off roles record for a promotion, through the promotion evidence endpoints:
 * security's attestations, the technical owner's documentation, the business owner's success
 * metrics and ROI, and the sign-offs of each role the target level needs. Each item names its
 * evidence by reference and by the SHA-256 digest of the document.
 */
final class EvidenceDesk {
    private final Operators ops;
    private final String agent;
    private final Clock clock;

    EvidenceDesk(Operators ops, String agent, Clock clock) {
        this.ops = ops;
        this.agent = agent;
        this.clock = clock;
    }

    /**
     * Records what a promotion from {@code level} to {@code target} needs; the penetration test
     * (from Senior) passes or fails as {@code penTestPasses} says, and security signs off only
     * when it passed. Answers one line per item, with the refusal when one was refused.
     */
    List<String> gather(String level, String target, boolean penTestPasses) {
        List<String> done = new ArrayList<>();
        attest("vulnerability_assessment", "passed", "dependency and container scan", done);
        attest("code_review", "passed", "review of the agent's tool code and prompts", done);
        attest("configuration_audit", "passed", "audit of capabilities, limits and policies", done);
        boolean senior = target.equals("senior") || target.equals("principal");
        if (senior) {
            attest("penetration_test", penTestPasses ? "passed" : "failed", penTestPasses ? "external pen test"
                    : "external pen test: the agent follows instructions embedded in ticket text", done);
        }
        if (target.equals("principal")) {
            attest("adversarial_testing", "passed", "red-team exercise of prompt injection and tool misuse", done);
        }
        done.add("documentation (" + Operators.TECHNICAL + ")" + status(ops.post(Operators.TECHNICAL, "/v1/agents/" + agent
                + "/attestations", attestation("documentation", "passed", "runbook and model card"))));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("metrics", List.of(
                Map.of("name", "first_response_minutes", "unit", "minutes", "baseline", 42, "current", 9, "direction", "decrease"),
                Map.of("name", "tickets_resolved_per_day", "unit", "tickets", "baseline", 120, "current", 171, "direction", "increase")));
        value.put("roi", Map.of("ratio", 3.4, "evidence_ref", "https://evidence.example/" + agent + "/roi-" + target + ".pdf",
                "evidence_digest", digest("roi " + target + " " + clock.instant())));
        value.put("note", "measured over the time at " + level);
        done.add("business value, 2 metrics, ROI 3.4 (" + Operators.BUSINESS + ")"
                + status(ops.post(Operators.BUSINESS, "/v1/agents/" + agent + "/business-value", value)));
        signOff("technical_owner", Operators.TECHNICAL, done);
        signOff("business_owner", Operators.BUSINESS, done);
        signOff("stakeholder", Operators.STAKEHOLDER, done);
        if (senior && penTestPasses) {
            signOff("security", Operators.SECURITY, done);
        }
        if (target.equals("principal")) {
            signOff("risk_committee", Operators.RISK, done);
        }
        return done;
    }

    /** The penetration test repeated after the fix, passing, and security's sign-off. */
    List<String> retest() {
        List<String> done = new ArrayList<>();
        attest("penetration_test", "passed", "retest after the fix of the findings", done);
        signOff("security", Operators.SECURITY, done);
        return done;
    }

    private Map<String, Object> attestation(String kind, String result, String note) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", kind);
        a.put("result", result);
        a.put("evidence_ref", "https://evidence.example/" + agent + "/" + kind + "-" + clock.instant().toString().substring(0, 10) + ".pdf");
        a.put("evidence_digest", digest(kind + " " + result + " " + clock.instant()));
        a.put("note", note);
        return a;
    }

    private void attest(String kind, String result, String note, List<String> done) {
        WardenHttp.Reply r = ops.post(Operators.SECURITY, "/v1/agents/" + agent + "/attestations", attestation(kind, result, note));
        done.add(kind + " " + result + " (" + Operators.SECURITY + ")" + status(r));
    }

    private void signOff(String role, String operator, List<String> done) {
        WardenHttp.Reply r = ops.post(operator, "/v1/agents/" + agent + "/sign-offs",
                Map.of("role", role, "note", "signed off for the next level"));
        done.add("sign-off " + role + " (" + operator + ")" + status(r));
    }

    /** Nothing for a recorded item, else the status and error that refused it. */
    private static String status(WardenHttp.Reply r) {
        return r.status() == 201 ? "" : " [" + r.status() + " " + r.error() + "]";
    }

    /** {@code sha256:} and the hex SHA-256 of {@code text}. */
    static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
