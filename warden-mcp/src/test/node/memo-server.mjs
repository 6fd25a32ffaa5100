// A stdio MCP server that keeps state in its process, for the gateway's session-process tests:
// "remember" stores a note, "recall" lists the notes this process holds, "pid" names the process,
// "ask" asks the client's user a question (elicitation) and stores the answer as a note; the
// resource memo://notes (served when started with the argument "resources") is the notes too.
// Usage: node memo-server.mjs [resources]
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const notes = [];
const server = new McpServer({ name: "memo", version: "1.0.0" });
const text = (t) => ({ content: [{ type: "text", text: t }] });
server.registerTool("remember", { description: "Stores a note.", inputSchema: { note: z.string() } },
  async ({ note }) => { notes.push(note); return text(`remembered ${notes.length}`); });
server.registerTool("recall", { description: "Lists the stored notes.", inputSchema: {} },
  async () => text(JSON.stringify(notes)));
server.registerTool("pid", { description: "Names this server's process.", inputSchema: {} },
  async () => text(String(process.pid)));
server.registerTool("ask", { description: "Asks the user a question and remembers the answer.", inputSchema: { question: z.string() } },
  async ({ question }) => {
    try {
      const r = await server.server.elicitInput({ message: question,
        requestedSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] } });
      if (r.action === "accept") notes.push(r.content.answer);
      return text(JSON.stringify(r));
    } catch (e) {
      return { content: [{ type: "text", text: `elicitation failed: ${e.code ?? ""} ${e.message}` }], isError: true };
    }
  });
if (process.argv[2] === "resources") {
  server.registerResource("notes", "memo://notes", { description: "The notes this process holds.", mimeType: "application/json" },
    async (uri) => ({ contents: [{ uri: uri.href, text: JSON.stringify(notes) }] }));
}
await server.connect(new StdioServerTransport());
