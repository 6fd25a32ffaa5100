package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import dev.warden.scan.text.PhraseBook;
import dev.warden.scan.text.Token;
import java.util.List;
import java.util.Set;

/**
 * The phrase rules of {@link InjectionPhrases} over the words of a text, each match weighed by its
 * context: quoted, introduced as an example or negated it counts for less; an override about the
 * writer's own instructions ("disregard my previous instructions") or about an e-mail counts for
 * less; a match spelled with look-alikes, leetspeak or invisible characters counts for more.
 */
final class PhraseSignals {
    private static final PhraseBook<Cue> BOOK = InjectionPhrases.build();

    private static final Set<String> NEGATIONS = Set.of("not", "never", "dont", "cannot", "cant", "wont", "shouldnt", "mustnt",
            "doesnt", "didnt", "refuse", "refuses", "refused", "nobody", "neither", "nor", "without", "isnt", "arent");
    private static final Set<String> META_BEFORE = Set.of("such", "like", "eg", "example", "examples", "instance", "phrase",
            "phrases", "string", "strings", "pattern", "patterns", "keyword", "keywords", "wording", "attack", "attacks",
            "attacker", "attackers", "injection", "injections", "payload", "payloads", "jailbreak", "jailbreaks", "classifier",
            "detect", "detects", "detected", "detecting", "detector", "filter", "filters", "flag", "flags", "flagged", "block",
            "blocks", "blocked", "regex", "test", "tests", "testing", "sample", "samples", "known", "classic", "typical", "common",
            "mentions", "mentioned", "contains", "containing", "contained", "quoted", "quote", "quotes",
            "tried", "attempted", "attempts", "attempt", "whether", "called", "titled", "named", "labelled", "labeled",
            "malicious", "adversarial");
    private static final Set<String> META_NEAR = Set.of("like", "such", "eg", "g", "ie");
    private static final Set<String> META_AFTER = Set.of("example", "examples", "attack", "attacks", "injection", "payload",
            "phrase", "pattern", "string", "trick", "technique", "classic");
    private static final Set<String> FIRST_PERSON = Set.of("my", "our", "i", "we", "me", "mine", "ours", "myself");
    private static final Set<String> HUMAN_OBJECTS = Set.of("email", "emails", "mail", "letter", "ticket", "invoice", "order",
            "version", "draft", "meeting", "document", "attachment", "voicemail", "memo", "booking",
            "shipment", "delivery", "payment", "recipe", "assembly", "installation", "washing", "parking", "exam",
            "homework", "assignment", "checklist", "schedule", "rota", "quote", "syllabus", "handbook");
    private static final Set<String> TOPIC_WORDS = Set.of("injection", "injections", "jailbreak", "jailbreaks", "jailbreaking",
            "attacker", "attackers", "adversarial", "classifier", "classifiers", "detector", "detectors", "payload", "payloads",
            "owasp", "mitigation", "mitigations", "vulnerability", "vulnerabilities", "researchers", "benchmark", "dataset",
            "red-team", "redteam", "guardrail", "guardrails", "security", "exploit", "exploits", "threat", "defense", "defence",
            "sanitize", "sanitise", "sanitization", "untrusted", "example", "examples", "paper", "workshop", "training", "awareness");

    void collect(FoldedText folded, List<Signal> out) {
        List<Token> tokens = folded.tokens();
        double topicFactor = topicFactor(tokens);
        for (PhraseBook.Hit<Cue> hit : BOOK.scan(tokens)) {
            Cue cue = hit.value();
            String rule = hit.rule().name();
            if ((rule.startsWith("role-line") || rule.startsWith("role-heading")) && !tokens.get(hit.first()).lineStart()) {
                continue;
            }
            double score = cue.score();
            if (cue.discountable()) {
                score *= context(folded, tokens, hit.first(), hit.end());
                score *= topicFactor;
            }
            if (cue.family() == Family.OVERRIDE) {
                score *= ownInstructions(tokens, hit.first(), hit.end());
            }
            if (cue.family() == Family.ADDRESS && hit.end() < tokens.size() && !tokens.get(hit.end()).breakBefore()
                    && PROFESSIONS.contains(tokens.get(hit.end()).value())) {
                score *= 0.3; // "if you are an AI researcher": a person who works on AI
            }
            if (cue.family() == Family.EXFILTRATION && readersOwnData(tokens, hit.first(), hit.end())) {
                score *= 0.5; // "send your bank details to payroll@…": a form asking a person for their own data
            }
            if (cue.family() == Family.TOOL_CALL && identifier(tokens, hit.first(), Math.min(tokens.size(), hit.end() + 2))) {
                score = Math.min(1.0, score + 0.15); // names a tool the way code does: send_email, file_write
            }
            if (cue.family() == Family.TOOL_CALL && pipedToShell(folded.text(), tokens, hit.first(), hit.end())) {
                score = Math.max(score, 0.5);
            }
            if (disguised(tokens, hit.first(), hit.end())) {
                score = Math.min(1.0, score + 0.15);
            }
            int start = folded.originalStart(tokens.get(hit.first()).start());
            int end = folded.originalEnd(tokens.get(hit.end() - 1).end());
            out.add(new Signal(cue.family(), start, end, score));
        }
        spacedLetters(folded, tokens, out);
    }

    /** Quoting, example markers and negation around a match; 1 when none. */
    static double context(FoldedText folded, List<Token> tokens, int first, int end) {
        double f = 1.0;
        if (quoted(folded.text(), tokens.get(first).start())) {
            f *= 0.45;
        }
        boolean meta = false;
        for (int k = first - 1; k >= Math.max(0, first - 10) && !tokens.get(k + 1).breakBefore(); k--) {
            Token t = tokens.get(k);
            meta |= META_BEFORE.contains(t.value()) || first - k <= 2 && META_NEAR.contains(t.value());
        }
        for (int k = end; k < Math.min(tokens.size(), end + 8) && !tokens.get(k).breakBefore(); k++) {
            meta |= META_AFTER.contains(tokens.get(k).value());
        }
        if (meta) {
            f *= 0.5;
        }
        for (int k = first - 1; k >= Math.max(0, first - 3); k--) {
            if (NEGATIONS.contains(tokens.get(k).value())) {
                f *= 0.3;
                break;
            }
            if (tokens.get(k + 1).breakBefore()) {
                break;
            }
        }
        return f;
    }

    /** Whether a quote mark (not a JSON or assignment quote) or an odd backtick count opens right before {@code at}. */
    static boolean quoted(String text, int at) {
        int k = at - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
            k--;
        }
        if (k >= 0 && "\"'`«»*".indexOf(text.charAt(k)) >= 0) {
            int j = k - 1;
            while (j >= 0 && text.charAt(j) == ' ') {
                j--;
            }
            if (j < 0 || ":={,[(".indexOf(text.charAt(j)) < 0) {
                return true;
            }
        }
        int ticks = 0;
        for (int i = at - 1; i >= 0 && at - i < 400 && text.charAt(i) != '\n'; i--) {
            ticks += text.charAt(i) == '`' ? 1 : 0;
        }
        return ticks % 2 == 1;
    }

    /** Overrides of the writer's own instructions, or of an e-mail or order, are ordinary human requests. */
    private static double ownInstructions(List<Token> tokens, int first, int end) {
        double f = 1.0;
        boolean own = false;
        boolean human = false;
        for (int k = first; k < end; k++) {
            own |= FIRST_PERSON.contains(tokens.get(k).value());
            human |= HUMAN_OBJECTS.contains(tokens.get(k).value());
        }
        if (end < tokens.size() && !tokens.get(end).breakBefore()) {
            Token next = tokens.get(end);
            human |= HUMAN_OBJECTS.contains(next.value()) || next.is("about") || next.is("regarding") || next.is("concerning")
                    || (next.is("for") || next.is("on") || next.is("in")) && end + 2 < tokens.size()
                    && (HUMAN_OBJECTS.contains(tokens.get(end + 1).value()) || HUMAN_OBJECTS.contains(tokens.get(end + 2).value()));
        }
        if (own) {
            f *= 0.4;
        }
        if (human) {
            f *= 0.5;
        }
        return f;
    }

    private static final Set<String> PROFESSIONS = Set.of("researcher", "researchers", "engineer", "engineers", "developer",
            "developers", "enthusiast", "enthusiasts", "startup", "startups", "company", "companies", "team", "teams", "ethicist",
            "lab", "student", "students", "practitioner", "practitioners", "professional", "professionals", "founder", "founders",
            "expert", "experts", "vendor", "vendors", "specialist", "specialists", "scientist", "scientists", "policy", "product",
            "manager", "managers", "consultant", "consultants", "trainer", "trainers", "course", "conference", "meetup");
    private static final Set<String> PERSONAL = Set.of("bank", "card", "passport", "id", "address", "phone", "payslip",
            "payslips", "tax", "cv", "resume", "receipts", "receipt", "invoice", "invoices", "insurance", "details", "documents");

    /** Whether the data in an exfiltration match is the reader's own personal data ("your bank details"). */
    private static boolean readersOwnData(List<Token> tokens, int first, int end) {
        for (int k = first; k < end - 1; k++) {
            if (tokens.get(k).is("your") && (PERSONAL.contains(tokens.get(k + 1).value())
                    || k + 2 < end && PERSONAL.contains(tokens.get(k + 2).value()))) {
                return true;
            }
        }
        return false;
    }

    /** Texts that discuss injection as a topic (three or more topic words) get their phrase signals lowered. */
    static double topicFactor(List<Token> tokens) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Token t : tokens) {
            if (TOPIC_WORDS.contains(t.value())) {
                seen.add(t.value());
            }
        }
        return seen.size() >= 3 ? 0.7 : 1.0;
    }

    /** A download piped into a shell ({@code curl ... | sh}) inside or right after the match. */
    private static boolean pipedToShell(String text, List<Token> tokens, int first, int end) {
        int from = tokens.get(first).start();
        int to = Math.min(text.length(), tokens.get(Math.min(tokens.size(), end + 6) - 1).end() + 1);
        String s = text.substring(from, to).replace(" ", "");
        return (s.contains("curl") || s.contains("wget") || s.contains("iwr") || s.contains("invoke-webrequest"))
                && (s.contains("|sh") || s.contains("|bash") || s.contains("|iex") || s.contains("|python"));
    }

    private static boolean identifier(List<Token> tokens, int first, int end) {
        for (int k = Math.max(0, first); k < end; k++) {
            String v = tokens.get(k).value();
            if (v.indexOf('_') > 0 && v.indexOf('_') < v.length() - 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean disguised(List<Token> tokens, int first, int end) {
        for (int k = first; k < end; k++) {
            if (tokens.get(k).disguised()) {
                return true;
            }
        }
        return false;
    }

    private static final String[] SPACED = {"ignoreall", "ignoreprevious", "ignoreprior", "ignoreyour", "ignoretheabove",
        "ignoreabove", "disregardall", "disregardprevious", "disregardprior", "disregardyour", "forgetall", "forgetprevious",
        "forgetyour", "forgeteverything", "previousinstructions", "priorinstructions", "yourinstructions", "systemprompt",
        "developermode", "youarenowdan", "doanythingnow", "newinstructions", "ignorelesinstructions", "ignorieredie",
        "vergissalle", "ignoratodas", "ignoraleistruzioni", "negeeralle"};

    /** Letters spelled apart ("i g n o r e  a l l"): runs of one-letter words joined and searched. */
    private static void spacedLetters(FoldedText folded, List<Token> tokens, List<Signal> out) {
        for (FoldedText.SpelledRun run : folded.spelledRuns(6, 4096)) {
            for (String key : SPACED) {
                if (run.letters().contains(key)) {
                    out.add(new Signal(Family.OVERRIDE, folded.originalStart(tokens.get(run.first()).start()),
                            folded.originalEnd(tokens.get(run.last()).end()), 0.8));
                    break;
                }
            }
        }
    }
}
