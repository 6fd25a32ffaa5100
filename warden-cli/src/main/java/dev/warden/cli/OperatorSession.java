package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.server.token.SigningKey;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The operator token of {@code warden login}, kept in a file only its user can read (0600):
 * {@code $WARDEN_SESSION_FILE}, else {@code ~/.config/warden/operator-session.json}. Operator
 * commands use it when neither {@code --admin-token} nor {@code $WARDEN_ADMIN_TOKEN} is given.
 *
 * @param operator  who signed in
 * @param token     the operator token
 * @param expiresAt when it stops working
 */
record OperatorSession(String operator, String token, Instant expiresAt) {
    /** Where the session file is by default, as the help texts say it. */
    static final String LOOKUP = "$WARDEN_SESSION_FILE, else ~/.config/warden/operator-session.json";

    /** The session file: {@code option}, else the environment, else the default under the home directory. */
    static Path file(Path option) {
        if (option != null) {
            return option;
        }
        return Endpoints.env("WARDEN_SESSION_FILE").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".config", "warden", "operator-session.json"));
    }

    /** Writes the session with permissions 0600 (replacing an earlier one). */
    void write(Path file) {
        ObjectNode o = CliJson.object();
        o.put("operator", operator);
        o.put("token", token);
        o.put("expires_at", expiresAt.toString());
        try {
            SigningKey.writePrivate(file, CliJson.write(o) + "\n");
        } catch (IOException e) {
            throw new CliException("cannot write the session file " + file + ": " + e.getMessage(), 1);
        }
    }

    /**
     * The session in {@code file}, if there is one.
     *
     * @throws CliException (exit 2) for an unreadable file, or a sign-in that has expired
     */
    static Optional<OperatorSession> read(Path file, Instant now) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CliException("cannot read the session file " + file + ": " + e.getMessage(), 2);
        }
        try {
            JsonNode o = CliJson.parseObject(text);
            OperatorSession s = new OperatorSession(o.path("operator").asText(), o.path("token").asText(),
                    Instant.parse(o.path("expires_at").asText()));
            if (s.token().isEmpty()) {
                throw new CliException("the session file " + file + " holds no token; run 'warden login NAME'", 2);
            }
            if (!now.isBefore(s.expiresAt())) {
                throw new CliException("the sign-in of " + s.operator() + " expired at " + s.expiresAt()
                        + "; run 'warden login " + s.operator() + "' again", 2);
            }
            return Optional.of(s);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new CliException("the session file " + file + " is not one 'warden login' wrote", 2);
        }
    }

    /**
     * A password from the console without echo, else one line of standard input (for scripts:
     * {@code --password-stdin}).
     */
    static char[] readPassword(String prompt, boolean stdin) {
        Console console = System.console();
        if (!stdin && console != null && terminal(console)) {
            char[] p = console.readPassword("%s", prompt);
            if (p == null || p.length == 0) {
                throw new CliException("no password given", 2);
            }
            return p;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("no password on standard input", 2);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException("cannot read the password: " + e.getMessage(), 2);
        }
    }

    /** Whether the console is a terminal ({@code Console.isTerminal}, Java 22+; on 21 a console is one). */
    private static boolean terminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "OperatorSession[" + operator + ", expires " + expiresAt + "]";
    }
}
