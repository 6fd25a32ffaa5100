// A lean MCP server over Streamable HTTP with one tool, "echo", written against node:http alone
// (no SDK), for the gateway benchmark (warden-bench McpProxyRun --upstream lean): it answers the
// way echo-server.mjs does (sessions, a tools/call answered as one SSE event on a chunked stream)
// at a fraction of the SDK's CPU per call, so that a run can tell Warden's share of the 2-core
// machine from the upstream's. Not a general MCP server: requests other than initialize, ping,
// tools/list and tools/call get JSON-RPC error -32601, and GET (the server-to-client stream) 405.
// Usage: node echo-lean.mjs <port>   (prints "listening <port>" when ready)
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";

const port = Number(process.argv[2] ?? 3199);
const sessions = new Set();
const VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26"];
const ECHO = {
  name: "echo",
  description: "Echoes the message.",
  inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
};

function result(msg, sid) {
  switch (msg.method) {
    case "initialize": {
      const asked = msg.params?.protocolVersion;
      return { protocolVersion: VERSIONS.includes(asked) ? asked : VERSIONS[0],
        capabilities: { tools: { listChanged: false } }, serverInfo: { name: "echo-lean", version: "1.0.0" } };
    }
    case "ping":
      return {};
    case "tools/list":
      return { tools: [ECHO] };
    case "tools/call": {
      const { name, arguments: args } = msg.params ?? {};
      if (name !== "echo" || typeof args?.message !== "string") {
        return { content: [{ type: "text", text: "echo needs a string message" }], isError: true };
      }
      return { content: [{ type: "text", text: args.message }] };
    }
    default:
      return undefined;
  }
}

createServer((req, res) => {
  if (req.method === "DELETE") {
    sessions.delete(req.headers["mcp-session-id"]);
    res.writeHead(200).end();
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405, { Allow: "POST, DELETE" }).end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let msg;
    try {
      msg = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      res.writeHead(400, { "Content-Type": "application/json" })
        .end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }));
      return;
    }
    let sid = req.headers["mcp-session-id"];
    const headers = { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" };
    if (msg.method === "initialize") {
      sid = randomUUID();
      sessions.add(sid);
      headers["Mcp-Session-Id"] = sid;
    } else if (!sid || !sessions.has(sid)) {
      res.writeHead(404).end();
      return;
    }
    if (msg.id === undefined) { // a notification: accepted, nothing to answer
      res.writeHead(202).end();
      return;
    }
    const r = result(msg, sid);
    const answer = r === undefined
      ? { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: `method not found: ${msg.method}` } }
      : { jsonrpc: "2.0", id: msg.id, result: r };
    res.writeHead(200, headers);
    res.end(`event: message\ndata: ${JSON.stringify(answer)}\n\n`);
  });
}).listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
