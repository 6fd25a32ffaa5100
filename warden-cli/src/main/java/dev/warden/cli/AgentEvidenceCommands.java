package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Promotion evidence for gates 2, 3 and 5 ({@code /v1/agents/NAME/attestations}, {@code
 * business-value}, {@code sign-offs}): {@code warden agent attest}, {@code business-value},
 * {@code sign-off}, {@code sign-offs} and {@code withdraw-sign-off}. Each records as the signed-in
 * operator, in the sign-off role the server checks.
 */
final class AgentEvidenceCommands {
    private AgentEvidenceCommands() {
    }

    private static String base(String name) {
        return "/v1/agents/" + WardenClient.encode(name);
    }

    /** {@code sha256:} and the hex SHA-256 of a file's bytes. */
    static String digestOf(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new CliException("cannot read evidence file " + file + ": " + e.getMessage(), 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The evidence digest: given, or computed from a file. */
    static final class Digest {
        @Option(names = "--evidence-file", paramLabel = "FILE", required = true,
                description = "The evidence itself: its SHA-256 is computed here and sent as the digest.")
        Path file;

        @Option(names = "--evidence-digest", paramLabel = "sha256:HEX", required = true,
                description = "The digest of the evidence: sha256: followed by 64 hex digits.")
        String digest;

        String value() {
            return file != null ? digestOf(file) : digest;
        }
    }

    /** {@code warden agent attest NAME --kind K --result passed|failed --evidence-ref REF (--evidence-file F | --evidence-digest D)}. */
    @Command(name = "attest", mixinStandardHelpOptions = true,
            description = {"Record an attestation for an agent's next promotion (gate 2; documentation: gate 5).",
                    "Kinds: vulnerability_assessment, code_review, configuration_audit, penetration_test (senior, principal), "
                            + "adversarial_testing (principal): sign-off role security; documentation: role technical_owner."})
    static final class Attest implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The agent's name.")
        String name;
        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "What is attested.")
        String kind;
        @Option(names = "--result", required = true, paramLabel = "passed|failed", description = "The review's result.")
        String result;
        @Option(names = "--evidence-ref", required = true, paramLabel = "REF", description = "Where the evidence is (URL, ticket).")
        String ref;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Digest digest;
        @Option(names = "--note", paramLabel = "TEXT", description = "A comment.")
        String note;
        @Mixin
        OperatorOptions op;

        @Override
        public Integer call() {
            ObjectNode body = CliJson.object().put("kind", kind).put("result", result).put("evidence_ref", ref)
                    .put("evidence_digest", digest.value());
            if (note != null) {
                body.put("note", note);
            }
            try (WardenClient client = op.client()) {
                Output.json(spec, client.postJson(base(name) + "/attestations", op.token(), body));
            }
            return 0;
        }
    }

    /** {@code warden agent business-value NAME --metric name=..,unit=..,baseline=..,current=..,direction=.. [--roi ...]}. */
    @Command(name = "business-value", mixinStandardHelpOptions = true,
            description = {"Record an agent's business value for its next promotion (gate 3; sign-off role business_owner)."})
    static final class BusinessValue implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The agent's name.")
        String name;
        @Option(names = "--metric", required = true, paramLabel = "name=N,unit=U,baseline=B[,current=C],direction=increase|decrease",
                description = "A success metric (repeatable).")
        List<String> metrics;
        @Option(names = "--roi", paramLabel = "RATIO", description = "Return on investment: value per unit spent.")
        BigDecimal roi;
        @Option(names = "--roi-evidence-ref", paramLabel = "REF", description = "Where the ROI calculation is.")
        String roiRef;
        @Option(names = "--roi-evidence-file", paramLabel = "FILE", description = "The ROI calculation (its SHA-256 is sent).")
        Path roiFile;
        @Option(names = "--roi-evidence-digest", paramLabel = "sha256:HEX", description = "The ROI calculation's digest.")
        String roiDigest;
        @Option(names = "--note", paramLabel = "TEXT", description = "A comment.")
        String note;
        @Mixin
        OperatorOptions op;

        @Override
        public Integer call() {
            ObjectNode body = CliJson.object();
            ArrayNode list = body.putArray("metrics");
            for (String m : metrics) {
                list.add(metric(m));
            }
            if (roi != null) {
                ObjectNode r = body.putObject("roi").put("ratio", roi);
                if (roiRef != null) {
                    r.put("evidence_ref", roiRef);
                }
                String d = roiFile != null ? digestOf(roiFile) : roiDigest;
                if (d != null) {
                    r.put("evidence_digest", d);
                }
            } else if (roiRef != null || roiFile != null || roiDigest != null) {
                throw new CliException("--roi-evidence-* needs --roi RATIO", 2);
            }
            if (note != null) {
                body.put("note", note);
            }
            try (WardenClient client = op.client()) {
                Output.json(spec, client.postJson(base(name) + "/business-value", op.token(), body));
            }
            return 0;
        }

        static ObjectNode metric(String spec) {
            ObjectNode m = CliJson.object();
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new CliException("--metric '" + spec + "': expected key=value pairs separated by commas", 2);
                }
                String key = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                switch (key) {
                    case "name", "unit", "direction" -> m.put(key, value);
                    case "baseline", "current" -> {
                        try {
                            m.put(key, new BigDecimal(value));
                        } catch (NumberFormatException e) {
                            throw new CliException("--metric '" + spec + "': " + key + " must be a number", 2);
                        }
                    }
                    default -> throw new CliException("--metric '" + spec + "': unknown key " + key
                            + " (known: name, unit, baseline, current, direction)", 2);
                }
            }
            return m;
        }
    }

    /** {@code warden agent sign-off NAME --role R [--note TEXT]}. */
    @Command(name = "sign-off", mixinStandardHelpOptions = true,
            description = {"Sign off an agent's next promotion in a sign-off role (gate 5; stakeholder: gate 3).",
                    "Roles: technical_owner, business_owner, security, risk_committee, stakeholder."})
    static final class SignOff implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The agent's name.")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "The sign-off role signed in.")
        String role;
        @Option(names = "--note", paramLabel = "TEXT", description = "A comment.")
        String note;
        @Mixin
        OperatorOptions op;

        @Override
        public Integer call() {
            ObjectNode body = CliJson.object().put("role", role);
            if (note != null) {
                body.put("note", note);
            }
            try (WardenClient client = op.client()) {
                Output.json(spec, client.postJson(base(name) + "/sign-offs", op.token(), body));
            }
            return 0;
        }
    }

    /** {@code warden agent sign-offs NAME}: the evidence recorded at the agent's current level. */
    @Command(name = "sign-offs", mixinStandardHelpOptions = true,
            description = "List the attestations, business value and sign-offs recorded at an agent's current level, withdrawn ones included.")
    static final class SignOffs implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The agent's name.")
        String name;
        @Option(names = "--json", description = "Print the server's answer as JSON.")
        boolean json;
        @Mixin
        OperatorOptions op;

        @Override
        public Integer call() {
            JsonNode r;
            try (WardenClient client = op.client()) {
                r = client.get(base(name) + "/sign-offs", op.token());
            }
            if (json) {
                Output.json(spec, r);
                return 0;
            }
            Output.line(spec, r.path("agent").asText() + ": " + r.path("level").asText() + " since " + r.path("since").asText()
                    + ", evidence for " + r.path("next_level").asText());
            for (JsonNode i : r.path("items")) {
                String what = Map.of("sign_off", "sign-off", "business_value", "business value").getOrDefault(i.path("kind").asText(),
                        i.path("kind").asText() + " " + i.path("result").asText());
                Output.line(spec, "  " + i.path("id").asText() + "  " + i.path("recorded_at").asText() + "  " + i.path("role").asText()
                        + "  " + i.path("operator").asText() + "  " + what
                        + (i.path("withdrawn").asBoolean() ? "  WITHDRAWN by " + i.path("withdrawn_by").asText() + ": "
                        + i.path("withdraw_reason").asText() : ""));
            }
            return 0;
        }
    }

    /** {@code warden agent withdraw-sign-off NAME ID --reason TEXT}. */
    @Command(name = "withdraw-sign-off", mixinStandardHelpOptions = true,
            description = "Withdraw an attestation, business value or sign-off (its author or an admin); it no longer counts.")
    static final class Withdraw implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name.")
        String name;
        @Parameters(index = "1", paramLabel = "ID", description = "The item's id (evd_...).")
        String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is withdrawn.")
        String reason;
        @Mixin
        OperatorOptions op;

        @Override
        public Integer call() {
            try (WardenClient client = op.client()) {
                Output.json(spec, client.deleteJson(base(name) + "/sign-offs/" + WardenClient.encode(id), op.token(),
                        CliJson.object().put("reason", reason)));
            }
            return 0;
        }
    }
}
