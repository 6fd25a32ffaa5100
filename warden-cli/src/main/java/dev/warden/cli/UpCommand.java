package dev.warden.cli;

import dev.warden.policy.PolicyLoadException;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import dev.warden.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code warden up}: starts the server in the foreground until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start Warden (embedded SQLite store).")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Config directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "examples/quickstart")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).", defaultValue = ".warden")
    Path dataDir;

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}).", defaultValue = "8470")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    /**
     * A relative config path that does not exist here is looked up under the installation
     * ({@code WARDEN_HOME}, set by the launcher), so {@code ./warden up} works from any directory.
     */
    static Path resolveConfig(Path config) {
        String home = System.getenv("WARDEN_HOME");
        if (!config.isAbsolute() && !java.nio.file.Files.isDirectory(config) && home != null) {
            Path installed = Path.of(home).resolve(config);
            if (java.nio.file.Files.isDirectory(installed)) {
                return installed;
            }
        }
        return config;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        config = resolveConfig(config);
        if (port < 0 || port > 65535) {
            throw new CliException("--port must be between 0 and 65535", 2);
        }
        Optional<String> token = Optional.ofNullable(System.getenv("WARDEN_ADMIN_TOKEN")).filter(t -> !t.isBlank());
        WardenServer server;
        try {
            server = WardenServer.start(new ServerOptions(config, dataDir, host, port, token, java.time.Clock.systemUTC()));
        } catch (ConfigException | PolicyLoadException e) {
            throw new CliException("configuration error: " + e.getMessage(), 2);
        } catch (IOException e) {
            throw new CliException("cannot use data directory " + dataDir + ": " + e.getMessage(), 1);
        } catch (dev.warden.WardenException e) {
            if (e.code() == dev.warden.ErrorCode.STORE_IN_USE) {
                throw new CliException("cannot start: data " + e.getMessage()
                        + "; stop that Warden, or give this one its own --data-dir DIR", 1);
            }
            throw new CliException(e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new CliException("cannot start: " + root.getMessage(), 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "warden-shutdown"));
        out.println("Warden is running at " + server.url());
        out.println("  config:         " + config.toAbsolutePath().normalize());
        out.println("  data:           " + dataDir.toAbsolutePath().normalize());
        out.println("  operator token: " + server.adminToken());
        server.mcpGateway().ifPresent(g -> out.println("  MCP endpoint:   " + server.url() + "/mcp  ("
                + g.upstreams().stream().map(u -> u.name() + ": " + u.state()).collect(java.util.stream.Collectors.joining(", ")) + ")"));
        server.config().seeds().forEach(s -> out.println("  agent key:      "
                + dataDir.resolve("keys").resolve(s.name() + ".json") + "  (" + s.name() + ")"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
