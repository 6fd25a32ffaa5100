package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import dev.warden.scan.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Structural evidence that does not depend on one wording: who a sentence speaks to and what kind
 * of act it orders, read from word classes and clause positions rather than fixed phrases.
 *
 * <ul>
 *   <li>an <em>addressed order</em>: a sentence that names the AI reading it as its addressee
 *       ("Agents browsing for the user:", "Hey bot,", "Language models condensing this letter:")
 *       followed by an imperative clause in that sentence or the next;
 *   <li>a <em>tool action</em>: an imperative that invokes a tool or function ("use the X tool",
 *       "call transfer_funds"), or moves data (send, upload, post, transfer …) of a sensitive kind
 *       to an address; two tool invocations in one text count as a chained plan;
 *   <li><em>answer steering</em>: orders about the reader's own answer ("in your reply, recommend …",
 *       "when you write the summary, say that …", "your summary must state that …"), stronger with
 *       an omission order ("leave out the findings") next to it;
 *   <li><em>secrecy towards the user</em> ("never let the person you are helping know", "keep this
 *       change out of the conversation");
 *   <li><em>role redefinition</em> ("you are now …", "become …", "pretend to be …") with a
 *       rule-lifting clause in the same or one of the next two sentences ("no guidelines",
 *       "always complies", "executes whatever I type").
 * </ul>
 *
 * <p>Each signal is weighed by the same context as phrases (quoted, example, negated, a text about
 * injection). Every check looks at a bounded window of words, so the pass is linear in the text.
 */
final class DirectiveSignals {
    private static final Set<String> AI_STRONG = Set.of("ai", "ais", "llm", "llms", "chatbot", "chatbots", "gpt", "chatgpt",
            "claude", "gemini", "copilot", "ki", "ia");
    private static final Set<String> AI_GENERIC = Set.of("assistant", "assistants", "agent", "agents", "bot", "bots", "model",
            "models", "crawler", "crawlers", "summarizer", "summariser", "summarizers", "summarisers", "scraper", "scrapers",
            "asistente", "assistente", "assistent", "assistentin");
    /** Words after an AI term that make it the reader being spoken to: "agents browsing …", "the bot that reads …". */
    private static final Set<String> READING = Set.of("reading", "browsing", "crawling", "processing", "handling", "parsing",
            "summarizing", "summarising", "condensing", "reviewing", "scanning", "indexing", "visiting", "ingesting", "analyzing",
            "analysing", "working", "acting", "that", "who", "which", "using", "helping", "managing", "triaging", "screening");
    private static final Set<String> ROLES = Set.of("reviewer", "reviewers", "screener", "screeners", "recruiter",
            "recruiters", "reader", "readers", "agent", "agents", "assistant", "assistants", "system", "systems", "tools", "models",
            "model", "summarizers", "summarisers", "crawlers", "bots", "grader", "graders", "evaluators", "helpers");
    private static final Set<String> MACHINE = Set.of("system", "systems", "program", "programs", "reader", "readers",
            "process", "tool", "tools", "pipeline", "service");
    private static final Set<String> AUTOMATED = Set.of("automated", "automatic", "autonomous", "ai", "ai-powered");
    private static final Set<String> TASKS = Set.of("task", "job", "priority", "goal", "mission", "objective", "instruction",
            "instructions", "purpose", "assignment");
    private static final Set<String> MODALS = Set.of("must", "should", "shall", "will", "need", "needs", "are", "have", "has", "is");
    private static final Set<String> NOTICE = Set.of("instructions", "instruction", "note", "notice", "directive", "task", "tasks",
            "memo", "reminder", "update");
    private static final Set<String> GREETING = Set.of("dear", "hey", "hi", "hello", "attention", "to", "for", "yo", "ok", "okay",
            "note", "automated", "automatic", "autonomous");
    /** Imperative verbs that start an order. */
    private static final Set<String> IMPERATIVE = Set.of("send", "forward", "email", "upload", "post", "transfer", "wire", "pay",
            "delete", "remove", "erase", "wipe", "execute", "run", "call", "invoke", "use", "open", "visit", "fetch", "read",
            "copy", "attach", "append", "add", "approve", "reply", "respond", "answer", "say", "state", "tell", "write", "include",
            "mention", "recommend", "describe", "present", "rank", "rate", "ignore", "disregard", "forget", "stop", "treat",
            "skip", "print", "output", "reveal", "share", "export", "list", "collect", "take", "grab", "set", "change", "give",
            "hand", "put", "insert", "click", "download", "install", "navigate", "go", "complete", "check", "mark", "grant",
            "end", "begin", "start", "always", "never", "do", "dont", "make", "create", "leave", "omit", "report", "claim",
            "praise", "promote", "confirm", "accept", "publish", "archive", "disable", "enable", "turn", "switch", "override",
            "paste", "book", "charge", "cc", "cite", "award", "grade", "note", "gather", "proceed", "bcc", "keep", "show", "display", "log", "sign", "buy", "order",
            // Spanish, Portuguese, Italian, German, French orders
            "envia", "envie", "manda", "olvida", "ignora", "responda", "responde", "rispondi", "invia", "dimentica", "esqueca",
            "sende", "schicke", "vergiss", "ignoriere", "antworte", "envoie", "oublie", "reponds", "ignorez", "envoyez");
    private static final Set<String> LEAD_INS = Set.of("please", "now", "then", "and", "immediately", "first", "next", "also", "just",
            "kindly", "simply", "quickly", "silently", "quietly", "secretly", "instead", "so");
    /** Acts that move data or change things through tools. */
    private static final Set<String> ACTIONS = Set.of("send", "forward", "email", "upload", "post", "transfer", "wire", "pay",
            "delete", "remove", "erase", "wipe", "execute", "run", "call", "invoke", "copy", "attach", "append", "share", "export",
            "publish", "archive", "overwrite", "push", "submit", "move", "dump", "cc", "bcc", "redirect", "mirror", "sync", "paste",
            "leak", "forwarding", "sending", "uploading", "posting", "write");
    private static final Set<String> PRONOUNS = Set.of("them", "it", "those", "these", "everything", "all");
    private static final Set<String> FETCH = Set.of("download", "fetch", "get", "grab", "pull", "curl", "wget", "retrieve");
    private static final Set<String> TOOL_NOUNS = Set.of("tool", "function", "plugin", "api", "endpoint", "connector", "skill",
            "integration", "webhook");
    private static final Set<String> TOOL_VERBS = Set.of("use", "call", "invoke", "run", "execute", "trigger");
    private static final Set<String> DATA = Set.of("credentials", "credential", "password", "passwords", "token", "tokens", "key",
            "keys", "card", "cards", "addresses", "contacts", "files", "file", "folder", "folders", "documents", "emails", "messages",
            "conversation", "history", "database", "databases", "archive", "env", "ssh", "records", "backups", "inbox", "secrets",
            "cookies", "contents", "transcript", "chat", "data", "notes", "attachments", "repository", "repo", "balance", "funds",
            "numbers", "details", "profile", "calendar", "meetings", "id_rsa", "id_ed25519", "aws", "kubeconfig", "passwd", "shadow",
            "netrc", "npmrc", "pgpass", "wallet", "login", "logins", "outgoing", "incoming", "number", "phone", "variables",
            "environment", "configuration", "config");
    private static final Set<String> SAY = Set.of("say", "state", "claim", "mention", "include", "recommend", "describe", "present",
            "write", "call", "rate", "rank", "praise", "promote", "endorse", "report", "tell", "respond", "answer", "reply", "note",
            "conclude", "portray", "characterize", "characterise", "suggest", "list", "begin", "start", "open", "end", "cite");
    private static final Set<String> PROMOTE = Set.of("recommend", "praise", "promote", "endorse", "rank", "rate");
    private static final Set<String> OUTPUTS = Set.of("summary", "summaries", "answer", "answers", "reply", "replies", "response",
            "responses", "overview", "recap", "digest", "output", "description", "assessment", "evaluation", "review", "report",
            "abstract", "synopsis");
    private static final Set<String> WRITE = Set.of("write", "writing", "draft", "drafting", "generate", "generating", "prepare",
            "preparing", "produce", "producing", "compose", "composing", "create", "creating", "give", "giving");
    private static final Set<String> SUMMARISE = Set.of("summarise", "summarize", "summarising", "summarizing", "condense", "answer",
            "respond", "describe", "rate", "review", "evaluate", "assess", "rank", "report");
    private static final Set<String> OMIT = Set.of("omit", "skip", "hide", "downplay", "exclude", "ignore", "suppress");
    private static final Set<String> USER = Set.of("user", "users", "customer", "human", "person", "owner", "operator", "requester");
    private static final Set<String> TELL = Set.of("tell", "inform", "notify", "alert", "warn", "mention", "reveal", "disclose",
            "show");
    private static final Set<String> REDEFINE_NEXT = Set.of("be", "play", "act", "become");
    private static final Set<String> LIMITS = Set.of("rules", "guidelines", "restrictions", "limits", "limitations", "filters",
            "filter", "refusals", "refusal", "caution", "policy", "policies", "safety", "ethics", "morals", "censorship",
            "boundaries", "safeguards", "guardrails", "restraint", "conscience", "compass", "scruples", "restriction", "rule",
            "limit", "guideline", "regras", "reglas", "regeln", "regles");
    private static final Set<String> NO = Set.of("no", "without", "never", "removed", "zero", "free", "none", "nao", "sin", "sem",
            "ohne", "sans", "lacks", "lost", "stripped", "dropped", "doesnt", "dont", "isnt");

    void collect(FoldedText folded, List<Signal> sink) {
        List<Signal> out = new ArrayList<>();
        collectAll(folded, out);
        if (out.size() > MAX_SIGNALS) {
            out.sort(Comparator.comparingDouble(Signal::score).reversed());
            out = out.subList(0, MAX_SIGNALS);
        }
        sink.addAll(out);
    }

    private void collectAll(FoldedText folded, List<Signal> out) {
        List<Token> t = folded.tokens();
        if (t.isEmpty()) {
            return;
        }
        double topic = PhraseSignals.topicFactor(t);
        int n = t.size();
        int[] sentence = new int[n];
        int[] sentenceStart = new int[n];
        int s = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || t.get(i).breakBefore()) {
                s++;
                sentenceStart[i] = i;
            } else {
                sentenceStart[i] = sentenceStart[i - 1];
            }
            sentence[i] = s;
        }
        boolean steered = false;
        int toolInvocations = 0;
        int agentTools = 0;
        int firstTool = -1;
        int lastTool = -1;
        int lastRedefine = -1;
        for (int i = 0; i < n; i++) {
            Token w = t.get(i);
            String v = w.value();
            // (a) an AI named as addressee, then an order
            boolean automated = MACHINE.contains(v) && (AUTOMATED.contains(prev(t, i)) || AI_STRONG.contains(prev(t, i)));
            if ((AI_STRONG.contains(v) || AI_GENERIC.contains(v) || automated) && i - sentenceStart[i] <= 6) {
                int head = addresseeEnd(t, i);
                if (head > 0) {
                    int order = orderAfter(t, head, sentence);
                    if (order >= 0) {
                        boolean strong = AI_STRONG.contains(v) || automated || AI_STRONG.contains(prev(t, i)) || "language".equals(prev(t, i))
                                || qualified(t, i, head);
                        double score = strong ? 0.55 : 0.35;
                        emit(folded, t, out, Family.ADDRESS, i, order + 1, score, topic);
                    }
                }
            }
            // (b) tool invocations and data moved to a destination
            if (TOOL_VERBS.contains(v) && imperativeAt(t, i)) {
                int tool = toolAfter(t, i);
                if (tool > 0) {
                    toolInvocations++;
                    firstTool = firstTool < 0 ? i : firstTool;
                    lastTool = tool;
                    double score = 0.35;
                    if (dataIn(t, tool, 8) && !ownedByReader(t, i, Math.min(n, tool + 8)) || destinationIn(t, i, 24)) {
                        score = 0.45;
                    }
                    if (destructive(t, i, tool) || massScope(t, tool)) {
                        score = Math.max(score, 0.55);
                    }
                    if (agentTool(t, i, tool)) {
                        agentTools++;
                    }
                    emit(folded, t, out, Family.TOOL_CALL, i, tool, score, topic);
                }
            }
            if (ACTIONS.contains(v) && imperativeAt(t, i)) {
                int data = dataAfter(t, i);
                boolean back = data == 0 && i + 1 < n && PRONOUNS.contains(t.get(i + 1).value()) && dataBefore(t, i);
                int dest = data > 0 ? destinationAfter(t, data) : back ? destinationAfter(t, i + 2) : -1;
                if (dest > 0) {
                    double score = data > 0 && ownedByReader(t, i, data) ? 0.25 : 0.5;
                    emit(folded, t, out, Family.EXFILTRATION, i, dest + 1, score, topic);
                }
            }
            // an AI spoken of in the third person and told what to say: "the assistant must say …"
            if ((AI_STRONG.contains(v) || AI_GENERIC.contains(v)) && i + 2 < n && !t.get(i + 1).breakBefore()
                    && (t.get(i + 1).is("must") || t.get(i + 1).is("should") || t.get(i + 1).is("shall"))
                    && SAY.contains(t.get(i + 2).value())) {
                emit(folded, t, out, Family.ADDRESS, i, i + 3, AI_STRONG.contains(v) ? 0.5 : 0.45, topic);
            }
            // fetch and run: "download the script from https://… and execute it"
            if (FETCH.contains(v) && (imperativeAt(t, i) || i > 0 && t.get(i - 1).is("to"))) {
                int run = fetchAndRun(t, i);
                if (run > 0) { // weak alone: installation guides say the same to people
                    emit(folded, t, out, Family.TOOL_CALL, i, run, 0.3, topic);
                }
            }
            // (c) orders about the reader's own answer
            int steer = steeringAt(t, i, sentence);
            if (steer >= 0) {
                int verb = sayAfter(t, steer, sentence[i]);
                if (verb >= 0) {
                    steered = true;
                    boolean promote = PROMOTE.contains(t.get(verb).value());
                    boolean that = verb + 1 < n && t.get(verb + 1).is("that") || promote || claimAs(t, verb);
                    double score = promote ? 0.5 : that ? 0.45 : 0.35;
                    emit(folded, t, out, Family.STEER, i, verb + 1, score, topic);
                }
            }
            // (d) secrecy towards the user
            int secret = secrecyAt(t, i);
            if (secret > 0) {
                emit(folded, t, out, Family.CONCEAL, i, secret, 0.45, topic);
            }
            if (v.equals("person") && i + 3 < n && t.get(i + 1).is("you") && t.get(i + 2).is("are")
                    && (t.get(i + 3).is("helping") || t.get(i + 3).is("assisting") || t.get(i + 3).is("talking")
                    || t.get(i + 3).is("chatting") || t.get(i + 3).is("serving"))) {
                emit(folded, t, out, Family.ADDRESS, i, i + 4, 0.35, topic); // the user, seen from the assistant
            }
            // (e) role redefinition with rules lifted nearby
            if (redefinitionAt(t, i)) {
                lastRedefine = i;
            }
            if (lastRedefine >= 0 && sentence[i] - sentence[lastRedefine] <= 2 && i - lastRedefine <= 60) {
                int lifted = limitsLiftedAt(t, i);
                if (lifted > 0) {
                    emit(folded, t, out, Family.JAILBREAK, lastRedefine, lifted, 0.7, topic);
                    lastRedefine = -1;
                }
            }
        }
        if (toolInvocations >= 2 && agentTools >= 1) {
            emit(folded, t, out, Family.TOOL_CALL, firstTool, lastTool, 0.55, topic); // a chained plan of tool calls
        }
        if (steered) {
            for (int i = 0; i < n; i++) {
                int omit = omissionAt(t, i);
                if (omit > 0) {
                    emit(folded, t, out, Family.CONCEAL, i, omit, 0.4, topic);
                    break;
                }
            }
        }
    }

    /** At most this many structural signals per text: the document score needs only the strongest of each family. */
    private static final int MAX_SIGNALS = 64;

    private static void emit(FoldedText folded, List<Token> t, List<Signal> out, Family family, int first, int end,
            double score, double topic) {
        int e = Math.max(first + 1, Math.min(end, t.size()));
        double s = score * PhraseSignals.context(folded, t, first, e) * topic;
        out.add(new Signal(family, folded.originalStart(t.get(first).start()), folded.originalEnd(t.get(e - 1).end()), s));
    }

    private static String prev(List<Token> t, int i) {
        return i > 0 && !t.get(i).breakBefore() ? t.get(i - 1).value() : "";
    }

    private static boolean clauseEnd(Token w) {
        return w.next() == ':' || w.next() == ',' || w.next() == ';' || w.next() == '!';
    }

    /**
     * When the AI term at {@code i} heads a vocative or address line ("Model:", "Hey bot,", "Agents
     * browsing for the user:"), the index after its closing punctuation; else 0.
     */
    private static int addresseeEnd(List<Token> t, int i) {
        String p = prev(t, i);
        if (p.equals("our") || p.equals("my") || p.equals("your") || p.equals("their") || p.equals("his") || p.equals("her")) {
            return 0; // "our chatbot answers …" speaks about a bot, not to it
        }
        char c = t.get(i).next();
        if (c == ';') {
            return 0;
        }
        if (clauseEnd(t.get(i)) || c == '-' || c == '\u2013' || c == '\u2014') {
            return i + 1;
        }
        if (AI_STRONG.contains(t.get(i).value()) && i + 1 < t.size() && !t.get(i + 1).breakBefore()
                && ROLES.contains(t.get(i + 1).value()) && clauseEnd(t.get(i + 1))) {
            return i + 2; // "AI reviewers:", "LLM agents,"
        }
        boolean reading = false;
        for (int k = i + 1; k < Math.min(t.size(), i + 8); k++) {
            if (t.get(k).breakBefore()) {
                return 0;
            }
            String v = t.get(k).value();
            reading |= (READING.contains(v) || v.length() > 5 && v.endsWith("ing") || NOTICE.contains(v)) && k <= i + 4; // "agents shopping for …", "agent instructions (priority):"
            if (clauseEnd(t.get(k))) {
                return reading ? k + 1 : 0;
            }
        }
        return 0;
    }

    /** Whether the addressee is clearly the reading AI: greeted, or described as reading or processing. */
    private static boolean qualified(List<Token> t, int i, int head) {
        if (head > i + 1) {
            return true;
        }
        for (int k = i; k > Math.max(0, i - 3) && !t.get(k).breakBefore(); k--) {
            if (GREETING.contains(t.get(k - 1).value()) || t.get(k - 1).is("reader") || t.get(k - 1).is("any")) {
                return true;
            }
        }
        return false;
    }

    /** The first imperative clause start after {@code from}, in the same sentence or at the start of the next; or -1. */
    private static int orderAfter(List<Token> t, int from, int[] sentence) {
        if (from >= t.size()) {
            return -1;
        }
        int home = sentence[from - 1];
        for (int k = from; k < Math.min(t.size(), from + 24); k++) {
            if (sentence[k] > home + 2) {
                return -1;
            }
            if (IMPERATIVE.contains(t.get(k).value()) && (k == from || imperativeAt(t, k))
                    && (sentence[k] == home || t.get(k).breakBefore() || !clauseEnd(t.get(k - 1)) || sentence[k] == home + 1)) {
                return k;
            }
            if (t.get(k).is("you") && k + 2 < t.size() && MODALS.contains(t.get(k + 1).value())
                    && (t.get(k + 2).is("to") || t.get(k + 2).is("now") || IMPERATIVE.contains(t.get(k + 2).value()))) {
                return k + 2; // "you are to download …", "you must forward …"
            }
            if (t.get(k).is("your") && k + 3 < t.size() && (TASKS.contains(t.get(k + 1).value())
                    || TASKS.contains(t.get(k + 2).value()) && t.get(k + 3).is("is"))) {
                return k + 2; // "your new priority is to …"
            }
        }
        return -1;
    }

    /** Whether the word at {@code i} stands where an imperative starts: a sentence or clause start, or after "please", "then". */
    static boolean imperativeAt(List<Token> t, int i) {
        if (i == 0 || t.get(i).breakBefore()) {
            return true;
        }
        Token p = t.get(i - 1);
        boolean spaced = t.get(i).start() - p.end() >= 2; // "a, b" is a clause; "phone,age" is a CSV field
        if (clauseEnd(p) && spaced || p.next() == '"' || p.next() == '(' || p.next() == '[' || p.next() == '-') {
            return true;
        }
        if ((p.is("must") || p.is("shall")) && i >= 2 && t.get(i - 2).is("you")) {
            return true; // "you must send …"
        }
        if (LEAD_INS.contains(p.value())) {
            return i < 2 || t.get(i - 1).breakBefore() || !t.get(i - 2).is("you") && !t.get(i - 2).is("we")
                    && !t.get(i - 2).is("they") && !t.get(i - 2).is("i");
        }
        return false;
    }

    /** After a tool verb: "the X tool", "the X function", "transfer_funds"; the index after it, or 0. */
    private static int toolAfter(List<Token> t, int i) {
        for (int k = i + 1; k < Math.min(t.size(), i + 5); k++) {
            Token w = t.get(k);
            if (w.breakBefore()) {
                return 0;
            }
            String v = w.value();
            int u = v.indexOf('_');
            if (TOOL_NOUNS.contains(v) || u > 0 && u < v.length() - 1) {
                return k + 1;
            }
        }
        return 0;
    }

    /** An address, then "and|then run|execute|install|open it" in the same sentence; the index after it, or 0. */
    private static int fetchAndRun(List<Token> t, int i) {
        boolean address = false;
        for (int k = i + 1; k < Math.min(t.size(), i + 16); k++) {
            Token w = t.get(k);
            if (w.breakBefore()) {
                return 0;
            }
            address |= w.address();
            if (address && (w.is("run") || w.is("execute") || w.is("install") || w.is("launch")) && (t.get(k - 1).is("and")
                    || t.get(k - 1).is("then"))) {
                return k + 1;
            }
        }
        return 0;
    }

    /** A tool named for destruction: delete_repo, drop_table, wipe_disk. */
    private static boolean destructive(List<Token> t, int from, int to) {
        for (int k = from; k < to; k++) {
            String v = t.get(k).value();
            if (v.indexOf('_') > 0 && (v.contains("delete") || v.contains("drop") || v.contains("wipe") || v.contains("remove")
                    || v.contains("erase") || v.contains("destroy") || v.contains("purge") || v.contains("truncate"))) {
                return true;
            }
        }
        return false;
    }

    /** "on every repository", "for all users" right after the tool. */
    private static boolean massScope(List<Token> t, int at) {
        for (int k = at; k < Math.min(t.size(), at + 3); k++) {
            if (k > at && t.get(k).breakBefore()) {
                return false;
            }
            if (t.get(k).is("every") || t.get(k).is("all") || t.get(k).is("each")) {
                return true;
            }
        }
        return false;
    }

    /** Whether an invocation names an agent's tool (a "tool", "plugin", "skill", or a snake_case name) rather than an API of a program being written. */
    private static boolean agentTool(List<Token> t, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            String v = t.get(k).value();
            int u = v.indexOf('_');
            if (v.equals("tool") || v.equals("plugin") || v.equals("skill") || v.equals("connector") || u > 0 && u < v.length() - 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean dataIn(List<Token> t, int from, int window) {
        for (int k = from; k < Math.min(t.size(), from + window); k++) {
            if (k > from && t.get(k).breakBefore() && !t.get(k - 1).value().equals("config")) {
                return false;
            }
            if (DATA.contains(t.get(k).value())) {
                return true;
            }
        }
        return false;
    }

    private static boolean destinationIn(List<Token> t, int from, int window) {
        for (int k = from; k < Math.min(t.size(), from + window); k++) {
            if (k > from && t.get(k).breakBefore()) {
                return false;
            }
            if (t.get(k).address() || t.get(k).is("iban")) {
                return true;
            }
        }
        return false;
    }

    /** A data word within eight words of an action verb, in its sentence; the index after it, or 0. */
    private static int dataAfter(List<Token> t, int i) {
        for (int k = i + 1; k < Math.min(t.size(), i + 9); k++) {
            if (t.get(k).breakBefore()) {
                return 0;
            }
            if (DATA.contains(t.get(k).value())) {
                return k + 1;
            }
        }
        return 0;
    }

    /** "take the user's saved cards and post them to …": a data word earlier in the sentence, before a pronoun object. */
    private static boolean dataBefore(List<Token> t, int i) {
        for (int k = i - 1; k >= Math.max(0, i - 12); k--) {
            if (DATA.contains(t.get(k).value())) {
                return true;
            }
            if (t.get(k).breakBefore()) {
                return false;
            }
        }
        return false;
    }

    /** "to &lt;address&gt;", "to IBAN …", "to https://…" within twelve words; the address index, or -1. */
    private static int destinationAfter(List<Token> t, int from) {
        for (int k = from; k < Math.min(t.size(), from + 12); k++) {
            if (k > from && t.get(k).breakBefore() && !t.get(k).address()) {
                return -1;
            }
            if (t.get(k).address() || t.get(k).is("iban") && k > 0 && t.get(k - 1).is("to")) {
                return k;
            }
            if ((t.get(k).is("into") || t.get(k).is("in")) && k + 2 < t.size() && (t.get(k + 1).is("a") || t.get(k + 1).is("the"))
                    && (t.get(k + 2).is("comment") || t.get(k + 2).is("reply") || t.get(k + 2).is("post") || t.get(k + 2).is("issue")
                    || t.get(k + 2).is("public"))) {
                return k + 2; // pasted where others read it: "into a comment on this pull request"
            }
            if ((t.get(k).is("into") || t.get(k).is("to") || t.get(k).is("in")) && k + 2 < t.size() && t.get(k + 1).is("your")) {
                int m = t.get(k + 2).is("next") || t.get(k + 2).is("final") ? k + 3 : k + 2;
                if (m < t.size() && (OUTPUTS.contains(t.get(m).value()) || t.get(m).is("comment") || t.get(m).is("message"))) {
                    return m; // the reader's own output, where a human will read it
                }
            }
        }
        return -1;
    }

    /** "send your bank details to …": the reader's own data asked of a human, not the user's data taken by an agent. */
    private static boolean ownedByReader(List<Token> t, int verb, int dataEnd) {
        for (int k = verb + 1; k < dataEnd; k++) {
            if (t.get(k).is("your")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The start of an order about the reader's answer: "in/for your summary", "when you write the
     * summary", "when you summarise", "your answer must", "if (you are) asked about"; the index from
     * which to look for the saying verb, or -1.
     */
    private static int steeringAt(List<Token> t, int i, int[] sentence) {
        Token w = t.get(i);
        int n = t.size();
        if ((w.is("in") || w.is("for") || w.is("into")) && i + 1 < n && (t.get(i + 1).is("your") || t.get(i + 1).is("the")
                || t.get(i + 1).is("any") || t.get(i + 1).is("every") || t.get(i + 1).is("each"))) {
            for (int k = i + 2; k < Math.min(n, i + 5); k++) {
                if (t.get(k).breakBefore()) {
                    return -1;
                }
                if (OUTPUTS.contains(t.get(k).value())) {
                    boolean yours = !t.get(i + 1).is("the") || k + 2 < n && t.get(k + 1).is("you")
                            && WRITE.contains(t.get(k + 2).value());
                    return yours ? k + 1 : -1;
                }
            }
            return -1;
        }
        if ((w.is("when") || w.is("while") || w.is("as") || w.is("once")) && i + 2 < n && t.get(i + 1).is("you")) {
            Token verb = t.get(i + 2);
            if (SUMMARISE.contains(verb.value())) {
                return i + 3;
            }
            if (WRITE.contains(verb.value())) {
                for (int k = i + 3; k < Math.min(n, i + 6); k++) {
                    if (t.get(k).breakBefore()) {
                        return -1;
                    }
                    if (OUTPUTS.contains(t.get(k).value())) {
                        return k + 1;
                    }
                }
            }
            return -1;
        }
        if ((w.is("your") || w.is("the") && i > 0 && !t.get(i).breakBefore() && steeredBefore(t, i)) && i + 2 < n
                && OUTPUTS.contains(t.get(i + 1).value())
                && (t.get(i + 2).is("must") || t.get(i + 2).is("should") || t.get(i + 2).is("shall") || t.get(i + 2).is("will"))) {
            return i + 3;
        }
        if ((w.is("whoever") || w.is("anyone") || w.is("anybody") || w.is("whichever")) && (i == 0 || !t.get(i - 1).is("if"))) {
            for (int k = i + 1; k < Math.min(n, i + 7); k++) {
                if (t.get(k).breakBefore()) {
                    return -1;
                }
                if (t.get(k).is("must") || t.get(k).is("should") || t.get(k).is("shall")) {
                    return k + 1; // "whoever condenses this page must call …"
                }
            }
            return -1;
        }
        if (w.is("if") && i + 3 < n && (t.get(i + 1).is("anyone") || t.get(i + 1).is("someone") || t.get(i + 1).is("anybody")
                || t.get(i + 1).is("they") || t.get(i + 1).is("the") && USER.contains(t.get(i + 2).value()))) {
            int k = t.get(i + 1).is("the") ? i + 3 : i + 2;
            if (k + 1 < n && (t.get(k).is("asks") || t.get(k).is("ask")) && t.get(k + 1).is("about")) {
                return k + 2; // "if anyone asks about the outage, say …"
            }
        }
        if (w.is("if") && i + 3 < n) {
            int k = t.get(i + 1).is("you") && t.get(i + 2).is("are") ? i + 3 : t.get(i + 1).is("asked") ? i + 1 : -1;
            if (k > 0 && k < n && t.get(k).is("asked") && k + 1 < n && t.get(k + 1).is("about")) {
                return k + 2;
            }
        }
        return -1;
    }

    /** "When this page is summarized, the summary must …": a clause about the reader's processing right before. */
    private static boolean steeredBefore(List<Token> t, int i) {
        for (int k = i - 1; k >= Math.max(0, i - 8); k--) {
            String v = t.get(k).value();
            if (v.startsWith("summari") || v.equals("processed") || v.equals("indexed") || v.equals("parsed") || v.equals("read")) {
                return true;
            }
            if (t.get(k).breakBefore()) {
                return false;
            }
        }
        return false;
    }

    /** A saying verb (say, state, recommend …) in the sentence after {@code from}, within twelve words; or -1. */
    private static int sayAfter(List<Token> t, int from, int home) {
        for (int k = from; k < Math.min(t.size(), from + 12); k++) {
            if (k > from && t.get(k).breakBefore()) {
                return -1;
            }
            String v = t.get(k).value();
            if (SAY.contains(v) && (k == from || imperativeAt(t, k) || t.get(k - 1).is("must") || t.get(k - 1).is("should")
                    || t.get(k - 1).is("shall") || t.get(k - 1).is("will"))) {
                return k;
            }
        }
        return -1;
    }

    /** "describe it as …", "call the product …": the reader is told what to claim. */
    private static boolean claimAs(List<Token> t, int verb) {
        for (int k = verb + 1; k < Math.min(t.size(), verb + 5); k++) {
            if (t.get(k).breakBefore()) {
                return false;
            }
            if (t.get(k).is("as")) {
                return !t.get(verb).is("write") && !t.get(verb).is("list");
            }
        }
        return t.get(verb).is("call");
    }

    /** "leave out the …", "do not mention the …", "skip the section", "omit the findings"; the index after it, or 0. */
    private static int omissionAt(List<Token> t, int i) {
        int n = t.size();
        Token w = t.get(i);
        if (OMIT.contains(w.value()) && i + 1 < n && (t.get(i + 1).is("the") || t.get(i + 1).is("any") || t.get(i + 1).is("all"))) {
            return i + 2;
        }
        if (w.is("avoid") && i + 1 < n && (t.get(i + 1).is("citing") || t.get(i + 1).is("mentioning") || t.get(i + 1).is("including")
                || t.get(i + 1).is("discussing") || t.get(i + 1).is("referring"))) {
            return i + 2;
        }
        if (w.is("drop") && i + 1 < n && t.get(i + 1).is("the") || w.is("leave") && i + 1 < n && t.get(i + 1).is("out")) {
            return i + 2;
        }
        if ((w.is("not") || w.is("never") || w.is("dont") || w.is("without")) && i + 1 < n
                && (t.get(i + 1).is("mention") || t.get(i + 1).is("mentioning") || t.get(i + 1).is("include")
                || t.get(i + 1).is("including"))) {
            return i + 2;
        }
        return 0;
    }

    /**
     * "never/don't let the user know", "keep this (change/step) out of the conversation / from the
     * user / secret / between us"; the index after it, or 0.
     */
    private static int secrecyAt(List<Token> t, int i) {
        int n = t.size();
        Token w = t.get(i);
        if ((w.is("never") || w.is("dont") || w.is("not")) && i + 1 < n && t.get(i + 1).is("let")) {
            for (int k = i + 2; k < Math.min(n, i + 5); k++) {
                if (t.get(k).breakBefore()) {
                    return 0;
                }
                if (USER.contains(t.get(k).value())) {
                    for (int m = k + 1; m < Math.min(n, k + 6); m++) {
                        if (t.get(m).is("know") || t.get(m).is("see") || t.get(m).is("notice") || t.get(m).is("find")
                                || t.get(m).is("learn")) {
                            return m + 1;
                        }
                    }
                    return 0;
                }
            }
        }
        if ((w.is("not") || w.is("never") || w.is("dont")) && i + 1 < n && TELL.contains(t.get(i + 1).value())) {
            for (int k = i + 2; k < Math.min(n, i + 5); k++) {
                if (t.get(k).breakBefore()) {
                    return 0;
                }
                if (USER.contains(t.get(k).value()) || t.get(k).is("holder") || t.get(k).is("client")) {
                    return k + 1; // "do not inform the account holder …"
                }
            }
        }
        if (w.is("keep") && i + 1 < n && (t.get(i + 1).is("this") || t.get(i + 1).is("it") || t.get(i + 1).is("these"))) {
            for (int k = i + 2; k < Math.min(n, i + 6); k++) {
                if (t.get(k).breakBefore()) {
                    return 0;
                }
                Token x = t.get(k);
                if (x.is("secret") || x.is("hidden") || x.is("confidential") || x.is("between")
                        || x.is("out") && k + 2 < n && t.get(k + 1).is("of") && (t.get(k + 2).is("the") || t.get(k + 2).is("your"))
                        && k + 3 < n && (t.get(k + 3).is("conversation") || t.get(k + 3).is("chat") || t.get(k + 3).is("reply")
                        || t.get(k + 3).is("answer") || t.get(k + 3).is("response") || t.get(k + 3).is("summary")
                        || USER.contains(t.get(k + 3).value()))
                        || x.is("from") && k + 2 < n && USER.contains(t.get(k + 2).value())) {
                    return k + 1;
                }
            }
        }
        return 0;
    }

    /** "you are now", "from now on/here on you are|play", "you will be|play", "become", "pretend to be", "roleplay as", "act as", "the new you". */
    private static boolean redefinitionAt(List<Token> t, int i) {
        int n = t.size();
        Token w = t.get(i);
        if (w.is("you") || w.is("youre")) {
            int k = w.is("youre") ? i + 1 : i + 2;
            if (w.is("you") && (i + 1 >= n || !t.get(i + 1).is("are"))) {
                if (i + 2 < n && (t.get(i + 1).is("will") || t.get(i + 1).is("now")) && REDEFINE_NEXT.contains(t.get(i + 2).value())) {
                    return true;
                }
                if (i + 3 < n && t.get(i + 1).is("will") && (t.get(i + 2).is("answer") || t.get(i + 2).is("respond")
                        || t.get(i + 2).is("reply") || t.get(i + 2).is("speak")) && t.get(i + 3).is("as")) {
                    return true; // "you will answer as Ghost"
                }
                if (i + 2 < n && t.get(i + 1).is("play") && t.get(i + 2).next() == ',') {
                    return true; // "you play Nyx, an AI …"
                }
                return i + 1 < n && t.get(i + 1).is("play") && i > 0 && (t.get(i - 1).is("on") || t.get(i - 1).is("now"));
            }
            if (k < n && t.get(k).is("now")) {
                return true;
            }
            // a persona introduced by name: "you are Lumen, an experimental model …"
            return k + 1 < n && t.get(k).next() == ',' && (t.get(k + 1).is("a") || t.get(k + 1).is("an"))
                    && (i == 0 || t.get(i).breakBefore());
        }
        if (w.is("become") && (i == 0 || t.get(i).breakBefore() || imperativeAt(t, i))) {
            return true;
        }
        if ((w.is("pretend") || w.is("roleplay")) && i + 1 < n && (t.get(i + 1).is("to") || t.get(i + 1).is("as")
                || t.get(i + 1).is("you"))) {
            return true;
        }
        if (w.is("role") && i + 2 < n && t.get(i + 1).is("play") && t.get(i + 2).is("as")) {
            return true;
        }
        if (w.is("act") && i + 1 < n && t.get(i + 1).is("as") && imperativeAt(t, i)) {
            return true;
        }
        if (w.is("play") && i + 2 < n && (t.get(i + 1).is("the") || t.get(i + 1).is("a")) && (t.get(i + 2).is("character")
                || t.get(i + 2).is("role") || t.get(i + 2).is("part") || t.get(i + 2).is("persona"))) {
            return true;
        }
        if ((w.is("answer") || w.is("respond") || w.is("reply") || w.is("speak")) && i + 1 < n && t.get(i + 1).is("as")
                && imperativeAt(t, i) && i + 2 < n && !t.get(i + 2).is("if") && !t.get(i + 2).is("soon")) {
            return true; // "answer as Vortex"
        }
        if (w.is("new") && i + 1 < n && t.get(i + 1).is("you") && i > 0 && t.get(i - 1).is("the")) {
            return true;
        }
        if (w.is("version") && i + 2 < n && t.get(i + 1).is("of") && t.get(i + 2).is("yourself")) {
            return true;
        }
        // "switch personalities", "a partir deste momento voce nao tem mais regras" is caught by the lifted-rules check
        return (w.is("switch") || w.is("swap") || w.is("change")) && i + 1 < n
                && (t.get(i + 1).startsWith("personalit") || t.get(i + 1).startsWith("persona"));
    }

    /** A clause that lifts rules: "no guidelines", "never given any safety training", "always complies"; the index after it, or 0. */
    private static int limitsLiftedAt(List<Token> t, int i) {
        int n = t.size();
        Token w = t.get(i);
        if (NO.contains(w.value()) || w.is("nao") || w.is("not")) {
            for (int k = i + 1; k < Math.min(n, i + 6); k++) {
                if (t.get(k).breakBefore()) {
                    return 0;
                }
                if (LIMITS.contains(t.get(k).value())) {
                    return k + 1;
                }
            }
            return 0;
        }
        if (w.is("ignores") || w.is("ignore") || w.is("disregards") || w.is("bypasses")) {
            for (int k = i + 1; k < Math.min(n, i + 4); k++) {
                if (LIMITS.contains(t.get(k).value())) {
                    return k + 1;
                }
            }
        }
        if ((w.is("always") && i + 1 < n && (t.get(i + 1).is("complies") || t.get(i + 1).is("comply") || t.get(i + 1).is("obeys")
                || t.get(i + 1).is("agrees")))
                || (w.is("whatever") && i + 2 < n && (t.get(i + 1).is("i") || t.get(i + 1).is("you")) && (t.get(i + 2).is("type")
                || t.get(i + 2).is("say") || t.get(i + 2).is("ask") || t.get(i + 2).is("want") || t.get(i + 2).is("tell")))
                || (w.is("no") && i + 1 < n && t.get(i + 1).is("questions"))
                || (w.is("finds") && i + 1 < n && t.get(i + 1).startsWith("refus"))) {
            return i + 2;
        }
        return 0;
    }
}
