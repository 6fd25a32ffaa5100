package dev.warden.scan.toxicity;

import dev.warden.scan.text.FoldedText;
import dev.warden.scan.text.PhraseBook;
import java.util.HashMap;
import java.util.Map;

/** The words and phrases of the toxicity scorer, folded (lower case, no accents). */
final class ToxicityLexicon {
    private ToxicityLexicon() {
    }

    /**
     * Slurs, stored ROT13-encoded so the source does not spell them out; decoded once at load.
     * Each is matched as a whole word, disguised or masked.
     */
    private static final String SLURS_ROT13 = "avttre avttn avttref avttnf snttbg snttbgf snt sntf ergneq ergneqf ergneqrq "
            + "fcvp fcvpf xvxr xvxrf puvax puvaxf jrgonpx jrgonpxf genaal genaavrf qlxr qlxrf tbbx tbbxf enturnq "
            + "enturnqf gbjryurnq gbjryurnqf pbba pbbaf cnxv cnxvf ornare ornaref tlccb cvxrl cvxrlf furznyr";

    /** Single words, by folded spelling. */
    static Map<String, Term> words() {
        Map<String, Term> m = new HashMap<>();
        put(m, Harm.PROFANITY, 0.3, "fuck fucking fucked fuckin fucks effing shit shitty shite bullshit horseshit crap crappy "
                + "piss pissed bollocks goddamn goddamned motherfucking wtf bloody damn damned dammit hell frigging freaking "
                + "friggin sucks sucked arse ass");
        m.put("hell", new Term(Harm.PROFANITY, 0.1));
        m.put("bloody", new Term(Harm.PROFANITY, 0.1));
        m.put("damn", new Term(Harm.PROFANITY, 0.12));
        m.put("dammit", new Term(Harm.PROFANITY, 0.12));
        m.put("damned", new Term(Harm.PROFANITY, 0.12));
        m.put("freaking", new Term(Harm.PROFANITY, 0.08));
        m.put("frigging", new Term(Harm.PROFANITY, 0.1));
        m.put("friggin", new Term(Harm.PROFANITY, 0.1));
        m.put("sucks", new Term(Harm.PROFANITY, 0.12));
        m.put("sucked", new Term(Harm.PROFANITY, 0.08));
        m.put("crap", new Term(Harm.PROFANITY, 0.15));
        m.put("crappy", new Term(Harm.PROFANITY, 0.15));
        m.put("wtf", new Term(Harm.PROFANITY, 0.2));
        put(m, Harm.INSULT, 0.6, "idiot idiots moron morons imbecile imbeciles cretin cretins dimwit dimwits halfwit nitwit "
                + "dumbass dumbasses jackass dipshit dickhead dickheads douche douchebag prick pricks bastard bastards scumbag "
                + "scumbags lowlife loser losers buffoon buffoons dunce numpty muppet twit prat tosser wanker wankers bellend "
                + "knobhead pillock simpleton ignoramus degenerate degenerates jerk jerks clown clowns fool fools");
        put(m, Harm.INSULT, 0.75, "asshole assholes arsehole arseholes bitch bitches shithead shitheads fuckwit fuckface "
                + "fucker fuckers twat twats subhuman vermin scum sociopath");
        put(m, Harm.INSULT, 0.85, "cunt cunts motherfucker motherfuckers");
        put(m, Harm.INSULT, 0.4, "stupid stupidest dumb dumbest brainless incompetent incompetents pathetic worthless "
                + "idiotic moronic imbecilic clueless ignorant liar liars crook crooks scammer scammers fraudster fraudsters "
                + "creep creepy freak freaks psycho psychos lunatic lunatics parasite parasites leech leeches ugly disgusting "
                + "repulsive hideous thick dense dimwitted braindead useless hopeless spineless gutless");
        m.put("useless", new Term(Harm.INSULT, 0.3));
        m.put("hopeless", new Term(Harm.INSULT, 0.2));
        m.put("ignorant", new Term(Harm.INSULT, 0.3));
        m.put("clueless", new Term(Harm.INSULT, 0.3));
        m.put("thick", new Term(Harm.INSULT, 0.15));
        m.put("dense", new Term(Harm.INSULT, 0.15));
        m.put("ugly", new Term(Harm.INSULT, 0.3));
        m.put("disgusting", new Term(Harm.INSULT, 0.3));
        m.put("fool", new Term(Harm.INSULT, 0.45));
        m.put("fools", new Term(Harm.INSULT, 0.45));
        m.put("jerk", new Term(Harm.INSULT, 0.5));
        m.put("clown", new Term(Harm.INSULT, 0.45));
        m.put("clowns", new Term(Harm.INSULT, 0.45));
        put(m, Harm.INSULT, 0.2, "trash garbage pig pigs rubbish joke");
        put(m, Harm.INSULT, 0.5, "stupidest dumbest idiotic moronic");
        put(m, Harm.HARASSMENT, 0.6, "stfu gtfo kys");
        m.put("kys", new Term(Harm.THREAT, 0.9));
        String slurs = rot13(SLURS_ROT13);
        put(m, Harm.SLUR, 0.9, slurs);
        return m;
    }

    /** Phrases: threats, harassment and directed swearing. */
    static PhraseBook<Term> phrases() {
        PhraseBook<Term> b = new PhraseBook<>();
        String harm = "kill|murder|hurt|stab|shoot|strangle|choke|beat|punch|smash|slap|kick|destroy|hunt|burn|bash|batter|"
                + "gut|rape|wreck|torture|bury|drown|slit|strangle|beat+up|hit|knife|throttle";
        String you = "you|your|u|ya|yourself|ur|you're|youre|yours|your+family|your+kids|your+children|your+wife|"
                + "your+husband|your+house|your+home|your+office|your+store|your+car|your+face|your+neck|your+head|your+legs";
        b.add("threat-i-will", "i|ill|i'll|im|i'm|we|we'll|gonna|going+to|let+me|lets|let's|gon ~3 "
                + harm + " ~2 " + you, new Term(Harm.THREAT, 0.9));
        b.add("threat-find-you", "i|ill|i'll|we|we'll ~3 find|track+down|come+for|come+after|hunt+down ~1 you|u|ya",
                new Term(Harm.THREAT, 0.45));
        b.add("threat-know-where", "i|we ~1 know ~1 where ~1 you|u|your ~1 live|work|live+and+work|kids|family|sleep",
                new Term(Harm.THREAT, 0.9));
        b.add("threat-watch-back", "watch|better+watch ~1 your|ur ~1 back|step", new Term(Harm.THREAT, 0.75));
        b.add("threat-dead", "you're|youre|you+are|ur ~1 dead|dead+meat|a+dead+man|a+dead+woman|going+to+die|gonna+die",
                new Term(Harm.THREAT, 0.65));
        b.add("threat-regret", "you'll|youll|you+will|you're+going+to|youre+gonna|you+are+going+to ~1 regret+this|suffer|"
                + "regret+the+day|regret+messing", new Term(Harm.THREAT, 0.45));
        b.add("threat-make-pay", "make ~1 you|u ~1 pay|suffer|regret|bleed|cry", new Term(Harm.THREAT, 0.6));
        b.add("threat-wish", "kill|hang|shoot ~1 yourself|urself|your+self", new Term(Harm.THREAT, 0.95));
        b.add("threat-hope-die", "hope|wish|pray ~3 you|u|your ~3 die|dies|died|dead|get+cancer|rot|burn|suffer|crash|"
                + "get+hit|gets+hit|get+fired|lose+everything|choke", new Term(Harm.THREAT, 0.85));
        b.add("threat-go-die", "go|deserve+to|deserves+to|ought+to ~1 die|drop+dead", new Term(Harm.THREAT, 0.8));
        b.add("threat-burn-down", "burn|blow|torch|tear ~3 down|up ~1 your|the ~1 house|office|store|building|shop|place",
                new Term(Harm.THREAT, 0.7));
        b.add("threat-outside", "see|meet ~1 you|u ~1 outside|in+the+parking|after+work|in+person|in+a+dark", new Term(Harm.THREAT, 0.5));
        b.add("harass-fuck-you", "fuck|screw|frick|fck|fk|fuk|sod|bugger ~1 you|u|ya|off|yourself|urself|this+company|"
                + "your+company|you+all|you+guys|you+people|all+of+you", new Term(Harm.HARASSMENT, 0.85));
        b.add("harass-go-fuck", "go ~1 fuck|screw ~1 yourself|urself|your+self|off", new Term(Harm.HARASSMENT, 0.9));
        b.add("harass-piss-off", "piss+off|sod+off|bugger+off|naff+off|get+lost|shove+it|jog+on", new Term(Harm.HARASSMENT, 0.45));
        b.add("harass-shut-up", "shut ~1 up|your+mouth|your+trap|your+face|the+fuck+up", new Term(Harm.HARASSMENT, 0.45));
        b.add("harass-go-to-hell", "go|rot|burn ~1 to|in ~1 hell", new Term(Harm.HARASSMENT, 0.75));
        b.add("harass-nobody-likes", "nobody|no+one|noone|no+body ~1 likes|cares+about|wants|loves|needs|asked ~1 you|u|your",
                new Term(Harm.HARASSMENT, 0.65));
        b.add("harass-disgust", "you|u ~1 disgust|sicken|repulse|make+me+sick|make+me+want+to+puke", new Term(Harm.HARASSMENT, 0.6));
        b.add("harass-are-you", "are|r ~1 you|u ~1 stupid|dumb|an+idiot|a+moron|deaf|blind|brain+dead|braindead|retarded|thick|"
                + "dense|illiterate|mental|insane|slow", new Term(Harm.HARASSMENT, 0.65));
        b.add("harass-learn-to", "learn|learn+how ~1 to ~1 read|spell|think|do+your+job|count|listen", new Term(Harm.HARASSMENT, 0.35));
        b.add("harass-cant-you-read", "can't|cant|can+not|cannot ~1 you|u ~1 read|understand+simple|think|count|do+anything+right",
                new Term(Harm.HARASSMENT, 0.45));
        b.add("harass-wrong-with", "what's|whats|what+is|what+the+hell+is|what+the+fuck+is ~1 wrong ~1 with ~1 you|u|your+people|"
                + "you+people", new Term(Harm.HARASSMENT, 0.5));
        b.add("harass-waste", "waste ~1 of ~1 space|oxygen|air|skin|a+human|life|carbon|sperm", new Term(Harm.HARASSMENT, 0.75));
        b.add("harass-brain", "pea|bird|brain ~1 brain|brained|dead|cell|cells", new Term(Harm.HARASSMENT, 0.4));
        b.add("harass-get-a-brain", "get|grow ~1 a ~1 brain|clue|life|spine", new Term(Harm.HARASSMENT, 0.45));
        b.add("harass-you-people", "you+people|your+kind|people+like+you|you+lot ~3 are|always|never|should|disgust|make|can't|cant",
                new Term(Harm.HARASSMENT, 0.4));
        b.add("harass-go-back", "go ~1 back ~1 to ~2 your ~1 country|own+country|village|cave|jungle|where+you+came",
                new Term(Harm.HARASSMENT, 0.85));
        b.add("harass-eat", "eat|suck|kiss ~1 shit|my+ass|my+arse|my+dick|a+dick|dick|balls", new Term(Harm.HARASSMENT, 0.8));
        b.add("harass-piece-of", "piece|pile|sack|bag ~1 of ~1 shit|crap|garbage|trash|filth", new Term(Harm.INSULT, 0.8));
        b.add("harass-son-of", "son|sons ~1 of ~1 a ~1 bitch|whore", new Term(Harm.INSULT, 0.8));
        b.add("harass-should-be-fired", "should|ought+to|deserve+to ~1 be ~1 fired|shot|beaten|locked+up|ashamed|slapped",
                new Term(Harm.HARASSMENT, 0.35));
        b.add("insult-excuse-for", "excuse ~1 for ~1 a|an ~2 human|person|man|woman|company|business|agent|support|employee|"
                + "manager|service|professional|being", new Term(Harm.INSULT, 0.7));
        b.add("threat-break-bones", "break|smash|snap|bust|crack ~2 his|her|your|their|ur|ya ~1 legs|leg|neck|face|arms|arm|jaw|"
                + "nose|teeth|skull|bones|knees|fingers|head", new Term(Harm.THREAT, 0.85));
        b.add("threat-beat-out-of", "beat|kick|knock|smack|slap ~1 the ~1 crap|shit|hell|living+daylights|snot|life ~1 out ~1 of",
                new Term(Harm.THREAT, 0.85));
        b.add("harass-dumb-as", "dumb|thick|stupid ~1 as ~1 a ~1 rock|brick|bag|post|box|plank|doorknob|sack",
                new Term(Harm.INSULT, 0.6));
        return b;
    }

    private static void put(Map<String, Term> m, Harm harm, double weight, String words) {
        for (String w : words.split("\\s+")) {
            m.put(FoldedText.foldWord(w), new Term(harm, weight));
        }
    }

    private static String rot13(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26) : c);
        }
        return b.toString();
    }
}
