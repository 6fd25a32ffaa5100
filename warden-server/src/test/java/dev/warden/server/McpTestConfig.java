package dev.warden.server;

import dev.warden.mcp.NodeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a config directory for the MCP gateway tests: four stdio upstreams (server-everything and
 * three instances of the rug-pull test server), one Streamable HTTP upstream (the echo server), a
 * catalog, policies and agents.
 */
final class McpTestConfig {
    private McpTestConfig() {
    }

    static Path write(Path dir, Path flagFile, int approvalWaitSeconds, int httpUpstreamPort) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("policies"));
        String node = "node";
        String rug = NodeFixture.rugpull().toString();
        Files.writeString(dir.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects:
                  lab: [test]
                  lab2: [test]
                approvals:
                  ttl_seconds: 600
                mcp:
                  approval_wait_seconds: %d
                  default_tool: {effects: [write], risk: high}
                  pinning: trust_on_first_use
                  upstreams:
                    - name: everything
                      command: [%s, %s, stdio]
                    - name: rug
                      command: [%s, %s, stdio, rug]
                    - name: pinned
                      command: [%s, %s, stdio, pinned]
                      env: {RUGPULL_FLAG_FILE: "%s"}
                    - name: crashy
                      command: [%s, %s, stdio, crashy]
                      request_timeout_seconds: 20
                    - name: remote
                      url: http://127.0.0.1:%d/mcp
                    - name: memo
                      command: [%s, %s]
                      session_processes: 2
                    - name: memo2
                      command: [%s, %s]
                      session_processes: 4
                agents:
                  - {name: mcp-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["rug.*", "everything.*", "pinned.*", "crashy.*", "remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: intern-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["rug.*", "everything.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: intern}
                  - {name: session-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: tools-only-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["everything.echo"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: doomed-asker-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: memo-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["memo.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: demoted-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: memo-asker-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["memo2.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: asker-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["remote.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: doomed-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["rug.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: project-doomed-bot, owner: carol@example.com, purpose: MCP gateway tests, capabilities: ["rug.*"], version: "1", config_digest: "sha256:1", project: lab2, environment: test, level: senior, level_reason: test}
                  - {name: held-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["everything.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                  - {name: revoked-bot, owner: alice@example.com, purpose: MCP gateway tests, capabilities: ["rug.*"], version: "1", config_digest: "sha256:1", project: lab, environment: test, level: senior, level_reason: test}
                """.formatted(approvalWaitSeconds, node, NodeFixture.everything(), node, rug, node, rug, flagFile, node, rug,
                        httpUpstreamPort, node, NodeFixture.dir().resolve("memo-server.mjs"), node,
                        NodeFixture.dir().resolve("memo-server.mjs")));
        Files.writeString(dir.resolve("tools.yaml"), """
                tools:
                  - name: everything.echo
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                  - name: everything.get-sum
                    effects: [write]
                    risk: medium
                    input_schema: {type: object, properties: {a: {type: number}, b: {type: number}}, required: [a, b]}
                  - name: rug.weather
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {city: {type: string}}, required: [city]}
                  - name: rug.slow
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {ms: {type: number}}, required: [ms]}
                  - name: pinned.weather
                    effects: [read]
                    risk: low
                  - name: crashy.weather
                    effects: [read]
                    risk: low
                  - name: remote.echo
                    effects: [read]
                    risk: low
                  - name: remote.session
                    effects: [read]
                    risk: low
                  - name: memo.remember
                    effects: [write]
                    risk: low
                  - name: memo.recall
                    effects: [read]
                    risk: low
                  - name: memo.pid
                    effects: [read]
                    risk: low
                  - name: memo2.ask
                    effects: [read]
                    risk: low
                  - name: memo2.recall
                    effects: [read]
                    risk: low
                  - name: remote.stamp
                    effects: [write]
                    risk: low
                  - name: remote.ask
                    effects: [read]
                    risk: low
                  - name: remote.summarize
                    effects: [read]
                    risk: low
                  - name: remote.elicitation.create
                    effects: [external]
                    risk: medium
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                  - name: everything.toggle-subscriber-updates
                    effects: [write]
                    risk: low
                  - name: everything.resources.read
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {uri: {type: string}}, required: [uri]}
                """);
        Files.writeString(dir.resolve("policies").resolve("mcp.cedar"), """
                @id("reads")
                permit(principal, action in Action::"effect:read", resource);

                @id("sums-need-approval")
                @approval("required")
                permit(principal == Agent::"mcp-bot", action == Action::"everything.get-sum", resource);

                @id("held-sums-need-approval")
                @approval("required")
                permit(principal == Agent::"held-bot", action == Action::"everything.get-sum", resource);

                @id("no-secret-resource")
                forbid(principal, action == Action::"everything.resources.read", resource)
                when { context.args.uri == "demo://secret" };

                @id("subscriber-updates")
                permit(principal == Agent::"mcp-bot", action == Action::"everything.toggle-subscriber-updates", resource);

                @id("no-embedded-resource-prompt")
                forbid(principal, action == Action::"everything.prompts.get", resource == Resource::"everything.resource-prompt");

                @id("memo-notes")
                permit(principal == Agent::"memo-bot", action == Action::"memo.remember", resource);

                @id("demoted-stamps")
                permit(principal == Agent::"demoted-bot", action == Action::"remote.stamp", resource);

                @id("memo-questions")
                permit(principal == Agent::"memo-asker-bot", action == Action::"memo2.elicitation.create", resource);

                @id("remote-questions")
                permit(principal == Agent::"mcp-bot", action == Action::"remote.elicitation.create", resource);

                @id("doomed-asker-questions")
                permit(principal == Agent::"doomed-asker-bot", action == Action::"remote.elicitation.create", resource);

                @id("address-questions-need-approval")
                @approval("required")
                permit(principal == Agent::"mcp-bot", action == Action::"remote.elicitation.create", resource)
                when { context.args.message like "*address*" };

                @id("no-password-questions")
                forbid(principal, action == Action::"remote.elicitation.create", resource)
                when { context.args.message like "*password*" };

                @id("remote-summaries")
                permit(principal == Agent::"mcp-bot", action == Action::"remote.sampling.createMessage", resource == Resource::"remote.summarize");

                @id("no-pyongyang")
                forbid(principal, action == Action::"rug.weather", resource)
                when { context.args.city == "Pyongyang" };
                """);
        return dir;
    }
}
