package dev.warden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options of every operator command: where Warden is and the operator token. */
final class OperatorOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = {"Warden's base URL.", "Default: " + Endpoints.LOOKUP})
    String url;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Operator token or API key (default: the sign-in of 'warden login' (" + OperatorSession.LOOKUP
                    + "), else $WARDEN_ADMIN_TOKEN, else the bootstrap file <data-dir>/admin.token). "
                    + "Prefer the environment variable: options are visible to other local users.")
    String adminToken;

    @Option(names = "--session-file", paramLabel = "FILE",
            description = "The sign-in file 'warden login' wrote (default: " + OperatorSession.LOOKUP + ").")
    Path sessionFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Endpoints.DEFAULT_DATA_DIR,
            description = "The server's data directory, read for admin.token and server.url (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** A client for the resolved URL. */
    WardenClient client() {
        return new WardenClient(Endpoints.resolve(url, Optional.empty(), dataDir));
    }

    /**
     * The operator token: {@code --admin-token}, else the sign-in of {@code warden login}
     * ({@link OperatorSession}), else {@code $WARDEN_ADMIN_TOKEN}, else the bootstrap admin token
     * file in the data directory.
     *
     * @throws CliException (exit 2) when none is available
     */
    String token() {
        if (adminToken != null && !adminToken.isBlank()) {
            return adminToken.trim();
        }
        // a sign-in is a deliberate choice of identity: it goes before the bootstrap token in the environment
        Optional<OperatorSession> session = OperatorSession.read(OperatorSession.file(sessionFile), java.time.Instant.now());
        if (session.isPresent()) {
            return session.get().token();
        }
        Optional<String> env = Endpoints.env("WARDEN_ADMIN_TOKEN");
        if (env.isPresent()) {
            return env.get();
        }
        Path file = dataDir.resolve("admin.token");
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new CliException("operator token file " + file + " is empty", 2);
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new CliException("no operator token: pass --admin-token, set WARDEN_ADMIN_TOKEN, or point --data-dir"
                    + " at the server's data directory (" + file + " does not exist)", 2);
        } catch (IOException e) {
            throw new CliException("cannot read operator token file " + file + ": " + e.getMessage(), 2);
        }
    }
}
