package dev.warden.server;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.ContentDetectors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * @param detectors  the content detectors of data governance (default: the shipped ones,
 *                   {@link ContentDetectors#defaults()})
 */
public record ServerOptions(Path configDir, Path dataDir, String host, int port, Optional<String> adminToken,
                            Clock clock, List<ContentDetector> detectors) {

    /** Copies the detectors. */
    public ServerOptions {
        detectors = List.copyOf(detectors);
    }

    /** With the shipped detectors. */
    public ServerOptions(Path configDir, Path dataDir, String host, int port, Optional<String> adminToken, Clock clock) {
        this(configDir, dataDir, host, port, adminToken, clock, ContentDetectors.defaults());
    }

    /** The same options with these detectors. */
    public ServerOptions withDetectors(List<ContentDetector> list) {
        return new ServerOptions(configDir, dataDir, host, port, adminToken, clock, list);
    }

    /** Loopback, system clock. */
    public static ServerOptions of(Path configDir, Path dataDir, int port, Optional<String> adminToken) {
        return new ServerOptions(configDir, dataDir, "127.0.0.1", port, adminToken, Clock.systemUTC());
    }
}
