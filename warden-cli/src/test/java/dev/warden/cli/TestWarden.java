package dev.warden.cli;

import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A real Warden server with the quickstart configuration, for one test class. */
final class TestWarden implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-123456";
    /** Surefire runs tests in the module directory. */
    static final Path QUICKSTART = Path.of("..", "examples", "quickstart");

    private final WardenServer server;
    private final Path data;

    private TestWarden(WardenServer server, Path data) {
        this.server = server;
        this.data = data;
    }

    static TestWarden start(Path data) throws IOException {
        return start(QUICKSTART, data);
    }

    /** A server on the configuration in {@code config}. */
    static TestWarden start(Path config, Path data) throws IOException {
        return new TestWarden(WardenServer.start(ServerOptions.of(config, data, 0, Optional.of(ADMIN_TOKEN))), data);
    }

    String url() {
        return server.url();
    }

    /** The key file the server wrote for a seed agent. */
    Path seedKey(String agent) {
        return data.resolve("keys").resolve(agent + ".json");
    }

    /** The server itself (tests hand it anomalies as the detectors do). */
    WardenServer server() {
        return server;
    }

    /** Runs an operator command against this server: appends --url and --admin-token. */
    Cli.Result operator(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        all[args.length + 2] = "--admin-token";
        all[args.length + 3] = ADMIN_TOKEN;
        return Cli.run(all);
    }

    @Override
    public void close() {
        server.close();
    }
}
