package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden login NAME}: signs an operator in and keeps the operator token for later commands. */
@Command(name = "login", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sign in as a named operator: reads the password (from the terminal without echo, else one line",
                "of standard input), and stores the operator token (valid 1 hour) in a file only you can read",
                "(" + OperatorSession.LOOKUP + "). Operator commands then use it, before $WARDEN_ADMIN_TOKEN,",
                "unless --admin-token is given; 'warden logout' removes it.",
                "With --oidc-token-stdin (no NAME), exchanges an OpenID Connect ID token read from one line of",
                "standard input instead (POST /v1/login/oidc; the server must have operators.oidc configured):",
                "the token names the operator.",
                "Prints {\"operator\", \"expires_at\", \"session_file\"}."})
public final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The operator's name (not with --oidc-token-stdin).")
    String name;

    @Option(names = "--oidc-token-stdin", description = "Sign in with an OIDC ID token read from standard input.")
    boolean oidcTokenStdin;

    @Option(names = "--password-stdin", description = "Read the password from standard input even on a terminal.")
    boolean passwordStdin;

    @Option(names = "--url", paramLabel = "URL", description = {"Warden's base URL.", "Default: " + Endpoints.LOOKUP})
    String url;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Endpoints.DEFAULT_DATA_DIR,
            description = "The server's data directory, read for server.url (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--session-file", paramLabel = "FILE", description = "Where to keep the sign-in (default: "
            + OperatorSession.LOOKUP + ").")
    Path sessionFile;

    @Override
    public Integer call() {
        if (oidcTokenStdin == (name != null)) {
            throw new CliException(oidcTokenStdin ? "with --oidc-token-stdin the ID token names the operator; leave NAME out"
                    : "give the operator's NAME, or --oidc-token-stdin", 2);
        }
        ObjectNode body = CliJson.object();
        String path;
        if (oidcTokenStdin) {
            body.put("id_token", idToken());
            path = "/v1/login/oidc";
        } else {
            char[] password = OperatorSession.readPassword("Password for " + name + ": ", passwordStdin);
            body.put("name", name);
            body.put("password", new String(password));
            java.util.Arrays.fill(password, '\0');
            path = "/v1/login";
        }
        JsonNode reply;
        try (WardenClient client = new WardenClient(Endpoints.resolve(url, Optional.empty(), dataDir))) {
            reply = client.postJson(path, null, body);
        }
        String operator = reply.path("operator").asText(name);
        OperatorSession session = new OperatorSession(operator, reply.path("token").asText(),
                Instant.parse(reply.path("expires_at").asText()));
        Path file = OperatorSession.file(sessionFile).toAbsolutePath();
        session.write(file);
        ObjectNode out = CliJson.object();
        out.put("operator", operator);
        out.put("expires_at", session.expiresAt().toString());
        out.put("session_file", file.toString());
        Output.json(spec, out);
        return 0;
    }

    /** One line of standard input: the ID token, trimmed. */
    private static String idToken() {
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new CliException("no ID token on standard input", 2);
            }
            return line.strip();
        } catch (java.io.IOException e) {
            throw new CliException("cannot read the ID token: " + e.getMessage(), 2);
        }
    }

    /** {@code warden logout}: forgets the sign-in (the token expires on its own within the hour). */
    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = "Remove the sign-in file of 'warden login'; operator commands fall back to $WARDEN_ADMIN_TOKEN.")
    public static final class Logout implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--session-file", paramLabel = "FILE", description = "The sign-in file (default: "
                + OperatorSession.LOOKUP + ").")
        Path sessionFile;

        @Override
        public Integer call() throws java.io.IOException {
            Path file = OperatorSession.file(sessionFile).toAbsolutePath();
            boolean removed = java.nio.file.Files.deleteIfExists(file);
            Output.note(spec, removed ? "signed out (removed " + file + ")" : "not signed in (" + file + " does not exist)");
            return 0;
        }
    }
}
