// An MCP server over Streamable HTTP that writes down every request it receives, for the kill
// switch tests: each tools/call, resources/read and prompts/get is appended to the ledger file as
// one line "<method> <agent> <n>" the moment its body has arrived, before the SDK handles it, so a
// test can read the file's length when a kill answer returns and later see what arrived after it.
// Tools: "note" {agent, n} answers at once; "wait" {agent, ms} answers after ms milliseconds.
// "session" names the call's upstream session and the open ones. Resource ledger://agent/{agent} and prompt "hello" {agent} answer at once.
// Usage: node ledger-server.mjs <port> <ledger file>   (prints "listening <port>" when ready)
//        node ledger-server.mjs stdio <ledger file>    (over stdio; a request is written down when its line has arrived)
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { appendFileSync, writeFileSync } from "node:fs";
import { z } from "zod";

const port = Number(process.argv[2]);
const ledger = process.argv[3];
writeFileSync(ledger, "");
const transports = new Map();

function server() {
  const s = new McpServer({ name: "ledger", version: "1.0.0" });
  s.registerTool("note", { description: "Notes a call.", inputSchema: { agent: z.string(), n: z.number() } },
    async ({ n }) => ({ content: [{ type: "text", text: `noted ${n}` }] }));
  s.registerTool("wait", { description: "Answers after ms milliseconds.", inputSchema: { agent: z.string(), ms: z.number() } },
    async ({ ms }) => { await new Promise((r) => setTimeout(r, ms)); return { content: [{ type: "text", text: `waited ${ms}` }] }; });
  s.registerTool("session", { description: "Names this call's MCP session and the sessions open on this server.", inputSchema: {} },
    async (_args, extra) => ({ content: [{ type: "text", text: JSON.stringify({ session: extra.sessionId, open: [...transports.keys()] }) }] }));
  s.registerResource("notes", new ResourceTemplate("ledger://agent/{agent}", { list: undefined }),
    { description: "An agent's notes.", mimeType: "text/plain" },
    async (uri, { agent }) => ({ contents: [{ uri: uri.href, text: `notes of ${agent}` }] }));
  s.registerPrompt("hello", { description: "Greets an agent.", argsSchema: { agent: z.string() } },
    async ({ agent }) => ({ messages: [{ role: "user", content: { type: "text", text: `hello ${agent}` } }] }));
  return s;
}

// who a request is for: the agent named in its arguments, or in a resource URI
function entry(msg) {
  const p = msg.params ?? {};
  if (msg.method === "tools/call") return `tools/call ${p.arguments?.agent ?? "-"} ${p.arguments?.n ?? p.arguments?.ms ?? "-"}`;
  if (msg.method === "resources/read") return `resources/read ${String(p.uri ?? "").replace("ledger://agent/", "")} -`;
  if (msg.method === "prompts/get") return `prompts/get ${p.arguments?.agent ?? "-"} -`;
  return null;
}

if (process.argv[2] === "stdio") {
  let pending = "";
  process.stdin.on("data", (chunk) => {
    pending += chunk.toString();
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      try {
        const written = entry(JSON.parse(line));
        if (written) appendFileSync(ledger, written + "\n");
      } catch {
        // not JSON: the SDK's transport answers it
      }
    }
  });
  await server().connect(new StdioServerTransport());
} else createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
  for (const msg of Array.isArray(body) ? body : body ? [body] : []) {
    const line = entry(msg);
    if (line) appendFileSync(ledger, line + "\n");
  }
  const sid = req.headers["mcp-session-id"];
  let t = sid && transports.get(sid);
  if (!t) {
    if (sid) { res.writeHead(404).end(); return; }
    t = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => transports.set(id, t) });
    t.onclose = () => transports.delete(t.sessionId);
    await server().connect(t);
  }
  await t.handleRequest(req, res, body);
}).listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
