package dev.warden.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden agent token}: authenticates with a key file and prints an access token. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Get an access token for an agent, authenticating with its key file.",
                "Prints only the token, e.g. TOKEN=$(warden agent token --key .warden/keys/support-bot.json)"})
public final class AgentTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The agent's key file.")
    Path key;

    @Option(names = "--url", paramLabel = "URL",
            description = {"Warden's base URL.", "Default: the key file's warden_url, else",
                    Endpoints.LOOKUP_DEFAULT_DIR})
    String url;

    @Override
    public Integer call() {
        KeyFile file = KeyFile.read(key);
        try (WardenClient client = new WardenClient(Endpoints.resolve(url, file.wardenUrl(), Path.of(Endpoints.DEFAULT_DATA_DIR)))) {
            Output.line(spec, AgentAuth.accessToken(client, file));
        }
        return 0;
    }
}
