// Scriptable MCP client for the gateway tests, built on the official TypeScript SDK.
// Usage: node client.mjs <mcp-url> <bearer-token|-> '<json array of steps>' ['<json client options>']
// Client options: {"capabilities": {...}, "elicit": <ElicitResult to answer with>, "elicitDelayMs": n,
//                  "sample": <CreateMessageResult>};
// each elicitation/create or sampling/createMessage the client answers is printed as an event.
// Prints one JSON object per line: {"event": ...} for connection events and notifications, and
// {"step": i, "op": ..., ...} for each step's result. Exit code 0 unless connecting failed.
// Steps: {"op":"list"} {"op":"call","name":..,"args":{..},"timeout":ms,"progress":bool,"abortAfterMs":ms}
//        {"op":"waitNotification","method":"notifications/tools/list_changed","timeout":ms}
//        {"op":"sleep","ms":n} {"op":"ping"} {"op":"resources"} {"op":"templates"} {"op":"read","uri":..}
//        {"op":"prompts"} {"op":"prompt","name":..,"args":{..}} {"op":"close"}
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ToolListChangedNotificationSchema, ResourceListChangedNotificationSchema, PromptListChangedNotificationSchema,
  ElicitRequestSchema, CreateMessageRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";

const [url, token, stepsJson = "[]", optionsJson = "{}"] = process.argv.slice(2);
const steps = JSON.parse(stepsJson);
const options = JSON.parse(optionsJson);
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const headers = token && token !== "-" ? { Authorization: `Bearer ${token}` } : {};
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "warden-test-client", version: "1.0.0" }, { capabilities: options.capabilities ?? {} });
const seen = [];
const waiters = [];
function notified(method) {
  seen.push(method);
  out({ event: "notification", method });
  for (const w of [...waiters]) if (w.method === method) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
}
client.setNotificationHandler(ToolListChangedNotificationSchema, () => notified("notifications/tools/list_changed"));
client.setNotificationHandler(ResourceListChangedNotificationSchema, () => notified("notifications/resources/list_changed"));
client.setNotificationHandler(PromptListChangedNotificationSchema, () => notified("notifications/prompts/list_changed"));
if (options.capabilities?.elicitation) {
  client.setRequestHandler(ElicitRequestSchema, async (req) => {
    out({ event: "elicitation", message: req.params.message });
    if (options.elicitDelayMs) await new Promise((res) => setTimeout(res, options.elicitDelayMs));
    return options.elicit ?? { action: "decline" };
  });
}
if (options.capabilities?.sampling) {
  client.setRequestHandler(CreateMessageRequestSchema, (req) => {
    out({ event: "sampling", messages: req.params.messages });
    return options.sample ?? { role: "assistant", content: { type: "text", text: "no" }, model: "none" };
  });
}
const err = (e) => ({ name: e?.constructor?.name, code: e?.code, message: String(e?.message ?? e) });

try {
  await client.connect(transport);
} catch (e) {
  out({ event: "connect_failed", error: err(e) });
  process.exit(2);
}
out({ event: "connected", sessionId: transport.sessionId, protocol: transport.protocolVersion,
      server: client.getServerVersion(), capabilities: client.getServerCapabilities() });

for (let i = 0; i < steps.length; i++) {
  const s = steps[i];
  const r = { step: i, op: s.op };
  try {
    switch (s.op) {
      case "list": r.tools = (await client.listTools()).tools.map((t) => t.name); break;
      case "call": {
        const progress = [];
        const opts = { timeout: s.timeout ?? 60000 };
        if (s.progress) opts.onprogress = (p) => { progress.push(p); out({ event: "progress", step: i, progress: p }); };
        if (s.abortAfterMs) { const ac = new AbortController(); opts.signal = ac.signal; setTimeout(() => ac.abort("test abort"), s.abortAfterMs); }
        out({ event: "call_started", step: i, name: s.name });
        r.result = await client.callTool({ name: s.name, arguments: s.args ?? {}, ...(s.meta ? { _meta: s.meta } : {}) }, undefined, opts);
        if (s.progress) r.progress = progress;
        break;
      }
      case "waitNotification": {
        if (!seen.includes(s.method)) {
          await new Promise((resolve, reject) => {
            waiters.push({ method: s.method, resolve });
            setTimeout(() => reject(new Error("no " + s.method + " within " + (s.timeout ?? 10000) + " ms")), s.timeout ?? 10000);
          });
        }
        seen.splice(seen.indexOf(s.method), 1);
        break;
      }
      case "sleep": await new Promise((res) => setTimeout(res, s.ms)); break;
      case "ping": await client.ping(); break;
      case "resources": r.resources = (await client.listResources()).resources.map((x) => x.uri); break;
      case "templates": r.templates = (await client.listResourceTemplates()).resourceTemplates.map((x) => x.uriTemplate); break;
      case "read": r.contents = (await client.readResource({ uri: s.uri })).contents; break;
      case "prompts": r.prompts = (await client.listPrompts()).prompts.map((p) => p.name); break;
      case "prompt": r.messages = (await client.getPrompt({ name: s.name, arguments: s.args ?? {} })).messages; break;
      case "close": await transport.terminateSession(); break;
      default: throw new Error("unknown op " + s.op);
    }
    r.ok = true;
  } catch (e) {
    r.ok = false;
    r.error = err(e);
  }
  out(r);
}
await client.close().catch(() => {});
out({ event: "done" });
process.exit(0);
