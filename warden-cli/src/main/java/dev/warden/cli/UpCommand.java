package dev.warden.cli;

import dev.warden.policy.PolicyLoadException;
import dev.warden.server.DataDirectory;
import dev.warden.server.DataDirectoryException;
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

    @Option(names = "--data-dir", description = {"Data directory (default: ${DEFAULT-VALUE}). It belongs to the config it was",
            "created with: 'up' with another --config refuses it."}, defaultValue = Endpoints.DEFAULT_DATA_DIR)
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

    /**
     * What {@code up} prints once the server runs: where it is, its files, and how to point the CLI
     * and curl at it (the CLI run here finds it through {@code <data-dir>/server.url}).
     */
    String banner(WardenServer server, boolean tokenFromEnv) {
        StringBuilder b = new StringBuilder();
        b.append("Warden is running at ").append(server.url()).append('\n');
        b.append("  config:         ").append(shown(config)).append('\n');
        b.append("  data:           ").append(shown(dataDir)).append('\n');
        b.append("  operator token: ").append(tokenFromEnv ? "from WARDEN_ADMIN_TOKEN" : server.adminToken()).append('\n');
        server.mcpGateway().ifPresent(g -> b.append("  MCP endpoint:   ").append(server.url()).append("/mcp  (")
                .append(g.upstreams().stream().map(u -> u.name() + ": " + u.state()).collect(java.util.stream.Collectors.joining(", ")))
                .append(")\n"));
        server.config().seeds().forEach(s -> b.append("  agent key:      ").append(shown(dataDir.resolve("keys").resolve(s.name() + ".json")))
                .append("  (").append(s.name()).append(")\n"));
        String dataOption = shown(dataDir).equals(Endpoints.DEFAULT_DATA_DIR) ? "" : " --data-dir " + shellWord(shown(dataDir));
        Path urlFile = dataDir.resolve(DataDirectory.URL_FILE);
        b.append("The CLI, from this directory (it reads ").append(shown(urlFile))
                .append(tokenFromEnv ? ", and WARDEN_ADMIN_TOKEN" : " and " + shown(dataDir.resolve("admin.token"))).append("):\n");
        b.append("  ./warden agent list").append(dataOption).append('\n');
        b.append("curl, or the CLI from elsewhere:\n");
        b.append("  export WARDEN_URL=").append(server.url());
        if (!tokenFromEnv) {
            b.append(" WARDEN_ADMIN_TOKEN=$(cat ").append(shellWord(dataDir.resolve("admin.token").toAbsolutePath().normalize().toString()))
                    .append(')');
        }
        b.append('\n');
        b.append("  curl -s $WARDEN_URL/v1/agents -H \"Authorization: Bearer $WARDEN_ADMIN_TOKEN\"\n");
        b.append("Press Ctrl-C to stop.\n");
        return b.toString();
    }

    /** A path relative to the working directory when it lies below it (as a user would type it), else absolute. */
    static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** A path as one shell word: as it is when that is safe, else single-quoted (a checkout under "My Projects"). */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
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
        } catch (DataDirectoryException e) {
            throw new CliException("cannot start: " + e.getMessage(), 2);
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
        out.print(banner(server, token.isPresent()));
        out.flush();
        stopped.await();
        return 0;
    }
}
