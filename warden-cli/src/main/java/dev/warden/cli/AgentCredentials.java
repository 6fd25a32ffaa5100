package dev.warden.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How an agent command authenticates: a key file (a fresh token is fetched) or an access token. */
final class AgentCredentials {
    @Option(names = "--key", paramLabel = "FILE",
            description = "The agent's key file (as written by 'warden agent register' or for seed agents by the server).")
    Path key;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "An access token from 'warden agent token', used instead of --key.")
    String token;

    @Option(names = "--url", paramLabel = "URL",
            description = {"Warden's base URL.", "Default: the key file's warden_url, else",
                    Endpoints.LOOKUP_DEFAULT_DIR})
    String url;

    /** An open client and the access token to send with it. */
    record Session(WardenClient client, String accessToken) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    /**
     * Resolves the credentials: reads the key file and fetches a token, or uses the given token.
     *
     * @throws ParameterException unless exactly one of --key and --token is given
     */
    Session open(CommandSpec spec) {
        if ((key == null) == (token == null || token.isBlank())) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --key FILE and --token TOKEN");
        }
        if (key == null) {
            return new Session(new WardenClient(Endpoints.resolve(url, Optional.empty(), Path.of(Endpoints.DEFAULT_DATA_DIR))), token.trim());
        }
        KeyFile file = KeyFile.read(key);
        WardenClient client = new WardenClient(Endpoints.resolve(url, file.wardenUrl(), Path.of(Endpoints.DEFAULT_DATA_DIR)));
        try {
            return new Session(client, AgentAuth.accessToken(client, file));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
