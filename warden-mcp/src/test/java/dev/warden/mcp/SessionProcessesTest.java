package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session processes of a stdio upstream, against the real memo server (state kept in its process). */
@ExtendWith(NodeFixture.class)
class SessionProcessesTest {
    static final Duration T = Duration.ofSeconds(20);

    static final UpstreamSupervisor.Events NO_EVENTS = new UpstreamSupervisor.Events() {
        @Override
        public void connected(UpstreamSupervisor upstream, List<McpSchema.Tool> tools) {
        }

        @Override
        public void toolsChanged(UpstreamSupervisor upstream, List<McpSchema.Tool> tools) {
        }

        @Override
        public void resourcesChanged(UpstreamSupervisor upstream) {
        }

        @Override
        public void promptsChanged(UpstreamSupervisor upstream) {
        }

        @Override
        public void disconnected(UpstreamSupervisor upstream, String why) {
        }

        @Override
        public void progress(McpSchema.ProgressNotification progress) {
        }

        @Override
        public void resourceUpdated(UpstreamSupervisor upstream, String uri) {
        }
    };

    static String call(UpstreamLink link, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = link.client().callTool(new McpSchema.CallToolRequest(tool, args)).block(T);
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    static long pid(UpstreamLink link) {
        return Long.parseLong(call(link, "pid", Map.of()));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aProcessThatCannotStart_failsTheCall_andHoldsNoPlace() throws Exception {
        UpstreamConfig config = new UpstreamConfig("broken", "broken", new UpstreamEndpoint.Stdio(
                List.of("node", "-e", "process.exit(3)"), Optional.of(NodeFixture.dir()), Map.of(), 1), T);
        try (UpstreamSupervisor upstream = new UpstreamSupervisor(config, NO_EVENTS, Clock.systemUTC())) {
            SessionProcesses processes = upstream.sessionProcesses().orElseThrow();
            for (String owner : List.of("a", "b")) {
                assertThatThrownBy(() -> processes.link(owner)).isInstanceOf(SessionProcesses.UnavailableException.class)
                        .hasMessageContaining("could not start a process");
            }
            assertThat(processes.openSessions()).isZero();
        }
    }

    @Test
    void aSessionsProcess_isReused_startedAfreshAfterItExits_boundedAndEndedWithTheSession() throws Exception {
        UpstreamConfig config = new UpstreamConfig("memo", "memo", new UpstreamEndpoint.Stdio(
                List.of("node", NodeFixture.dir().resolve("memo-server.mjs").toString()), Optional.of(NodeFixture.dir()), Map.of(), 1), T);
        try (UpstreamSupervisor upstream = new UpstreamSupervisor(config, NO_EVENTS, Clock.systemUTC())) {
            SessionProcesses processes = upstream.sessionProcesses().orElseThrow();
            UpstreamLink a = processes.link("a");
            assertThat(call(a, "remember", Map.of("note", "kept in a"))).isEqualTo("remembered 1");
            assertThat(processes.link("a")).isSameAs(a);
            long first = pid(a);

            // one process at most: another session gets none while a's runs
            assertThatThrownBy(() -> processes.link("b")).isInstanceOf(SessionProcesses.UnavailableException.class)
                    .hasMessageContaining("session_processes");
            assertThat(processes.openSessions()).isEqualTo(1);

            // a's process dies: its next call gets a fresh process, without a's old state
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            Poll.until(() -> processes.link("a") != a, T);
            UpstreamLink again = processes.link("a");
            assertThat(again).isNotSameAs(a);
            assertThat(pid(again)).isNotEqualTo(first);
            assertThat(call(again, "recall", Map.of())).isEqualTo("[]");
            assertThat(processes.openSessions()).isEqualTo(1);

            // the session ends: so does its process, and the slot is free for another session
            long second = pid(again);
            processes.end("a");
            Poll.until(() -> !alive(second), T);
            assertThat(alive(second)).isFalse();
            Poll.until(() -> processes.openSessions() == 0, T);
            long b = pid(processes.link("b"));
            assertThat(processes.owners()).containsExactly("b");

            // stopping the upstream ends the rest
            upstream.close();
            Poll.until(() -> !alive(b), T);
            assertThat(alive(b)).isFalse();
            assertThatThrownBy(() -> processes.link("c")).isInstanceOf(SessionProcesses.UnavailableException.class);
        }
    }
}
