package dev.warden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden agent dossier NAME --out FILE}: exports an agent's promotion evidence for a review
 * board, as the server's JSON (verifiable offline with {@code warden audit verify-dossier}) and as
 * a self-contained HTML page with charts.
 */
@Command(name = "dossier", mixinStandardHelpOptions = true,
        description = {"Export an agent's evidence dossier for a promotion review: gates with their numbers, controls in force,",
                "shadow-mode results, incidents with root causes, sign-offs, demotions, level history, daily figures, and every",
                "audit record it cites with its inclusion proof against a signed checkpoint.",
                "Writes FILE (the server's JSON exactly) and FILE's .html sibling (FILE.json -> FILE.html, else FILE + .html).",
                "Verify the JSON offline with 'warden audit verify-dossier FILE --key KEYS'."})
public final class AgentDossierCommand implements Callable<Integer> {
    private static final List<String> FORMATS = List.of("json", "html", "both");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent's name.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the dossier (JSON).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "both",
            description = "json, html or both (default: ${DEFAULT-VALUE}); html alone is written to the .html sibling.")
    String format;

    @Mixin
    OperatorOptions op;

    @Override
    public Integer call() {
        String f = Output.choice(spec, "--format", format, FORMATS);
        String body;
        try (WardenClient client = op.client()) {
            body = client.getText("/v1/agents/" + WardenClient.encode(name) + "/dossier", op.token());
        }
        Path html = htmlSibling(out);
        if (!f.equals("html")) {
            write(out, body);
            Output.note(spec, "wrote " + out);
        }
        if (!f.equals("json")) {
            write(html, DossierHtml.render(CliJson.parseObject(body)));
            Output.note(spec, "wrote " + html);
        }
        return 0;
    }

    /** FILE.json becomes FILE.html; any other name gets .html appended. */
    static Path htmlSibling(Path file) {
        String n = file.getFileName().toString();
        String html = n.endsWith(".json") ? n.substring(0, n.length() - 5) + ".html" : n + ".html";
        return file.resolveSibling(html);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage(), 1);
        }
    }
}
