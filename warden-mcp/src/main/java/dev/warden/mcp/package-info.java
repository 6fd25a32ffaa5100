/**
 * The MCP gateway: agents speak MCP (Streamable HTTP) to Warden's {@code /mcp} endpoint; Warden
 * connects to the real MCP servers (stdio processes it supervises, or Streamable HTTP servers),
 * shows each agent only the tools it could ever use, pins every upstream tool definition, and
 * decides every {@code tools/call} with the decision point before forwarding it.
 *
 * <p>Entry point: {@link dev.warden.mcp.McpGateway}.
 */
package dev.warden.mcp;
