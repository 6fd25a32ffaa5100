package dev.warden.server;

import java.nio.file.Path;
import java.util.Optional;

/** Runs a server in a child JVM for crash tests; prints {@code PORT <n>} once it listens. */
public final class ServerProcess {
    private ServerProcess() {
    }

    /** Args: config dir, data dir. */
    public static void main(String[] args) throws Exception {
        WardenServer server = WardenServer.start(ServerOptions.of(Path.of(args[0]), Path.of(args[1]), 0,
                Optional.of(TestServer.ADMIN)));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
