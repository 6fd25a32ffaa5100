package dev.warden.mcp;

import dev.warden.catalog.Tool;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.scan.OutputScans;
import dev.warden.scan.ScanResult;
import dev.warden.scan.ScanVerdict;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output hook of data governance: scans every tool result (each text content, each embedded
 * text resource, and the structured content) under the rules of the agent's project and level and
 * the tool's output checks ({@link OutputScans}).
 *
 * <ul>
 *   <li>block: the agent receives an error result naming the rule, never the content;</li>
 *   <li>mask: the agent receives the result with masked and hashed spans replaced;</li>
 *   <li>what was found (at or above its threshold) labels the session ({@code pii}, {@code secret},
 *       {@code untrusted} and the class ids), recorded as {@code session.labeled} with the decision
 *       that produced the output; a withheld output labels nothing, since the agent never read it;</li>
 *   <li>every mask and block is a durable {@value OutputScans#EVENT} audit record: classes, detectors, paths and
 *       spans, the rule, never a value.</li>
 * </ul>
 *
 * <p>Result paths are JSON pointers into {@code {"content": [texts...], "structured": ...}}: the
 * {@code i}th text of the result is {@code /content/i}.
 */
public final class ScanningOutputHook implements OutputHook {
    private final OutputScans scans;

    /** A hook scanning with {@code scans}. */
    public ScanningOutputHook(OutputScans scans) {
        this.scans = Objects.requireNonNull(scans, "scans");
    }

    @Override
    public CallToolResult inspect(Caller caller, Tool tool, CallToolResult result) {
        return inspect(caller, tool, null, tool.name(), result);
    }

    @Override
    public CallToolResult inspect(Caller caller, Tool tool, Decision.Allow decision, String resource, CallToolResult result) {
        List<String> texts = new ArrayList<>();
        List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
        for (McpSchema.Content c : content) {
            String t = textOf(c);
            if (t != null) {
                texts.add(t);
            }
        }
        Object structured = result.structuredContent();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("content", texts);
        if (structured != null) {
            view.put("structured", structured);
        }
        String decisionId = decision == null ? null : decision.id().value();
        ScanResult r = scans.scan(caller, tool.name(), decisionId, resource, view, String.join("\n", texts), structured, false);
        if (r.blocked()) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("warden/reason", r.code().orElse("data_blocked"));
            r.rule().ifPresent(rule -> meta.put("warden/rule", rule));
            return CallToolResult.builder().addTextContent("Warden withheld the output of " + tool.name()
                            + (decisionId == null ? "" : " (decision " + decisionId + ")") + ": "
                            + r.message().orElse("blocked") + " [rule " + r.rule().orElse("?") + "]")
                    .isError(true).meta(meta).build();
        }
        return r.verdict() == ScanVerdict.MASK ? masked(result, r) : result;
    }

    /**
     * Scans the text contents of a {@code resources/read} like a tool result: a block is an MCP
     * error naming the rule (never the content), a mask replaces the texts, what was found labels
     * the session with the read's decision and the URI. Binary contents (blobs) are not scanned.
     */
    @Override
    public McpSchema.ReadResourceResult inspectResource(Caller caller, String action, Decision.Allow decision, String uri,
                                                        McpSchema.ReadResourceResult result) {
        List<McpSchema.ResourceContents> contents = result.contents() == null ? List.of() : result.contents();
        List<String> texts = new ArrayList<>();
        for (McpSchema.ResourceContents c : contents) {
            if (c instanceof McpSchema.TextResourceContents t) {
                texts.add(t.text() == null ? "" : t.text());
            }
        }
        List<Object> masked = scanTexts(caller, action, decision, "resource", uri, texts);
        if (masked == null) {
            return result;
        }
        List<McpSchema.ResourceContents> out = new ArrayList<>(contents.size());
        int i = 0;
        for (McpSchema.ResourceContents c : contents) {
            out.add(c instanceof McpSchema.TextResourceContents t
                    ? new McpSchema.TextResourceContents(t.uri(), t.mimeType(), String.valueOf(masked.get(i++)), t.meta()) : c);
        }
        return new McpSchema.ReadResourceResult(out, result.meta());
    }

    /**
     * Scans the texts of a resource or prompt as one output: a block is an MCP error naming the rule
     * (never the content); the masked texts in order when something was masked; null when they pass.
     */
    private List<Object> scanTexts(Caller caller, String action, Decision.Allow decision, String what, String name,
                                   List<String> texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("content", texts);
        String decisionId = decision == null ? null : decision.id().value();
        ScanResult r = scans.scan(caller, action, decisionId, name, view, String.join("\n", texts), null, false);
        if (r.blocked()) {
            throw io.modelcontextprotocol.spec.McpError.builder(-32603).message("Warden withheld " + what + " " + name
                    + (decisionId == null ? "" : " (decision " + decisionId + ")") + ": " + r.message().orElse("blocked")
                    + " [rule " + r.rule().orElse("?") + "]").build();
        }
        if (r.verdict() != ScanVerdict.MASK) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object> masked = (List<Object>) ((Map<String, Object>) r.masked()).get("content");
        return masked;
    }

    /**
     * Scans the text of a {@code prompts/get}'s messages (text contents and embedded text resources)
     * like a tool result: a block is an MCP error naming the rule, a mask replaces the texts, what
     * was found labels the session with the decision and the prompt's name as resource.
     */
    @Override
    public McpSchema.GetPromptResult inspectPrompt(Caller caller, String action, Decision.Allow decision, String name,
                                                   McpSchema.GetPromptResult result) {
        List<McpSchema.PromptMessage> messages = result.messages() == null ? List.of() : result.messages();
        List<String> texts = new ArrayList<>();
        for (McpSchema.PromptMessage m : messages) {
            String t = m.content() == null ? null : textOf(m.content());
            if (t != null) {
                texts.add(t);
            }
        }
        List<Object> masked = scanTexts(caller, action, decision, "prompt", name, texts);
        if (masked == null) {
            return result;
        }
        List<McpSchema.PromptMessage> out = new ArrayList<>(messages.size());
        int i = 0;
        for (McpSchema.PromptMessage m : messages) {
            if (m.content() != null && textOf(m.content()) != null) {
                out.add(new McpSchema.PromptMessage(m.role(), withText(m.content(), String.valueOf(masked.get(i++)))));
            } else {
                out.add(m);
            }
        }
        return new McpSchema.GetPromptResult(result.description(), out, result.meta());
    }

    /** A text content or embedded text resource with its text replaced. */
    private static McpSchema.Content withText(McpSchema.Content c, String text) {
        if (c instanceof McpSchema.TextContent t) {
            return new McpSchema.TextContent(t.annotations(), text, t.meta());
        }
        McpSchema.EmbeddedResource e = (McpSchema.EmbeddedResource) c;
        McpSchema.TextResourceContents t = (McpSchema.TextResourceContents) e.resource();
        return new McpSchema.EmbeddedResource(e.annotations(), new McpSchema.TextResourceContents(t.uri(), t.mimeType(), text,
                t.meta()), e.meta());
    }

    private static String textOf(McpSchema.Content c) {
        if (c instanceof McpSchema.TextContent t) {
            return t.text() == null ? "" : t.text();
        }
        if (c instanceof McpSchema.EmbeddedResource e && e.resource() instanceof McpSchema.TextResourceContents t) {
            return t.text() == null ? "" : t.text();
        }
        return null;
    }

    /** The result with each text and the structured content replaced by their masked forms. */
    @SuppressWarnings("unchecked")
    private static CallToolResult masked(CallToolResult result, ScanResult r) {
        Map<String, Object> view = (Map<String, Object>) r.masked();
        List<Object> texts = (List<Object>) view.get("content");
        List<McpSchema.Content> out = new ArrayList<>();
        int i = 0;
        for (McpSchema.Content c : result.content() == null ? List.<McpSchema.Content>of() : result.content()) {
            if (c instanceof McpSchema.TextContent t) {
                out.add(new McpSchema.TextContent(t.annotations(), String.valueOf(texts.get(i++)), t.meta()));
            } else if (c instanceof McpSchema.EmbeddedResource e && e.resource() instanceof McpSchema.TextResourceContents t) {
                out.add(new McpSchema.EmbeddedResource(e.annotations(), new McpSchema.TextResourceContents(t.uri(), t.mimeType(),
                        String.valueOf(texts.get(i++)), t.meta()), e.meta()));
            } else {
                out.add(c);
            }
        }
        return new CallToolResult(out, result.isError(), view.get("structured"), result.meta());
    }

}
