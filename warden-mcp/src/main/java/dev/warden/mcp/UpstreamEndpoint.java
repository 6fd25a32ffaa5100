package dev.warden.mcp;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the gateway reaches one upstream MCP server. */
public sealed interface UpstreamEndpoint {

    /**
     * A local process speaking MCP over stdin/stdout, started and supervised by the gateway. It
     * gets a clean environment: only {@code PATH, HOME, LOGNAME, SHELL, TERM, USER} are inherited,
     * plus {@code env}.
     *
     * @param command          program and arguments
     * @param cwd              working directory (absolute), or empty for the server's
     * @param env              extra environment variables
     * @param sessionProcesses 0: one process whose session every agent's calls share; N &gt; 0:
     *                         {@code tools/call}s run in a process of their agent session's own,
     *                         at most N at once ({@link SessionProcesses})
     */
    record Stdio(List<String> command, Optional<Path> cwd, Map<String, String> env, int sessionProcesses)
            implements UpstreamEndpoint {
        /** Copies and checks. */
        public Stdio {
            command = List.copyOf(command);
            env = Map.copyOf(env);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("command must not be empty");
            }
            if (sessionProcesses < 0) {
                throw new IllegalArgumentException("sessionProcesses must not be negative");
            }
        }

        /** One shared process. */
        public Stdio(List<String> command, Optional<Path> cwd, Map<String, String> env) {
            this(command, cwd, env, 0);
        }
    }

    /**
     * A Streamable HTTP MCP server.
     *
     * @param url            the MCP endpoint, e.g. {@code http://127.0.0.1:3001/mcp}
     * @param maxConnections the most connections the gateway's call channel keeps open to it; calls
     *                       beyond that wait (within their request timeout) for one to come free
     * @param ca             for an {@code https} URL: the certificates its certificate must chain to
     *                       instead of the JVM's trust store; empty for that trust store
     */
    record Http(URI url, int maxConnections, Optional<UpstreamCa> ca) implements UpstreamEndpoint {
        /** Connections per HTTP upstream unless configured otherwise. */
        public static final int DEFAULT_MAX_CONNECTIONS = 64;

        /** Checks the bound, and that a CA goes with an {@code https} URL. */
        public Http {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            if (ca.isPresent() && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("a CA file applies to https:// upstreams only");
            }
        }

        /** Trusting the JVM's trust store. */
        public Http(URI url, int maxConnections) {
            this(url, maxConnections, Optional.empty());
        }

        /** With {@value #DEFAULT_MAX_CONNECTIONS} connections at most, trusting the JVM's trust store. */
        public Http(URI url) {
            this(url, DEFAULT_MAX_CONNECTIONS);
        }
    }
}
