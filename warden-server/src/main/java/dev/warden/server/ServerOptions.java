package dev.warden.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * How to run a server.
 *
 * @param configDir  directory with warden.yaml, tools.yaml and policies/
 * @param dataDir    directory for the SQLite store, keys and the admin token
 * @param host       address to bind (loopback by default)
 * @param port       port (0 picks a free one)
 * @param adminToken the operator token; generated and kept in the data directory when empty
 * @param clock      clock for every timestamp
 */
public record ServerOptions(Path configDir, Path dataDir, String host, int port, Optional<String> adminToken,
                            Clock clock) {

    /** Loopback, system clock. */
    public static ServerOptions of(Path configDir, Path dataDir, int port, Optional<String> adminToken) {
        return new ServerOptions(configDir, dataDir, "127.0.0.1", port, adminToken, Clock.systemUTC());
    }
}
