// A minimal MCP server over Streamable HTTP with a tool "echo", for the gateway benchmark
// (warden-bench McpProxyRun: the same upstream is called directly and through Warden), and a tool
// "session" that tells the gateway tests which upstream session a call arrived in, and tools "ask"
// (elicitation) and "summarize" (sampling) that make a request to the client during the call.
// Usage: node echo-server.mjs <port> [resources]   (prints "listening <port>" when ready; with
// "resources", also a resource session://current and a prompt "whoami" that name the MCP session
// they were asked in, and a resource template echo://{text}, for the gateway's resource tests)
// Answers with SSE streams (the SDK default): in JSON-response mode (enableJsonResponse) SDK 1.32.2
// keeps one _streamMapping entry per request forever, so the heap grows by ~5 MB per 1,000 calls and
// V8's mark-compact pauses grow with it (seconds-long stalls after a few minutes of load).
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { z } from "zod";

const port = Number(process.argv[2] ?? 3199);
const withResources = process.argv[3] === "resources";
const transports = new Map();

function server() {
  const s = new McpServer({ name: "echo", version: "1.0.0" });
  s.registerTool("echo", { description: "Echoes the message.", inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: "text", text: message }] }));
  // for the gateway tests: which upstream session a call arrived in, and which sessions are open
  s.registerTool("session", { description: "Names this call's MCP session and the sessions open on this server.", inputSchema: {} },
    async (_args, extra) => ({ content: [{ type: "text", text: JSON.stringify({ session: extra.sessionId, open: [...transports.keys()] }) }] }));
  // for the gateway tests: a tool the test catalog classifies as a write
  s.registerTool("stamp", { description: "Stamps a document (a write, for the tests).", inputSchema: {} },
    async () => ({ content: [{ type: "text", text: "stamped" }] }));
  // for the gateway tests: requests to the client on the call's own stream (relatedRequestId)
  const relayed = (what, request) => async (args, extra) => {
    try {
      const r = await request(args, { relatedRequestId: extra.requestId });
      return { content: [{ type: "text", text: JSON.stringify(r) }] };
    } catch (e) {
      return { content: [{ type: "text", text: `${what} failed: ${e.code ?? ""} ${e.message}` }], isError: true };
    }
  };
  s.registerTool("ask", { description: "Asks the user a question and returns the answer.",
    inputSchema: { question: z.string(), repeat: z.number().optional() } },
    relayed("elicitation", ({ question, repeat }, o) => s.server.elicitInput({ message: question.repeat(repeat ?? 1),
      requestedSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] } }, o)));
  s.registerTool("summarize", { description: "Has the client's model summarize a text.", inputSchema: { text: z.string() } },
    relayed("sampling", ({ text }, o) => s.server.createMessage({ maxTokens: 100,
      messages: [{ role: "user", content: { type: "text", text: `Summarize: ${text}` } }] }, o)));
  if (withResources) {
    s.registerResource("current-session", "session://current", { description: "The MCP session this read arrived in.", mimeType: "text/plain" },
      async (uri, extra) => ({ contents: [{ uri: uri.href, text: extra.sessionId ?? "" }] }));
    s.registerResource("echo", new ResourceTemplate("echo://{text}", { list: undefined }), { description: "Echoes the text in its URI.", mimeType: "text/plain" },
      async (uri, { text }) => ({ contents: [{ uri: uri.href, text }] }));
    s.registerPrompt("whoami", { description: "Names the MCP session this request arrived in." },
      async (extra) => ({ messages: [{ role: "user", content: { type: "text", text: extra.sessionId ?? "" } }] }));
  }
  return s;
}

createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
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
