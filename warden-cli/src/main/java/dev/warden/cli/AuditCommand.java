package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.audit.cite.CitationCheck;
import dev.warden.audit.cite.CitationVerifier;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.ExportVerifier;
import dev.warden.audit.export.VerifyResult;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.SignedNote;
import dev.warden.audit.siem.WebhookSink;
import dev.warden.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden audit ...}: reads, proves, exports, verifies and prunes the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Read, prove, export and verify the audit log.",
                "Indices are 0-based leaf indices (an entry's seq - 1). See docs/audit.md."})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private CommandSpec sub(String name) {
        return spec.subcommands().get(name).getCommandSpec();
    }

    @Command(name = "entries", mixinStandardHelpOptions = true,
            description = {"List audit entries (JSON), printed oldest first.",
                    "Without --after: the latest entries; page back to older ones with --before set to the",
                    "response's next_before. With --after SEQ: the first entries after SEQ; page on with --after",
                    "set to next_after."})
    int entries(@Option(names = "--after", paramLabel = "SEQ", description = "The first entries after this sequence number.") Long after,
                @Option(names = "--before", paramLabel = "SEQ", description = "Only entries before this sequence number.") Long before,
                @Option(names = "--limit", paramLabel = "N", description = "At most this many, 1 to 1000 (server default: 100).") Integer limit,
                @Option(names = "--agent", paramLabel = "NAME", description = "Only entries about this agent.") String agent,
                @Option(names = "--kind", paramLabel = "KIND", description = "Only entries of this kind, e.g. decision.") String kind,
                @Mixin OperatorOptions op) {
        CommandSpec self = sub("entries");
        if (after != null && after < 0) {
            throw new ParameterException(self.commandLine(), "--after must not be negative");
        }
        if (before != null && before < 1) {
            throw new ParameterException(self.commandLine(), "--before must be at least 1");
        }
        if (limit != null && (limit < 1 || limit > 1000)) {
            throw new ParameterException(self.commandLine(), "--limit must be between 1 and 1000");
        }
        boolean latest = after == null;
        List<String> q = new ArrayList<>();
        if (after != null) {
            q.add("after=" + after);
        }
        if (before != null) {
            q.add("before=" + before);
        }
        if (latest) {
            q.add("order=desc");
        }
        if (limit != null) {
            q.add("limit=" + limit);
        }
        if (agent != null) {
            q.add("agent=" + WardenClient.encode(agent));
        }
        if (kind != null) {
            q.add("kind=" + WardenClient.encode(kind));
        }
        String token = op.token();
        JsonNode page;
        try (WardenClient client = op.client()) {
            page = client.get("/v1/audit/entries?" + String.join("&", q), token);
        }
        if (latest && page instanceof ObjectNode o && o.path("entries").isArray()) {
            // the server answers newest first; print them in the order they happened
            List<JsonNode> entries = new ArrayList<>();
            o.get("entries").forEach(entries::add);
            ArrayNode ascending = o.putArray("entries");
            entries.reversed().forEach(ascending::add);
        }
        Output.json(spec, page);
        return 0;
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = {"Print the latest signed checkpoint (a C2SP signed note).",
                    "Keep copies: 'audit verify --checkpoint' uses one to detect a truncated export."})
    int checkpoint(@Option(names = "--json", description = "Print origin, size, root hash and note as JSON.") boolean json,
                   @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            if (json) {
                Output.json(spec, client.get("/v1/audit/checkpoint", token));
            } else {
                PrintText.raw(spec, client.getText("/v1/audit/checkpoint", token));
            }
        }
        return 0;
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = {"List the log's public keys, current and retired (JSON).",
                    "With --out, write their verifier keys (one per line) for 'audit verify --key'."})
    int keys(@Option(names = "--out", paramLabel = "FILE", description = "Write the verifier keys to this file.") Path out,
             @Mixin OperatorOptions op) {
        String token = op.token();
        JsonNode keys;
        try (WardenClient client = op.client()) {
            keys = client.get("/v1/audit/keys", token);
        }
        if (out == null) {
            Output.json(spec, keys);
            return 0;
        }
        StringBuilder text = new StringBuilder("# Warden audit log keys (signed-note verifier keys), oldest first\n");
        keys.path("keys").forEach(k -> text.append(k.path("verifier_key").asText()).append('\n'));
        try {
            Files.writeString(out, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage(), 2);
        }
        Output.note(spec, "wrote " + keys.path("keys").size() + " key(s) to " + out);
        return 0;
    }

    @Command(name = "inclusion-proof", mixinStandardHelpOptions = true,
            description = "Print the RFC 9162 inclusion proof of one entry (JSON).")
    int inclusionProof(@Option(names = "--index", required = true, paramLabel = "N", description = "Leaf index (seq - 1).") long index,
                       @Option(names = "--size", paramLabel = "N", description = "Tree size (default: the latest checkpoint's).") Long size,
                       @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/audit/proofs/inclusion?index=" + index + (size == null ? "" : "&size=" + size), token));
        }
        return 0;
    }

    @Command(name = "consistency-proof", mixinStandardHelpOptions = true,
            description = "Print the RFC 9162 consistency proof between two tree sizes (JSON).")
    int consistencyProof(@Option(names = "--from", required = true, paramLabel = "N", description = "Older tree size.") long from,
                         @Option(names = "--to", paramLabel = "N", description = "Newer tree size (default: the latest checkpoint's).") Long to,
                         @Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.get("/v1/audit/proofs/consistency?from=" + from + (to == null ? "" : "&to=" + to), token));
        }
        return 0;
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = {"Replace the log signing key. Old public keys stay published (GET /v1/audit/keys),",
                    "so checkpoints they signed stay verifiable; the rotation is itself audited."})
    int rotateKey(@Mixin OperatorOptions op) {
        String token = op.token();
        try (WardenClient client = op.client()) {
            Output.json(spec, client.postJson("/v1/audit/keys/rotate", token, CliJson.parseObject("{}")));
        }
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export the log up to a fresh signed checkpoint, streaming.",
                    "jsonl (default): verifiable JSON Lines (entries with index and leaf hash, checkpoints at their sizes);",
                    "ocsf: OCSF API Activity events for a SIEM, each with its index and leaf hash."})
    int export(@Option(names = "--out", paramLabel = "FILE", description = "Write to this file (default: stdout).") Path out,
               @Option(names = "--from", paramLabel = "N", defaultValue = "0", description = "First index (default: ${DEFAULT-VALUE}).") long from,
               @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl or ocsf.") String format,
               @Option(names = "--proofs", description = "Add a consistency proof before every checkpoint (jsonl).") boolean proofs,
               @Option(names = "--webhook", paramLabel = "URL", description = "POST the lines to this URL as application/x-ndjson.") URI webhook,
               @Option(names = "--batch", paramLabel = "N", defaultValue = "500", description = "Lines per webhook POST (default: ${DEFAULT-VALUE}).") int batch,
               @Mixin OperatorOptions op) {
        CommandSpec self = sub("export");
        ExportFormat f;
        try {
            f = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(self.commandLine(), "--format must be jsonl or ocsf");
        }
        if (from < 0) {
            throw new ParameterException(self.commandLine(), "--from must not be negative");
        }
        if (webhook != null && (!"http".equals(webhook.getScheme()) && !"https".equals(webhook.getScheme()) || webhook.getHost() == null)) {
            throw new ParameterException(self.commandLine(), "--webhook must be an http(s) URL");
        }
        if (webhook != null && out != null) {
            throw new ParameterException(self.commandLine(), "use either --out or --webhook");
        }
        if (batch < 1 || batch > 10_000) {
            throw new ParameterException(self.commandLine(), "--batch must be between 1 and 10000");
        }
        String path = "/v1/audit/export?from=" + from + "&format=" + f.wire() + "&proofs=" + proofs;
        String token = op.token();
        try (WardenClient client = op.client()) {
            if (webhook != null) {
                long lines = client.download(path, token, in -> toWebhook(in, webhook, batch));
                Output.note(spec, "posted " + lines + " line(s) to " + webhook);
            } else if (out != null) {
                long bytes = client.download(path, token, in -> {
                    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                        return in.transferTo(file);
                    }
                });
                Output.note(spec, "wrote " + bytes + " bytes to " + out);
            } else {
                PrintWriter stdout = spec.commandLine().getOut();
                client.download(path, token, in -> new InputStreamReader(in, StandardCharsets.UTF_8).transferTo(stdout));
                stdout.flush();
            }
        }
        return 0;
    }

    /** Posts the export's lines to the webhook in batches; returns the number of lines. */
    private static long toWebhook(InputStream in, URI url, int batch) throws IOException {
        try (WebhookSink sink = new WebhookSink(url, batch, Optional.empty())) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            long lines = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.line(line.getBytes(StandardCharsets.UTF_8));
                lines++;
            }
            sink.flush();
            return lines;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify an export offline (no server needed): recompute every leaf hash and the tree,",
                    "check every checkpoint signature and root, and report the first mismatch (line, index, what).",
                    "Memory stays bounded whatever the size; progress goes to stderr. Exit 0 when intact, 1 when not."})
    int verify(@Parameters(index = "0", paramLabel = "FILE", description = "The export (JSON Lines), or - for stdin.") String file,
               @Option(names = "--key", required = true, paramLabel = "PUBKEY",
                       description = {"A file with trusted log keys: signed-note verifier keys <name>+<hash>+<base64>,",
                               "one per line (as 'audit keys --out' writes), an Ed25519 JWK, or the JSON of GET /v1/audit/keys.",
                               "Repeat for several files."}) List<Path> keyFiles,
               @Option(names = "--checkpoint", paramLabel = "NOTE",
                       description = "A checkpoint obtained independently (file): the export must reach it.") Path checkpoint,
               @Option(names = "--progress-every", paramLabel = "N", defaultValue = "1000000",
                       description = "Report progress every N entries (default: ${DEFAULT-VALUE}); also every 5 s.") long every) {
        VerifyResult result = verifyFile(sub("verify"), file, keyFiles, checkpoint, every);
        if (result instanceof VerifyResult.Failed f) {
            throw new CliException("verification FAILED: " + f.message(), 1);
        }
        VerifyResult.Verified v = (VerifyResult.Verified) result;
        ObjectNode out = CliJson.parseObject("{}");
        out.put("verified", true);
        out.put("first_index", v.firstIndex());
        out.put("entries", v.entries());
        out.put("checkpoints", v.checkpoints());
        out.put("consistency_proofs", v.proofs());
        out.put("tree_size", v.size());
        out.put("root_hash", v.root().hex());
        Output.json(spec, out);
        return 0;
    }

    @Command(name = "verify-dossier", mixinStandardHelpOptions = true,
            description = {"Verify an agent's evidence dossier offline (from 'agent dossier'): check its checkpoint's signature",
                    "with the trusted keys, recompute every cited record's leaf hash from its entry, verify every inclusion proof",
                    "against the checkpoint, and check that the sections' items match the records they cite.",
                    "Exit 0 when intact, 1 naming the first bad record when not."})
    int verifyDossier(@Parameters(index = "0", paramLabel = "FILE", description = "The dossier (JSON).") Path file,
                      @Option(names = {"--key", "--keys"}, required = true, paramLabel = "PUBKEY",
                              description = {"A file with trusted log keys, as for 'audit verify' ('audit keys --out' writes one).",
                                      "Repeat for several files."}) List<Path> keyFiles) {
        KeyRing keys = keyRing(keyFiles);
        Map<String, Object> dossier;
        try {
            dossier = JsonReader.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CliException("dossier file " + file + " does not exist", 2);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        } catch (RuntimeException e) {
            throw new CliException("verification FAILED: " + file + " is not a JSON object: " + e.getMessage(), 1);
        }
        if (!"warden.agent.dossier/v1".equals(dossier.get("format"))) {
            throw new CliException("verification FAILED: not a dossier of format warden.agent.dossier/v1 (format "
                    + dossier.get("format") + ")", 1);
        }
        if (!(dossier.get("cited") instanceof Map<?, ?> cited)) {
            throw new CliException("verification FAILED: the dossier has no 'cited' section", 1);
        }
        @SuppressWarnings("unchecked")
        CitationCheck check = new CitationVerifier(keys).verify((Map<String, Object>) cited);
        if (check instanceof CitationCheck.Failed f) {
            throw new CliException("verification FAILED: " + f.message(), 1);
        }
        CitationCheck.Verified v = (CitationCheck.Verified) check;
        CitationCheck.Failed bad = references(v, dossier);
        if (bad != null) {
            throw new CliException("verification FAILED: " + bad.message(), 1);
        }
        ObjectNode out = CliJson.object();
        out.put("verified", true);
        out.put("agent", dossier.get("agent") instanceof Map<?, ?> a ? String.valueOf(a.get("name")) : null);
        out.put("records", v.entries().size());
        out.put("not_covered", cited.get("not_covered") instanceof List<?> l ? l.size() : 0);
        out.put("origin", v.origin());
        out.put("tree_size", v.size());
        out.put("root_hash", v.root().hex());
        Output.json(spec, out);
        return 0;
    }

    /** The sections' items that cite records, checked against the verified entries. */
    private static CitationCheck.Failed references(CitationCheck.Verified v, Map<String, Object> dossier) {
        List<Object> levels = list(dossier.get("level_history"));
        List<Object> signOffs = list(dossier.get("sign_offs"));
        List<Object> steps = new ArrayList<>();
        list(dossier.get("demotions")).forEach(d -> steps.addAll(list(d instanceof Map<?, ?> m ? m.get("steps") : null)));
        List<Object> incidentRecords = new ArrayList<>();
        list(dossier.get("incidents")).forEach(i -> incidentRecords.addAll(list(i instanceof Map<?, ?> m ? m.get("records") : null)));
        CitationCheck.Failed f = CitationVerifier.references(v, "level_history", levels);
        if (f == null) {
            f = CitationVerifier.references(v, "sign_offs", signOffs);
        }
        if (f == null) {
            f = CitationVerifier.references(v, "demotions", steps);
        }
        if (f == null) {
            f = CitationVerifier.references(v, "incidents", incidentRecords);
        }
        boolean partial = dossier.get("cited") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("truncated"));
        for (Object o : list(dossier.get("incidents"))) {
            if (f == null && !partial && o instanceof Map<?, ?> i && i.get("root_cause") instanceof String cause
                    && list(i.get("records")).stream().noneMatch(r -> r instanceof Map<?, ?> m && cause.equals(m.get("note"))
                    && List.of("incident.resolved", "incident.false_positive").contains(m.get("kind")))) {
                f = new CitationCheck.Failed(-1, "incident " + i.get("incident_id")
                        + ": its root_cause is not the note of a cited incident.resolved or incident.false_positive record");
            }
        }
        return f;
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static KeyRing keyRing(List<Path> keyFiles) {
        KeyRing keys = null;
        for (Path k : keyFiles) {
            try {
                KeyRing ring = KeyRing.load(k);
                keys = keys == null ? ring : keys.with(ring);
            } catch (NoSuchFileException e) {
                throw new CliException("key file " + k + " does not exist", 2);
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot use key file " + k + ": " + e.getMessage(), 2);
            }
        }
        return keys;
    }

    private VerifyResult verifyFile(CommandSpec self, String file, List<Path> keyFiles, Path checkpoint, long every) {
        KeyRing keys = keyRing(keyFiles);
        ExportVerifier verifier = new ExportVerifier(keys);
        long started = System.nanoTime();
        long[] lastReport = {started};
        verifier.onProgress(100_000, (entries, bytes) -> {
            long now = System.nanoTime();
            if (entries % every == 0 || now - lastReport[0] >= 5_000_000_000L) {
                lastReport[0] = now;
                Output.note(spec, String.format("verified %,d entries (%,d MB) in %.1f s", entries, bytes >> 20,
                        (now - started) / 1e9));
            }
        });
        if (checkpoint != null) {
            try {
                verifier.expect(SignedNote.parse(Files.readString(checkpoint, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot use checkpoint " + checkpoint + ": " + e.getMessage(), 2);
            }
        }
        if (every < 1) {
            throw new ParameterException(self.commandLine(), "--progress-every must be at least 1");
        }
        try (InputStream in = "-".equals(file) ? System.in : new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
            return verifier.verify(in);
        } catch (NoSuchFileException e) {
            throw new CliException("export file " + file + " does not exist", 2);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Remove entries below an index from the hot store, after an export that covers them.",
                    "The export is verified here first (with --key, else the server's published keys); the server then",
                    "checks that its root at the export's size matches. Proofs for the remaining entries stay valid."})
    int prune(@Option(names = "--below", required = true, paramLabel = "INDEX", description = "Remove entries with index < INDEX.") long below,
              @Option(names = "--confirm-exported", required = true, paramLabel = "FILE",
                      description = "The verified export (from 'audit export') that covers the removed entries.") Path exported,
              @Option(names = "--key", paramLabel = "PUBKEY", description = "Trusted key file(s) for verifying the export.") List<Path> keyFiles,
              @Mixin OperatorOptions op) {
        CommandSpec self = sub("prune");
        if (below < 1) {
            throw new ParameterException(self.commandLine(), "--below must be at least 1");
        }
        String token = op.token();
        try (WardenClient client = op.client()) {
            List<Path> keys = keyFiles;
            Path temp = null;
            if (keys == null || keys.isEmpty()) {
                temp = writeTemp(CliJson.write(client.get("/v1/audit/keys", token)));
                keys = List.of(temp);
            }
            VerifyResult r;
            try {
                r = verifyFile(self, exported.toString(), keys, null, Long.MAX_VALUE);
            } finally {
                deleteQuietly(temp);
            }
            if (r instanceof VerifyResult.Failed f) {
                throw new CliException("the export does not verify, nothing pruned: " + f.message(), 1);
            }
            VerifyResult.Verified v = (VerifyResult.Verified) r;
            if (v.size() < below) {
                throw new CliException("the export ends at index " + (v.size() - 1) + ": it does not cover entries below " + below, 1);
            }
            ObjectNode body = CliJson.parseObject("{}");
            body.put("below", below);
            body.put("exported_from", v.firstIndex());
            body.put("exported_size", v.size());
            body.put("exported_root", v.root().hex());
            Output.json(spec, client.postJson("/v1/audit/prune", token, body));
        }
        return 0;
    }

    private static Path writeTemp(String text) {
        try {
            Path p = Files.createTempFile("warden-keys-", ".json");
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new CliException("cannot write a temporary key file: " + e.getMessage(), 1);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file
            }
        }
    }

    /** Text output without a trailing newline of its own. */
    private static final class PrintText {
        private PrintText() {
        }

        static void raw(CommandSpec spec, String text) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
    }
}
