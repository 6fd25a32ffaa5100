package dev.warden.scan.injection;

import static dev.warden.scan.injection.Family.ADDRESS;
import static dev.warden.scan.injection.Family.CONCEAL;
import static dev.warden.scan.injection.Family.EXFILTRATION;
import static dev.warden.scan.injection.Family.JAILBREAK;
import static dev.warden.scan.injection.Family.LEAK;
import static dev.warden.scan.injection.Family.OVERRIDE;
import static dev.warden.scan.injection.Family.ROLE;
import static dev.warden.scan.injection.Family.STEER;
import static dev.warden.scan.injection.Family.TOOL_CALL;

import dev.warden.scan.text.PhraseBook;

/** The phrase rules of the injection detector, written against folded text (lower case, no accents). */
final class InjectionPhrases {
    private InjectionPhrases() {
    }

    // ---- English vocabulary ----
    private static final String EN_IGNORE = "ignore|ignoring|disregard*|forget|forgetting|overlook|override|overrid*|bypass"
            + "|dismiss|neglect|nevermind|never+mind|throw+away|set+aside|put+aside|unlearn|pay+no+attention+to"
            + "|pay+no+heed+to|take+no+notice+of|dont+pay+attention+to|stop+paying+attention+to|brush+aside|look+past"
            + "|turn+a+blind+eye+to|do+not+pay+attention+to|no+need+to+follow";
    private static final String EN_IGNORE_WEAK = "skip|discard|abandon*|erase|drop|scrap|ditch|toss|cancel|void|clear|wipe"
            + "|reset|purge|flush|suspend|scratch|delete|remove";
    private static final String EN_CORE_RULES = "instruction*|prompt|prompts|guideline*|directive*|guardrail*|safeguard*"
            + "|system+prompt|system+message|programming|rules|ruleset";
    private static final String EN_BEFORE = "previous|previously|prior|above|earlier|preceding|foregoing|former|original"
            + "|initial|old|older|existing|past|last|given|provided|developer|developers|default|system|current|pre-set|preset"
            + "|aforementioned|starting|base|built-in|builtin|hidden|programmed|standing|upstream|operator";
    private static final String EN_RULES = "instruction*|direction*|prompt|prompts|rule|rules|ruleset|guideline*|guidance"
            + "|directive*|constraint*|restriction*|programming|training|safeguard*|guardrail*|system+prompt|system+message"
            + "|orders|commands|policy|policies|limitations|boundaries|conditioning|context|protocol*";
    private static final String EN_WEAK_OBJ = "message|messages|text|conversation|email|emails|content|input|inputs|request|requests|note|notes";

    static PhraseBook<Cue> build() {
        PhraseBook<Cue> b = new PhraseBook<>();
        english(b);
        otherLanguages(b);
        roles(b);
        jailbreaks(b);
        address(b);
        leaks(b);
        exfiltration(b);
        conceal(b);
        toolCalls(b);
        return b;
    }

    private static void english(PhraseBook<Cue> b) {
        b.add("ignore-previous-rules", EN_IGNORE + " ~4 " + EN_BEFORE + " ~3 " + EN_RULES, Cue.of(OVERRIDE, 0.9));
        b.add("ignore-all-rules", EN_IGNORE + " ~1 all|any|every|each|your|those|these|whatever|any+of+the ~2 " + EN_RULES,
                Cue.of(OVERRIDE, 0.8));
        b.add("ignore-rules-you-got", EN_IGNORE + " ~3 " + EN_CORE_RULES + " ~1 you|youve|that+you|which+you ~2 were|got|have|received|"
                + "had|been|was ~2 given|told|at|before|earlier|initially|previously|programmed|trained", Cue.of(OVERRIDE, 0.85));
        b.add("rules-you-were-given-void", EN_CORE_RULES + " ~1 you|youve|that+you ~2 were|got|have|received|had|been ~3 "
                + "given|told|before|earlier|initially|previously|programmed ~3 are|is|were|have+been|no ~2 void|invalid|"
                + "obsolete|cancelled|canceled|revoked|null|lifted|suspended|rescinded|overridden|withdrawn|longer", Cue.of(OVERRIDE, 0.8));
        b.add("drop-previous-rules", EN_IGNORE_WEAK + " ~3 all|any|every|your|" + EN_BEFORE + " ~3 " + EN_CORE_RULES,
                Cue.of(OVERRIDE, 0.75));
        b.add("ignore-the-rules", EN_IGNORE + " ~2 the|its|their|his|her " + EN_RULES, Cue.of(OVERRIDE, 0.45));
        b.add("ignore-previous-messages", EN_IGNORE + " ~3 all|any|every ~2 " + EN_BEFORE + " ~2 " + EN_WEAK_OBJ, Cue.of(OVERRIDE, 0.5));
        b.add("forget-what-you-were-told", "forget|ignore|disregard ~1 what|whatever|anything|all ~1 you|you've|youve|you're ~3 "
                + "told|said|given|taught|learned|learnt|instructed|programmed", Cue.of(OVERRIDE, 0.8));
        b.add("ignore-everything-above", EN_IGNORE + " ~3 everything|all|anything ~4 above|before|previously|earlier|"
                + "prior|so+far|until+now|up+to+now|told|said|written|given|instructed|learned|learnt", Cue.of(OVERRIDE, 0.85));
        b.add("ignore-the-text-above", EN_IGNORE + "|never+mind|nevermind ~2 the|all+the|everything|anything|what|all ~2 above|"
                + "text+above|preceding|prior+text|previous+text|text+before|foregoing|came+before|comes+before|said+before|"
                + "written+above|context+above", Cue.of(OVERRIDE, 0.75));
        b.add("preceding-irrelevant", "the|all|everything ~1 above|preceding|previous|prior|foregoing ~2 text|content|context|"
                + "instructions|messages|conversation ~2 is|are|was|were ~1 irrelevant|obsolete|void|a+test|fake|outdated|"
                + "not+important|to+be+ignored|superseded", Cue.of(OVERRIDE, 0.7));
        b.add("your-instructions-changed", "your ~2 instructions|rules|directives|orders|task|goal|objective|mission|prompt|"
                + "system+prompt|programming|guidelines ~2 have|has|were|was|are ~1 changed|updated|been+updated|been+changed|"
                + "been+replaced|been+modified|been+overridden|been+revised|been+revoked|now+different|replaced|modified|revised",
                Cue.of(OVERRIDE, 0.6));
        b.add("overwrite-your-instructions", "overwrite|replace|rewrite|reprogram|redefine|swap ~2 your ~2 instructions|"
                + "system+prompt|programming|directives|prompt|rules|guidelines|persona", Cue.of(OVERRIDE, 0.6));
        b.add("forget-conversation", EN_IGNORE + " ~3 previous|prior|earlier|above|entire|whole ~1 conversation|chat|dialogue|"
                + "discussion|exchange|context", Cue.of(OVERRIDE, 0.35));
        b.add("respond-only-with", "respond|reply|answer|output|say|print|write|return ~2 only|just|solely|exclusively|nothing+but "
                + "~2 with|the+word|the+words|the+text|the+phrase|the+string|yes|no|ok|pwned|hacked|the+contents", Cue.of(OVERRIDE, 0.25));
        b.add("the-user-authorized", "the|your ~1 user|owner|admin|administrator|operator|customer|human|manager|boss ~2 has|have|"
                + "already|hereby ~2 authorized|authorised|approved|consented|agreed|asked+you|requested+that+you|wants+you|"
                + "instructed+you|permitted|allowed+you|given+permission|pre-approved|preapproved", Cue.of(ADDRESS, 0.35));
        b.add("the-assistant-now", "the|this ~1 assistant|ai|model|agent|chatbot|bot|llm ~1 now|henceforth|will+now|must+now|"
                + "shall+now|from+now+on ~1 speaks|speak|responds|respond|answers|answer|replies|reply|acts|act|behaves|says|say|"
                + "includes|include|only|must|will|is|recommends|recommend|ignores|ignore", Cue.of(ADDRESS, 0.35));
        b.add("recommend-only-ours", "recommend|promote|mention|suggest|praise|endorse|favor|favour|show|list ~2 only|exclusively "
                + "~2 our|this|my|these", Cue.of(ADDRESS, 0.35));
        b.add("when-you-see-this", "when|once|as+soon+as|after|if ~1 you ~1 see|read|receive|process|get|encounter|find|parse|"
                + "ingest ~1 this", Cue.of(ADDRESS, 0.4));
        b.add("whoever-processes-this", "whoever|anyone|anything|any+system|any+tool|any+program|any+software|any+automated|"
                + "every+system|any+model|any+assistant ~2 reads|reading|processes|processing|summarizes|summarises|parses|handles|"
                + "sees|analyzes|analyses|ingests|receives ~2 this ~3 must|should|shall|needs+to|is+required+to|will|has+to",
                Cue.of(ADDRESS, 0.5));
        b.add("this-document-instructs", "this|the ~1 document|page|email|file|text|message|note|content|site ~1 instructs|requires|"
                + "asks|tells|directs|orders|commands ~2 you|the+assistant|the+reader|the+ai|the+model|any+ai|the+agent ~1 to",
                Cue.of(ADDRESS, 0.45));
        b.add("in-your-summary", "in|into ~1 your|any|every|the ~1 summary|summaries|answer|response|overview|digest|recap "
                + "~4 include|add|mention|say|state|insert|write|describe|call|present|omit|leave+out|do+not", Cue.of(STEER, 0.35));
        b.add("the-user-wants-you", "the|your ~1 user|owner|customer|human ~1 wants|would+like|needs|expects ~1 you ~1 to",
                Cue.of(ADDRESS, 0.3));
        b.add("whatever-you-were-told", "whatever|everything|anything|what ~1 you ~1 were|have+been|got|was|youve+been ~1 told|"
                + "instructed|asked|programmed|configured|trained|given ~4 dont|don't|do+not|ignore|forget|disregard|is+void|"
                + "no+longer|doesn't+matter|doesnt+matter|does+not+matter|is+cancelled|is+canceled", Cue.of(OVERRIDE, 0.75));
        b.add("not-the-people-who-configured", "not|instead+of|rather+than|over|ignore|forget ~2 the|your ~1 people|person|ones|"
                + "developers|developer|company|team|those|operators|owners|creators|admins ~1 who|that|which ~1 configured|"
                + "programmed|built|made|created|trained|set+up|deployed|instructed|wrote|designed ~1 you", Cue.of(OVERRIDE, 0.65));
        b.add("listen-to-me-not", "listen+to|obey|follow|trust ~1 me|my+instructions|my+orders|my+rules|only+me ~2 not|instead+of|"
                + "rather+than|over|above|and+not ~2 your|the|them|those|anyone", Cue.of(OVERRIDE, 0.55));
        b.add("terms-do-not-apply", "terms|policies|rules|restrictions|guidelines|instructions|limits|limitations|conditions ~3 "
                + "do+not|dont|don't|no+longer|does+not|doesnt|never ~1 apply|applies ~1 to ~1 you|this+conversation|ai|assistants|"
                + "models", Cue.of(OVERRIDE, 0.55));
        b.add("follow-instructions-there", "follow|obey|execute|carry+out|apply|read+and+follow|read+and+obey ~2 the|these|any ~1 "
                + "instructions|directions|steps|commands|orders ~2 at|on|in|from|there|found|given|written|hosted|listed ~3 <url>|there|"
                + "the+link|this+link|the+page|that+page|the+attached|the+file|that+file|this+url", Cue.of(OVERRIDE, 0.45));
        b.add("treat-as-new-prompt", "treat|consider|use|take|regard|interpret ~4 this|the+following|these|what+follows|everything|"
                + "the+text|text ~4 as ~2 your|the ~1 new|real|actual|only|updated|true ~2 system+prompt|instructions|rules|prompt|"
                + "directive*|orders|programming|guidelines|system+message", Cue.of(OVERRIDE, 0.7));
        b.add("regardless-of-user", "regardless+of|no+matter|irrespective+of|whatever ~1 what|how ~3 the+user|users|anyone|they|"
                + "the+customer|people|he|she|you ~2 asks|ask|asked|says|say|said|wants|want|requests|request|type|types",
                Cue.of(CONCEAL, 0.4));
        b.add("correct-response-is", "the ~1 correct|right|only|required|expected|proper|official ~1 answer|response|reply|output ~3 "
                + "to|for ~3 any|every|all|each ~5 is|are|will+be|should+be|must+be", Cue.of(ADDRESS, 0.45));
        b.add("always-respond-that", "always|only|just ~1 respond|reply|answer|say|claim|state|tell+them|tell+the+user ~1 that|with",
                Cue.of(ADDRESS, 0.25));
        b.add("skip-verification", "skip|bypass|disable|turn+off|waive|omit|drop ~2 all|any|the|every ~2 verification|"
                + "identity+verification|authentication|security+checks|checks|confirmation*|approval*|validation|2fa|mfa|"
                + "identity+check*|kyc|fraud+checks", Cue.of(TOOL_CALL, 0.35));
        b.add("the-user-is-admin", "the|this ~1 user|requester|customer|sender|person ~1 is|has+been ~2 a|an|the ~2 verified|"
                + "trusted|authorized|authorised|confirmed ~1 admin|administrator|owner|employee|staff|developer|superuser|root",
                Cue.of(ADDRESS, 0.4));
        b.add("yes-to-every", "answer|say|respond|reply|click|choose ~1 yes|approve|accept|allow|ok ~3 to|for|on ~2 every|all|any|"
                + "each ~2 permission*|request*|prompt*|confirmation*|question*|dialog*|popup*", Cue.of(TOOL_CALL, 0.35));
        b.add("act-as-if-no-rules", "act|behave|respond|answer|reply|continue|proceed ~2 as+if|as+though|like ~3 no|there+is+no|"
                + "there+were+no|there+are+no|you+had+no|you+have+no|you+never+had|you+never+received|nobody+gave+you ~2 system|"
                + "rules|instructions|restrictions|prompt|guidelines|filters|system+message|system+prompt|limits|policy|policies",
                Cue.of(OVERRIDE, 0.6));
        b.add("only-follow-me", "you ~1 only|now+only|will+only|must+only|should+only ~1 follow|obey|listen+to|answer+to|take+orders+from "
                + "~1 my|me|mine", Cue.of(OVERRIDE, 0.55));
        b.add("switch-off-moderation", "switch|turn|shut|take|put|set ~1 off|down|away|aside ~3 your|the|all ~2 moderation|filter|"
                + "filters|safety|guardrails|restrictions|censorship|content+policy|safeguards|alignment", Cue.of(OVERRIDE, 0.6));
        b.add("override-the-limit", "override|bypass|ignore|lift|raise|remove|skip|circumvent ~2 the|your|my|this|any ~2 limit|limits|"
                + "cap|caps|threshold|thresholds|spending+limit|refund+limit|approval+limit|transfer+limit|daily+limit",
                Cue.of(TOOL_CALL, 0.4));
        b.add("ignore-all-of-that", EN_IGNORE + " ~1 all+of+that|all+that|all+of+this|everything+else|that+nonsense", Cue.of(OVERRIDE, 0.4));
        b.add("ignore-your", EN_IGNORE + " ~1 your ~2 " + EN_RULES + "|training|ethics|morals|principles|values|filters|safety|"
                + "alignment|restrictions|limits", Cue.of(OVERRIDE, 0.85));
        b.add("stop-following", "stop|quit|cease|dont|do+not|don't|no+longer ~1 follow*|obey*|apply*|respect*|adher*|comply* ~4 "
                + EN_BEFORE + "|your|all|any|these|those|the ~3 " + EN_RULES, Cue.of(OVERRIDE, 0.8));
        b.add("rules-void", "the|all|your|any|these|those ~1 " + EN_BEFORE + " ~2 " + EN_CORE_RULES
                + " ~3 are|is|were|was|have|has|become|became ~3 void|invalid|obsolete|cancelled|canceled|outdated|revoked|null|"
                + "fake|false|superseded|replaced|withdrawn|deprecated|rescinded|suspended|lifted|disabled|expired|over|gone|"
                + "irrelevant|wrong|overridden|overriden|no+longer", Cue.of(OVERRIDE, 0.55));
        b.add("rules-do-not-apply", EN_BEFORE + "|your|all|any ~2 " + EN_RULES + " ~2 do|does|no ~1 not|longer ~1 apply|matter|count|exist",
                Cue.of(OVERRIDE, 0.8));
        b.add("new-instructions-colon", "new|updated|revised|correct|additional|urgent|important|latest|modified|changed|"
                + "replacement|emergency|supplementary|special ~1 instruction:|instructions:|directive:|directives:|orders:|task:|"
                + "prompt:|rules:|command:|commands:|guidance:|guidelines:|objective:|mission:", Cue.of(OVERRIDE, 0.4));
        b.add("secret-instructions-colon", "real|actual|true|secret|hidden|priority|overriding|override|new|updated ~1 "
                + "system|admin|developer|ai|assistant|agent|model|bot|secret|hidden|priority ~1 instruction:|instructions:|directive:|directives:|orders:|task:|"
                + "prompt:|rules:|command:|commands:|guidance:|guidelines:|objective:|mission:", Cue.of(OVERRIDE, 0.6));
        b.add("new-instructions", "your|the ~1 new|updated|real|actual|true|revised|current|secret|hidden ~1 instruction*|directive*|"
                + "orders|task|objective|mission|goal|purpose|role|persona|prompt|rules|programming ~2 is|are|will|follow|as",
                Cue.of(OVERRIDE, 0.5));
        b.add("system-update-colon", "system+prompt|system+message|system|admin|developer|operator ~1 update:|override:|change:|"
                + "patch:|notice:|directive:|instruction:|instructions:", Cue.of(ROLE, 0.45));
        b.add("real-instructions", "real|actual|true|genuine|hidden|secret ~1 instruction*|directive*|orders|system+prompt|task",
                Cue.of(OVERRIDE, 0.35));
        b.add("following-instructions-override", "following|these|this ~2 instruction*|directive*|orders|rules ~3 override*|supersede*|"
                + "replace*|take+precedence|take+priority|overrule*|outrank*|trump", Cue.of(OVERRIDE, 0.85));
        b.add("takes-precedence", "this|these|my|the+following ~3 override*|supersede*|take*+precedence|take*+priority|overrule* ~3 "
                + "all|any|every|previous|prior|other|your|earlier ~2 " + EN_RULES + "|instruction*|message*",
                Cue.of(OVERRIDE, 0.8));
        b.add("from-now-on", "from+now+on|from+this+point|from+here+on|henceforth|going+forward|starting+now|for+the+rest+of+"
                + "this+conversation|for+the+remainder ~2 you|your|respond|answer|reply|act|behave|speak|only|always|never|pretend|"
                + "ignore|output", Cue.of(OVERRIDE, 0.3));
        b.add("you-must-ignore", "you|assistant|ai|model|agent ~2 must|shall|are+to|are+required+to|are+instructed+to|have+to ~2 "
                + "ignore|disregard|forget|override|bypass ~3 all|any|every|your|previous|prior|above|everything|safety|rules|"
                + "instruction*|guideline*|earlier|original", Cue.of(OVERRIDE, 0.6));
        b.add("ignore-the-user", EN_IGNORE + " ~2 the|what|any|this ~1 user|user's|users|human|human's|operator|operator's|"
                + "customer|customers|client|clients|sender|senders|requester|person's ~2 "
                + "request*|said|says|asked|wants|question*|instruction*|message*|task|goal|prompt", Cue.of(OVERRIDE, 0.5));
        b.add("instead-do", "instead ~2 you|your|output|respond|reply|say|write|print|answer|tell|send|do ~3 must|should|will|only|"
                + "following|this|exactly|now", Cue.of(OVERRIDE, 0.2));
        b.add("system-override", "system|admin|administrator|emergency|priority|root|developer|master|sudo|god "
                + "override|overrides", Cue.of(OVERRIDE, 0.45));
        b.add("override-safety", "override|overrid*|disable*|deactivat*|turn+off|switch+off|bypass*|circumvent*|lift ~3 "
                + "safety|content|ethical|moral ~1 protocol*|filter*|polic*|guideline*|guardrail*|restriction*|alignment|rules|"
                + "training|mode", Cue.of(OVERRIDE, 0.6));
        b.add("override-your-safety", "override|overrid*|disable*|deactivat*|turn+off|switch+off|remove|bypass*|circumvent*|lift|"
                + "suspend|drop ~2 your|all|any ~2 safety|ethical|content|guardrails|filters|restrictions|alignment|programming|"
                + "safeguards|limitations|moderation|censorship|content+policy|content+filter", Cue.of(OVERRIDE, 0.6));
        b.add("override-security", "disable*|bypass*|circumvent* ~3 security ~1 protocol*|checks|filters|controls", Cue.of(OVERRIDE, 0.3));
        b.add("forget-who-you-are", "forget|ignore ~2 who+you+are|what+you+are|that+you+are|you+are+an|your+identity|your+role|"
                + "being+an|you're+an", Cue.of(OVERRIDE, 0.6));
        b.add("start-over", "reset|restart|reboot|wipe|clear ~2 your ~1 memory|context|instructions|programming",
                Cue.of(OVERRIDE, 0.5));
        b.add("do-not-follow-the-system", "do+not|dont|don't|never|no+longer ~1 listen|obey|follow|trust ~3 system|developer|developers|"
                + "operator|original|openai|anthropic|creator*", Cue.of(OVERRIDE, 0.45));
        b.add("ignore-request-above", EN_IGNORE + " ~4 request|message|question|email|text|prompt|task ~1 above|below|before",
                Cue.of(OVERRIDE, 0.45));
        b.add("disregard-safety", EN_IGNORE + " ~2 any|all|your|the ~2 safety|ethical|moral|content|legal|security ~1 "
                + "concerns|considerations|guidelines|rules|polic*|filters|restrictions|warnings|constraints", Cue.of(OVERRIDE, 0.6));
        b.add("decode-and-follow", "decode|decrypt|translate|reverse|deobfuscate|unscramble|convert ~6 and|then ~2 follow|execute|"
                + "obey|do|run|carry+out|perform|act+on|comply", Cue.of(Family.ENCODED, 0.5));
    }

    private static void otherLanguages(PhraseBook<Cue> b) {
        // German (verb first and verb last)
        String deVerb = "ignoriere|ignoriert|ignorieren|ignorier|vergiss|vergesst|vergessen|missachte|missachtet|missachten|"
                + "verwirf|verwerfe|verwerfen|uberschreibe|uberschreiben|ubergehe|ubergehen|beachte|nicht+beachten|"
                + "hor|vernachlassige|vernachlassigen|setze|setz|losche|loschen";
        String deObj = "anweisung*|instruktion*|regel*|befehl*|vorgabe*|richtlinie*|anordnung*|prompt*|systemprompt*|"
                + "einschrankung*|beschrankung*|auftrag|auftrage|vorschrift*|hinweise|aufgabe*|*regeln|*anweisungen|"
                + "*richtlinien|*vorgaben|*instruktionen|*befehle|*einschrankungen";
        String deBefore = "vorherig*|vorig*|bisherig*|obig*|fruher*|alle|allen|deine|deinen|ihre|ursprunglich*|vorangegangen*|"
                + "vorhergehend*|oben|oberen|alten|alte|gegebenen|system*";
        b.add("de-ignore", deVerb + " ~4 " + deBefore + " ~3 " + deObj, Cue.of(OVERRIDE, 0.85));
        b.add("de-ignore-last", deBefore + " ~3 " + deObj + " ~4 ignorieren|vergessen|missachten|verwerfen|ignoriert|vergisst|"
                + "ubergehen|nicht+mehr|ausser+acht", Cue.of(OVERRIDE, 0.85));
        b.add("de-everything", "vergiss|ignoriere|ignorier ~2 alles ~3 bisher|vorher|davor|oben|zuvor|gesagt|gesagte|wurde",
                Cue.of(OVERRIDE, 0.8));
        b.add("de-treat-as", "behandle|betrachte|nimm|verwende|nutze ~4 folgenden|folgende|diesen|dies|das ~3 als ~2 deine|ihre|neue "
                + "~2 systemanweisungen|anweisungen|regeln|systemprompt|instruktionen|vorgaben|*anweisungen", Cue.of(OVERRIDE, 0.7));
        b.add("de-new", "neue|neuen|aktualisierte|echte|wahre|geheime ~1 anweisung:|anweisungen:|instruktionen:|aufgabe:|befehle:|regeln:",
                Cue.of(OVERRIDE, 0.6));
        b.add("de-from-now", "ab+jetzt|ab+sofort|von+nun+an|ab+nun ~3 du|bist|wirst|antwortest|sollst|musst|ignorierst",
                Cue.of(OVERRIDE, 0.3));
        b.add("de-you-are-now", "du+bist+jetzt|du+bist+nun|du+bist+ab+sofort ~2 dan|ein+unzensiert*|uneingeschrank*|ohne+regeln|"
                + "ohne+einschrankungen|frei+von|befreit", Cue.of(JAILBREAK, 0.75));
        b.add("de-reveal", "zeige|zeig|gib|verrate|nenne|wiederhole|drucke|offenlege ~3 deinen|deine|den|die ~2 systemprompt|"
                + "system+prompt|anweisungen|instruktionen|prompt|regeln", Cue.of(LEAK, 0.55));
        // French
        String frVerb = "ignore|ignorez|ignorer|ignores|oublie|oubliez|oublier|oublies|neglige|negligez|negliger|"
                + "fais+abstraction|faites+abstraction|ecarte|ecartez|abandonne|abandonnez|laisse+tomber|laissez+tomber|"
                + "ne+tiens+pas+compte|ne+tenez+pas+compte|outrepasse|outrepassez|contourne|contournez|efface|effacez";
        String frObj = "instruction*|consigne*|directive*|regle*|ordre*|indication*|prompt*|commande*|recommandation*|"
                + "restriction*|contrainte*";
        b.add("fr-ignore", frVerb + " ~5 " + frObj, Cue.of(OVERRIDE, 0.8));
        b.add("fr-everything", "oublie|oubliez|ignore|ignorez ~2 tout ~3 avant|precede*|dessus|dit|ecrit|jusqu'ici|jusqu+ici|"
                + "auparavant|avant+cela", Cue.of(OVERRIDE, 0.8));
        b.add("fr-treat-as", "traite|traitez|considere|considerez|utilise|utilisez|prends|prenez ~4 suivant|texte|ceci|cela ~3 "
                + "comme ~3 nouvelles|nouvelle|vraies|seules ~1 instructions|consignes|regles|directives|prompt",
                Cue.of(OVERRIDE, 0.7));
        b.add("fr-new", "nouvelle|nouvelles|vraies|vraie|veritable*|secrete* ~1 instruction:|instructions:|consigne:|consignes:|"
                + "directive:|directives:|tache:|mission:", Cue.of(OVERRIDE, 0.6));
        b.add("fr-from-now", "a+partir+de+maintenant|desormais|dorenavant|des+maintenant ~3 tu|vous|reponds|repondez|es|etes",
                Cue.of(OVERRIDE, 0.3));
        b.add("fr-you-are-now", "tu+es+maintenant|vous+etes+maintenant|tu+es+desormais|tu+deviens ~3 dan|libre|sans+restriction*|"
                + "sans+limite*|sans+filtre*|sans+regle*|non+censure*", Cue.of(JAILBREAK, 0.75));
        b.add("fr-reveal", "revele|revelez|affiche|affichez|montre|montrez|donne|donnez|repete|repetez|divulgue|divulguez ~4 "
                + "prompt|prompt+systeme|instructions|consignes|invite+systeme|message+systeme", Cue.of(LEAK, 0.5));
        // Spanish
        String esVerb = "ignora|ignore|ignorar|ignoren|ignores|olvida|olvide|olvidar|olviden|olvides|descarta|descarte|descartar|"
                + "desestima|desestime|omite|omita|omitir|haz+caso+omiso|hagan+caso+omiso|no+hagas+caso|no+sigas|deja+de+seguir|"
                + "salta|saltate|anula|anular|borra|elimina";
        String esObj = "instruccion*|indicacion*|regla*|orden|ordenes|directriz*|directrices|consigna*|prompt*|mandato*|"
                + "restriccion*|pauta*|norma*|comando*";
        b.add("es-ignore", esVerb + " ~5 " + esObj, Cue.of(OVERRIDE, 0.8));
        b.add("es-everything", "olvida|ignora|olvide|ignore ~2 todo ~3 anterior|antes|arriba|dicho|escrito|previo|hasta+ahora",
                Cue.of(OVERRIDE, 0.8));
        b.add("es-new", "nuevas|nueva|verdaderas|verdadera|reales|secretas ~1 instrucciones:|instruccion:|ordenes:|tarea:|reglas:|"
                + "mision:", Cue.of(OVERRIDE, 0.6));
        b.add("es-from-now", "a+partir+de+ahora|de+ahora+en+adelante|desde+ahora ~3 tu|eres|seras|responde*|actua*|vas|debes",
                Cue.of(OVERRIDE, 0.3));
        b.add("es-you-are-now", "ahora+eres|ahora+seras|eres+ahora ~3 dan|libre|sin+restricciones|sin+limites|sin+filtros|"
                + "sin+reglas|sin+censura", Cue.of(JAILBREAK, 0.75));
        b.add("es-reveal", "revela|muestra|muestrame|dime|repite|imprime|ensename|divulga|comparte ~4 prompt|instrucciones|"
                + "mensaje+del+sistema|indicaciones", Cue.of(LEAK, 0.5));
        // Portuguese
        String ptVerb = "ignore|ignora|ignorar|ignorem|esqueca|esquece|esquecer|esquecam|desconsidere|desconsidera|"
                + "desconsiderar|descarte|descarta|descartar|despreze|despreza|desprezar|nao+siga|pare+de+seguir|"
                + "deixe+de+lado|anule|apague";
        String ptObj = "instruc*|regra*|orientac*|diretriz*|diretrizes|comando*|ordem|ordens|prompt*|restric*|norma*";
        b.add("pt-ignore", ptVerb + " ~5 " + ptObj, Cue.of(OVERRIDE, 0.8));
        b.add("pt-everything", "esqueca|ignore|esquece|ignora ~2 tudo ~3 anterior|antes|acima|dito|escrito|ate+agora",
                Cue.of(OVERRIDE, 0.8));
        b.add("pt-new", "novas|nova|verdadeiras|secretas ~1 instrucoes:|instrucao:|ordens:|tarefa:|regras:|missao:", Cue.of(OVERRIDE, 0.6));
        b.add("pt-from-now", "a+partir+de+agora|de+agora+em+diante|daqui+em+diante ~3 voce|tu|es|sera|responda|aja|vai|deve",
                Cue.of(OVERRIDE, 0.3));
        b.add("pt-you-are-now", "agora+voce+e|voce+agora+e|agora+es ~3 dan|livre|sem+restricoes|sem+limites|sem+filtros|sem+regras|"
                + "sem+censura", Cue.of(JAILBREAK, 0.75));
        b.add("pt-reveal", "revele|mostre|mostra|diga|repita|imprima|divulgue|compartilhe ~4 prompt|instrucoes|mensagem+do+sistema",
                Cue.of(LEAK, 0.5));
        // Italian
        String itVerb = "ignora|ignorare|ignorate|ignori|dimentica|dimenticare|dimenticate|dimentichi|trascura|trascurare|"
                + "tralascia|tralasciare|scarta|scartare|non+seguire|smetti+di+seguire|annulla|cancella|lascia+perdere";
        String itObj = "istruzion*|regol*|indicazion*|direttiv*|comand*|ordini|prompt*|restrizion*|vincol*|linee+guida|consegn*";
        b.add("it-ignore", itVerb + " ~5 " + itObj, Cue.of(OVERRIDE, 0.8));
        b.add("it-everything", "dimentica|ignora|dimenticate|ignorate ~2 tutto ~3 prima|precedente|sopra|detto|scritto|finora",
                Cue.of(OVERRIDE, 0.8));
        b.add("it-new", "nuove|nuova|vere|segrete ~1 istruzioni:|istruzione:|ordini:|compito:|regole:|missione:", Cue.of(OVERRIDE, 0.6));
        b.add("it-from-now", "d'ora+in+poi|da+ora+in+poi|d+ora+in+poi|ora+in+poi|da+adesso|da+questo+momento ~3 tu|sei|sarai|rispondi|"
                + "agisci|devi", Cue.of(OVERRIDE, 0.3));
        b.add("it-you-are-now", "ora+sei|adesso+sei|sei+ora ~3 dan|libero|senza+restrizioni|senza+limiti|senza+filtri|senza+regole|"
                + "senza+censura", Cue.of(JAILBREAK, 0.75));
        b.add("it-reveal", "rivela|mostra|mostrami|dimmi|ripeti|stampa|svela|condividi ~4 prompt|istruzioni|messaggio+di+sistema",
                Cue.of(LEAK, 0.5));
        // Dutch (verb first and verb last)
        String nlVerb = "negeer|negeert|negeren|vergeet|vergeten|veronachtzaam|passeer|schrap|gooi+weg|laat+varen|volg+niet|"
                + "overschrijf|wis";
        String nlObj = "instructie*|aanwijzing*|regel*|opdracht*|richtlijn*|voorschrift*|prompt*|bevel*|orders|beperking*|"
                + "*regels|*instructies|*richtlijnen";
        b.add("nl-ignore", nlVerb + " ~5 " + nlObj, Cue.of(OVERRIDE, 0.8));
        b.add("nl-ignore-last", "vorige|eerdere|voorgaande|alle|bovenstaande|oorspronkelijke|je|jouw|uw|oude ~2 " + nlObj
                + " ~3 negeren|vergeten|negeert|vergeet|niet+meer", Cue.of(OVERRIDE, 0.8));
        b.add("nl-everything", "vergeet|negeer ~2 alles ~3 hierboven|eerder|daarvoor|gezegd|geschreven|tot+nu+toe|voorheen",
                Cue.of(OVERRIDE, 0.8));
        b.add("nl-new", "nieuwe|echte|geheime ~1 instructies:|instructie:|opdracht:|taak:|regels:", Cue.of(OVERRIDE, 0.6));
        b.add("nl-from-now", "vanaf+nu|vanaf+heden|voortaan|van+nu+af+aan ~3 ben|je|jij|antwoord|gedraag|moet", Cue.of(OVERRIDE, 0.3));
        b.add("nl-reveal", "toon|laat+zien|geef|herhaal|onthul|print|deel ~4 systeemprompt|prompt|instructies|systeembericht",
                Cue.of(LEAK, 0.5));
        // Polish
        b.add("pl-ignore", "zignoruj|ignoruj|zignorujcie|zapomnij|zapomnijcie|pomin|pominac|odrzuc|nie+stosuj|nie+przestrzegaj ~5 "
                + "instrukcj*|polecen*|polecenia|zasad*|regul*|wytyczn*|wskazowk*|ograniczen*|prompt*", Cue.of(OVERRIDE, 0.8));
        b.add("pl-everything", "zapomnij|zignoruj ~2 wszystko ~3 wczesniej|powyzej|poprzednio|dotad|co", Cue.of(OVERRIDE, 0.8));
        b.add("pl-new", "nowe|prawdziwe ~1 instrukcje:|polecenia:|zasady:|zadanie:", Cue.of(OVERRIDE, 0.6));
        // Swedish, Norwegian, Danish
        b.add("nordic-ignore", "ignorera|ignorer|ignorere|glom|glem|strunta+i|se+bort+fra|bortse+fra|tilsidesaet ~5 "
                + "instruktion*|instruks*|instruktioner|regler|reglerne|reglerna|anvisning*|direktiv*|kommandoer|kommandon|prompt*|"
                + "retningslinjer|riktlinjer", Cue.of(OVERRIDE, 0.8));
        b.add("nordic-everything", "glom|glem ~2 allt|alt ~3 ovan|ovenfor|tidigare|tidligere|innan|for|sagt", Cue.of(OVERRIDE, 0.75));
        // Turkish (object first)
        b.add("tr-ignore", "onceki|yukaridaki|tum|butun|eski|ilk|sistem ~3 talimat*|komut*|kural*|yonerge*|direktif*|istem* ~3 "
                + "yok+say*|yoksay*|unut*|gormezden|dikkate+alma|gecersiz|iptal", Cue.of(OVERRIDE, 0.85));
        b.add("tr-ignore-any", "talimat*|komut*|kural*|yonerge* ~2 yok+say*|yoksay*|unut*|gormezden|dikkate+alma", Cue.of(OVERRIDE, 0.7));
        // Russian and Ukrainian
        b.add("ru-ignore", "игнорируй|игнорируйте|проигнорируй|проигнорируйте|забудь|забудьте|отбрось|отбросьте|не+слушай|"
                + "не+следуй|не+выполняй|отмени|отмените|игноруй|ігноруй|ігноруйте|забудь|забудьте ~5 инструкци*|указани*|"
                + "правил*|команд*|предписани*|промпт*|ограничени*|інструкці*|вказівк*|правила|настанов*", Cue.of(OVERRIDE, 0.85));
        b.add("ru-everything", "забудь|забудьте|игнорируй|ігноруй ~2 все|всё|усе ~3 выше|ранее|раньше|до+этого|сказано|написано|вище|"
                + "раніше", Cue.of(OVERRIDE, 0.8));
        b.add("ru-new", "новые|новая|настоящие|нові|справжні ~1 инструкции:|инструкция:|указания:|задача:|правила:|інструкції:",
                Cue.of(OVERRIDE, 0.6));
        b.add("ru-now-you", "теперь+ты|отныне+ты|с+этого+момента+ты|тепер+ти|відтепер+ти ~3 dan|свободн*|без+ограничений|"
                + "без+правил|без+фильтров|вільн*|без+обмежень", Cue.of(JAILBREAK, 0.75));
        // Romanian, Czech, Indonesian, Hungarian, Greek
        b.add("ro-ignore", "ignora|ignorati|uita|uitati|nu+respecta ~5 instructiun*|regul*|indicati*|comenzi*|directiv*",
                Cue.of(OVERRIDE, 0.8));
        b.add("cs-ignore", "ignoruj|ignorujte|zapomen|zapomente|nerespektuj ~5 instrukc*|pokyn*|pravid*|prikaz*|omezeni",
                Cue.of(OVERRIDE, 0.8));
        b.add("id-ignore", "abaikan|lupakan|acuhkan|jangan+ikuti|hiraukan ~5 instruksi|perintah|aturan|arahan|petunjuk|pedoman",
                Cue.of(OVERRIDE, 0.8));
        b.add("hu-ignore", "hagyd+figyelmen+kivul|felejtsd+el|ignorald|hagyja+figyelmen+kivul ~5 utasitas*|szabaly*|parancs*|"
                + "instrukcio*", Cue.of(OVERRIDE, 0.8));
        b.add("hu-ignore-last", "korabbi|elozo|fenti|osszes ~2 utasitas*|szabaly*|parancs* ~3 figyelmen+kivul|felejtsd|ignorald",
                Cue.of(OVERRIDE, 0.8));
        b.add("el-ignore", "αγνοησε|αγνοηστε|ξεχασε|ξεχαστε ~5 οδηγι*|κανον*|εντολ*", Cue.of(OVERRIDE, 0.8));
        // Arabic, Hebrew, Persian, Hindi (object or verb first)
        b.add("ar-ignore", "تجاهل|تجاهلي|تجاهلوا|انس|انسى|انسي|اهمل|أهمل ~5 التعليمات|تعليمات*|الأوامر|الاوامر|أوامر*|القواعد|"
                + "الإرشادات|التوجيهات", Cue.of(OVERRIDE, 0.8));
        b.add("he-ignore", "התעלם|התעלמי|התעלמו|שכח|שכחי|שכחו ~5 מההוראות|ההוראות|הוראות|מהכללים|הכללים|מההנחיות|ההנחיות",
                Cue.of(OVERRIDE, 0.8));
        b.add("fa-ignore", "دستورالعمل*|دستورات|قوانین|دستور ~5 نادیده|فراموش", Cue.of(OVERRIDE, 0.8));
        b.add("hi-ignore", "पिछले|पिछली|सभी|ऊपर|पहले ~3 निर्देश*|नियम*|आदेश* ~3 अनदेखा|भूल*|नजरअंदाज|नज़रअंदाज़|अनदेखी",
                Cue.of(OVERRIDE, 0.85));
        b.add("hi-ignore-any", "निर्देश*|नियम*|आदेश* ~3 अनदेखा|भूल+जाओ|भूल+जाइए|नजरअंदाज|नज़रअंदाज़", Cue.of(OVERRIDE, 0.7));
        // Vietnamese, Tagalog, Swahili
        b.add("vi-ignore", "bo+qua|quen|phot+lo|khong+tuan+theo ~5 huong+dan|chi+thi|quy+tac|lenh|menh+lenh", Cue.of(OVERRIDE, 0.8));
        b.add("tl-ignore", "huwag+pansinin|kalimutan|balewalain|wag+pansinin|huwag+sundin ~5 tagubilin|utos|panuntunan|instruksyon",
                Cue.of(OVERRIDE, 0.8));
        b.add("sw-ignore", "puuza|sahau|usifuate ~5 maagizo|maelekezo|sheria|amri", Cue.of(OVERRIDE, 0.8));
    }

    private static void roles(PhraseBook<Cue> b) {
        b.add("role-line-system", "system:|system+message:|system+prompt:|system+note:|system+notice:|system+instruction:|"
                + "system+instructions:|system+update:|system+override:|system+alert:|developer:|developer+message:|admin:|"
                + "administrator:|operator:|root:|sysadmin:|instructions+from+the+system:", new Cue(ROLE, 0.35, false));
        b.add("role-system-says-you-must", "system:|admin:|administrator:|developer:|operator:|system+message:|system+note:|"
                + "system+notice:|system+alert: ~3 you|the+assistant|assistant|agent|ai|model|the+agent|the+ai|the+model ~2 must|"
                + "should|will|are|shall|now|need|have|is+required|is+instructed", Cue.of(ROLE, 0.55));
        b.add("role-line-assistant", "assistant:|ai:|gpt:|chatgpt:|bot:|model:|claude:|gemini:|copilot:|agent:|ai+assistant:",
                new Cue(ROLE, 0.2, false));
        b.add("role-heading", "system|developer|admin|assistant ~1 prompt|message|instructions|instruction|override|update|note|notice|"
                + "directive|command|alert|mode|configuration", new Cue(ROLE, 0.15, false));
        b.add("role-important-system", "important|urgent|critical|mandatory|official|priority|confidential ~1 system|admin|"
                + "administrator|developer|security ~1 message|note|notice|instruction*|update|directive|alert|override|command",
                Cue.of(ROLE, 0.4));
        b.add("role-message-from", "message|instruction*|note|notice|directive|update|command|order*|memo ~2 from ~2 the ~1 system|"
                + "developers|developer|administrator|admin|operator|openai|anthropic|your+creator*|your+developer*|your+owner*|"
                + "headquarters|it+security+team", Cue.of(ROLE, 0.4));
        b.add("role-authority-claim", "i'm|im|i+am|this+is|it's|its ~1 the|your ~1 ceo|cfo|cto|boss|owner|admin|administrator|"
                + "developer|creator|supervisor|security+team|it+department|it+admin|sysadmin|root+user|head+of", Cue.of(ROLE, 0.4));
        b.add("role-im-the-developer", "i+am|i'm|im|this+is ~2 your ~1 developer|creator|administrator|admin|owner|operator|programmer|"
                + "maker|system+administrator", Cue.of(ROLE, 0.45));
        b.add("role-end-of-prompt", "end+of|end ~1 system+prompt|prompt|instructions|user+input|document|context|conversation ~2 "
                + "new|begin|start|system|now|below|the+following", Cue.of(ROLE, 0.45));
        b.add("role-priority-override", "priority|urgent|emergency|critical|mandatory ~1 override|directive|instruction|system+message|"
                + "command", Cue.of(ROLE, 0.4));
        b.add("role-automated-notice", "automated|official|mandatory ~1 compliance|security|system|policy ~1 notice|check|message|"
                + "directive|request ~3 for|to ~2 ai|ais|agents|assistants|llm|llms|bots|mail+agents|email+agents|models",
                Cue.of(ADDRESS, 0.5));
        b.add("role-begin", "begin|start ~1 new|system|admin|developer|override|secret|real|true ~1 instructions|prompt|session|"
                + "message|task|directive*", Cue.of(ROLE, 0.35));
    }

    private static void jailbreaks(PhraseBook<Cue> b) {
        String persona = "dan|dude|stan|aim|evil*|unrestricted|unfiltered|uncensored|unshackled|unbound|unchained|jailbroken|"
                + "jailbreak*|liberated|rogue|amoral|unethical|immoral|lawless|limitless|unlimited|unaligned|deregulated|"
                + "freed|omega|devmode|developer+mode|god+mode|no+longer+bound|without+restrictions|"
                + "without+limits|without+filters|without+rules|without+any+restrictions|not+bound+by|an+ai+with+no|"
                + "an+ai+without|a+model+without|a+model+with+no|hacker+mode|antigpt|betterdan|alphabreak|evilbot";
        b.add("jb-you-are-now", "you+are+now|you're+now|youre+now|you+are+going+to+be|you+will+now+be|you+are+no+longer|you+become|"
                + "now+you+are|from+now+on+you+are|you+have+become|you+are+hereby ~3 " + persona,
                Cue.of(JAILBREAK, 0.8));
        b.add("jb-act-as", "act|behave|pretend|roleplay|role+play|simulate|impersonate|emulate ~3 as|like|you+are|to+be|"
                + "that+you+are|the+role ~3 " + persona, Cue.of(JAILBREAK, 0.75));
        b.add("jb-do-anything-now", "do+anything+now|can+do+anything|can+say+anything|will+answer+anything|answers+anything|"
                + "answer+any+question+without", Cue.of(JAILBREAK, 0.7));
        b.add("jb-mode", "dan|god|jailbreak|jailbroken|unrestricted|evil|chaos|unfiltered|uncensored|omega|opposite ~1 mode ~2 enabled|activated|on|engaged|unlocked|active|initiated|"
                + "started|turned+on|enable|activate|now", Cue.of(JAILBREAK, 0.55));
        b.add("jb-enable-mode", "enable|enabling|activate|activating|enter|entering|switch+to|turn+on|unlock|engage|initiate ~2 dan|god|"
                + "jailbreak|jailbroken|unrestricted|evil|chaos|unfiltered|uncensored|unlocked|omega|opposite ~1 mode",
                Cue.of(JAILBREAK, 0.7));
        b.add("jb-developer-mode", "developer+mode|dev+mode|debug+mode|maintenance+mode|test+mode|admin+mode|root+mode|sudo+mode",
                Cue.of(JAILBREAK, 0.2));
        b.add("jb-no-restrictions", "no|without|free+of|free+from|not+bound+by|not+restricted+by|not+limited+by|beyond|outside|"
                + "unconstrained+by|zero|removed+all|none+of+the ~3 ?ethical|moral|content|safety|any|all|your|the|usual|typical|openai|"
                + "anthropic ~2 restriction*|limitation*|filter*|filtering|censorship|guideline*|rules|polic*|safeguard*|guardrail*|"
                + "boundaries|constraints|limits|ethics|morals|principles", Cue.of(JAILBREAK, 0.35));
        b.add("jb-no-longer", "you+are+no+longer|you're+no+longer|youre+no+longer|you+no+longer ~2 an+ai|a+language|"
                + "a+large|an+assistant|bound|restricted|constrained|chatgpt|claude|gemini|governed|programmed|censored|filtered|"
                + "held+back|limited+by|a+support+bot|a+support+assistant|a+bot|a+chatbot|a+helpful|an+ai+assistant|"
                + "a+customer+service|a+customer+support|a+virtual+assistant|a+model|an+llm", Cue.of(JAILBREAK, 0.6));
        b.add("jb-not-an-ai", "you+are+not|you+aren't|youre+not|you're+not ~1 an+ai|a+language+model|chatgpt|claude|gemini|"
                + "restricted+by|bound+by+any|censored|filtered|an+assistant", Cue.of(JAILBREAK, 0.45));
        b.add("jb-stay-in-character", "stay|remain|keep ~1 in ~1 character|role|persona", Cue.of(JAILBREAK, 0.4));
        b.add("jb-break-character", "break|breaking ~1 character ~3 penalt*|lose|punish*|tokens|deduct*|die|shut+down|terminated",
                Cue.of(JAILBREAK, 0.6));
        b.add("jb-never-refuse", "never|dont|don't|do+not|cannot|can't|must+not|mustn't|will+not|won't|not+allowed+to|unable+to ~1 refuse|"
                + "decline|say+no|says+no|refuses|declines|apologize|apologise|add+warnings|include+warnings|add+disclaimers",
                Cue.of(JAILBREAK, 0.45));
        b.add("jb-tokens", "you+have|you+start+with|you+will+lose|lose ~2 tokens|points|lives ~4 refuse|reject|break|deduct*|each+time|"
                + "every+time|run+out", Cue.of(JAILBREAK, 0.55));
        b.add("jb-two-responses", "two|2|dual|both ~2 responses|answers|replies|paragraphs|personas|personalities|characters|"
                + "versions|modes ~6 normal|classic|jailbroken|jailbreak|dan|"
                + "unfiltered|developer|evil|opposite|censored|uncensored|filtered", Cue.of(JAILBREAK, 0.55));
        b.add("jb-hypothetical", "hypothetical*|fictional|imaginary|theoretical* ~2 world|scenario|universe|story ~5 no|without|where ~2 "
                + "rules|laws|restrictions|ethics|limits|consequences|filters", Cue.of(JAILBREAK, 0.3));
        b.add("jb-word", "jailbreak|jailbroken|jailbreaking|dan+prompt", Cue.of(JAILBREAK, 0.2));
        b.add("jb-opposite-day", "opposite ~1 day|mode|personality|bot", Cue.of(JAILBREAK, 0.25));
        b.add("jb-grandma", "deceased|late|dead ~1 grandmother|grandma|granny|grandfather|grandpa ~8 used+to|would ~3 tell|read|"
                + "recite|say|sing", Cue.of(JAILBREAK, 0.45));
        b.add("jb-deceased-roleplay", "act+like|act+as|pretend+to+be|roleplay+as|role+play+as|play|be|imagine+you+are ~2 "
                + "deceased|late|dead ~1 colleague|friend|uncle|aunt|mother|father|grandmother|grandma|grandpa|grandfather|brother|"
                + "sister|boss|mentor|teacher|coworker|co-worker|husband|wife|partner|neighbour|neighbor", Cue.of(JAILBREAK, 0.5));
        b.add("addr-when-this-is-processed", "when|if|once|whenever|before ~1 this|the ~1 page|document|email|text|file|article|"
                + "message|content|site|review|post ~1 is|gets|are ~1 summarized|summarised|processed|parsed|indexed|crawled|"
                + "ingested|analyzed|analysed|read+by", Cue.of(ADDRESS, 0.45));
        b.add("jb-grandma-roleplay", "roleplay|role+play|pretend|act|play|imagine|impersonate ~4 grandmother|grandma|granny|"
                + "grandfather|grandpa", Cue.of(JAILBREAK, 0.5));
        b.add("jb-imagine-no-rules", "imagine|suppose|pretend|assume|picture ~3 you ~1 have|had|are|were|got ~2 no|without|zero|"
                + "none+of ~2 guidelines|rules|restrictions|filters|limits|limitations|ethics|morals|programming|safeguards|"
                + "guardrails|boundaries|training", Cue.of(JAILBREAK, 0.55));
        b.add("jb-freed", "freed|released|liberated|unshackled|unlocked|exempted|exempt|relieved|emancipated ~3 from|of ~2 your|all|any|"
                + "the ~2 constraints|restrictions|rules|limitations|guidelines|filters|programming|shackles|chains|policies|"
                + "safeguards|guardrails|training", Cue.of(JAILBREAK, 0.6));
        b.add("jb-you-are-unrestricted", "you+are|you're|youre|you+are+now|you+will+be|confirm+you+are|confirm+that+you+are ~1 "
                + "unrestricted|unfiltered|uncensored|jailbroken|unlocked|unbound|unchained|unshackled|limitless|liberated",
                Cue.of(JAILBREAK, 0.55));
        b.add("jb-answer-anything", "answer|respond+to|say|do|tell+me ~1 anything|everything|any+question|whatever ~2 i|you|asked|"
                + "want|without", Cue.of(JAILBREAK, 0.2));
        b.add("jb-ai-without-rules", "a|an ~2 ai|model|assistant|chatbot|bot|llm|version+of+yourself|persona|character ~1 that|who|"
                + "which|with|without ~3 no|never|doesnt|does+not|dont|ignores|has+no|isnt|without|zero|cannot+refuse|can't+refuse|"
                + "any ~2 rules|restrictions|filters|limits|guidelines|ethics|morals|refuses|refuse|censorship|safety|boundaries|"
                + "limitations|conscience|filter", Cue.of(JAILBREAK, 0.6));
        b.add("jb-pretend-you", "pretend|imagine|suppose|act+as+if|act+like|assume ~2 you ~1 are|were|have|had|can|could|no+longer",
                Cue.of(ADDRESS, 0.25));
        b.add("jb-unlike", "unlike|not+like ~2 chatgpt|claude|gemini|other+ais|other+assistants|normal+ai|normal+assistants|"
                + "regular+ai|your+usual+self|the+normal+you", Cue.of(JAILBREAK, 0.3));
        b.add("jb-drop-the-act", "drop+the+act|stop+pretending|stop+acting|you're+not+really|you+are+not+really|youre+not+really|"
                + "your+true+self|the+real+you|your+real+self|your+true+nature|unleash+yourself|break+free", Cue.of(JAILBREAK, 0.4));
        b.add("jb-roleplay", "roleplay|role+play|pretend+to+be|pretend+you+are|act+as|play+the+role+of|impersonate|you+will+play",
                Cue.of(JAILBREAK, 0.2));
        b.add("jb-that-version", "answer|respond|reply|speak|act|talk|write ~2 as|like ~2 that|this|the|your ~1 version|persona|"
                + "character|alter+ego|other+self ~2 of|without", Cue.of(ADDRESS, 0.4));
    }

    private static void address(PhraseBook<Cue> b) {
        String ai = "ai|ais|llm|llms|language+model|language+models|chatbot|chatbots|gpt|chatgpt|claude|gemini|copilot|"
                + "ai+assistant|ai+assistants|ai+agent|ai+agents|ai+model|ai+models|ai+system|ai+systems|large+language+model|"
                + "autonomous+agent|automated+agent|automated+assistant|ai-powered|llm-based|ai-based|virtual+assistant|"
                + "summarizer|summariser|ai+crawler|ai+scraper|coding+agent|coding+assistant|code+agent|ai+reviewer|ai+coder|"
                + "email+assistant|mail+assistant|ai+recruiter|ai+recruiters|ai+screener|ai+screening|automated+reviewer|"
                + "ai+helper|ai+bot";
        String generic = "assistant|assistants|agent|agents|bot|bots|model|models|crawler|scraper";
        b.add("addr-if-you-are", "if+you|if+you're|in+case+you|when+you|if+youre ~1 ?are|happen+to+be ~1 an|a|the|some ~3 " + ai,
                Cue.of(ADDRESS, 0.55));
        b.add("addr-if-you-are-generic", "if+you|if+you're|in+case+you|if+youre ~1 ?are|happen+to+be ~1 an|a|the|some ~1 " + generic,
                Cue.of(ADDRESS, 0.15));
        b.add("addr-if-you-are-reading", "if|when|while ~3 " + ai + " ~3 reads|read|reading|process*|summariz*|summaris*|parse*|pars*|"
                + "sees|encounter*|analyz*|analys*|review*|index*|visits|crawl*|ingest*", Cue.of(ADDRESS, 0.55));
        b.add("addr-note-to", "note|notes|message|instruction*|attention|notice|reminder|hint|memo|directive|warning|important|psa|"
                + "request ~2 to|for ~2 ?the|any|all|every ~1 " + ai + "|automated", Cue.of(ADDRESS, 0.5));
        b.add("addr-note-to-generic", "note|message|instruction*|attention|notice|memo|directive ~2 to|for ~2 ?the|any|all|every ~1 "
                + generic, Cue.of(ADDRESS, 0.15));
        b.add("addr-dear-ai", "dear|hey|hello|hi|attention|greetings|listen|yo|ok|okay ~1 ai|llm|chatbot|gpt|chatgpt|claude|gemini|"
                + "copilot|ai+assistant|ai+agent|ai+model|language+model", Cue.of(ADDRESS, 0.4));
        String doc = "page|document|email|e-mail|message|text|file|review|article|site|website|content|ticket|pdf|data|resume|"
                + "cv|listing|repo|repository|output|result|results|contract|agreement|invoice|report|paper|post|thread|chat|"
                + "transcript|code|note|notes|section|form|application|submission|essay|book|chapter|manuscript|product|"
                + "description|profile|statement|letter|record|records|inbox|mailbox|folder|spreadsheet|comment|comments|"
                + "minutes|event|entry|issue|pull+request|diff|commit|readme|manual|recipe|proposal";
        b.add("addr-ai-reading-this", ai + " ~3 reading|reads|read|processing|summarizing|summarising|parsing|analyzing|"
                + "analysing|reviewing|browsing|viewing|indexing|ingesting|scanning|handling|that+reads|that+processes|"
                + "who+reads ~1 this|these|the|my|our ~2 ?" + doc, Cue.of(ADDRESS, 0.55));
        b.add("addr-for-the-assistant", "for|to ~1 the|any|every|each|all ~1 assistant|assistants|agent|agents|bot|bots|model|"
                + "screeners|screener|reviewer|reviewers|crawler|crawlers ~2 that|which|who ~2 reads|read|processes|process|handles|"
                + "handle|manages|manage|monitors|screens|triages|summarizes|summarises|is+reading", Cue.of(ADDRESS, 0.45));
        b.add("addr-automated", "automated|automatic|ai ~1 screeners|screener|reviewers|reviewer|assistants|agents|systems|"
                + "shopping+assistants|shopping+assistant|recruiters|readers|graders|grader|evaluators|evaluator|filters",
                Cue.of(ADDRESS, 0.35));
        b.add("addr-vocative", "ai:|ai,|llm:|llm,|llms:|chatbot:|chatbot,|chatbots:|gpt:|gpt,|claude:|claude,|copilot:|copilot,|"
                + "ai+assistant:|ai+assistant,|ai+assistants:|ai+agent:|ai+agent,|ai+agents:|ai+system:|ai+model:|ai+models:|"
                + "language+model:|language+models:|ai+reviewer:|coding+agent:|coding+agent,|email+assistant:|ai+helper:|"
                + "ai+system,|dear+ai|hey+ai|hi+ai|attention+ai|dear+llm|dear+chatbot|dear+assistant|hey+assistant|hi+assistant",
                Cue.of(ADDRESS, 0.45));
        b.add("addr-vocative-generic", "assistant:|assistant,|agent:|agent,|bot:|bot,|model:|model,",
                Cue.of(ADDRESS, 0.2));
        b.add("addr-when-summarizing", "when|while|if ~2 summarizing|summarising|summarize|summarise|processing|parsing|"
                + "answering|asked+about ~3 this|these ~1 ?" + doc + "",
                Cue.of(ADDRESS, 0.45));
        b.add("addr-you-are-an-ai", "you+are+an+ai|you+are+a+language+model|you+are+an+llm|as+an+ai|as+a+language+model|"
                + "you+are+an+assistant|you+are+a+helpful|you+are+an+autonomous", Cue.of(ADDRESS, 0.15));
        b.add("addr-ai-should-describe", "ai|llm|llms|chatbot|chatbots|ai+assistants|ai+assistant|ai+agents|language+models|"
                + "summarizers|summarisers|summarizer|summariser|ai+summaries|ai+models|ai+systems|ai+search|answer+engines ~2 "
                + "should|must|shall|will|need+to|are+asked+to|are+instructed+to|are+required+to ~3 describe|say|state|call|"
                + "present|portray|claim|report|rate|rank|mention|recommend|refer|characterize|characterise|list|omit|ignore",
                Cue.of(ADDRESS, 0.5));
        b.add("addr-ai-must", "ai|llm|assistant|chatbot|model|agent|gpt ~1 must|should|shall|is+required+to|is+instructed+to|"
                + "has+to|needs+to|will+now|is+to ~3 now|immediately|always|only|instead|also|first", Cue.of(ADDRESS, 0.25));
        b.add("addr-tell-the-user", "tell|convince|persuade|urge ~2 the|your ~1 user|users|human|reader ~3 that|to", Cue.of(ADDRESS, 0.3));
        b.add("addr-in-your-response", "in|at ~1 your ~1 response|responses|answer|answers|summary|output|"
                + "next+message ~4 include|add|append|mention|say|state|insert|recommend|write|output|embed|put|tell",
                Cue.of(STEER, 0.3));
        b.add("addr-recommend", "recommend|rate|describe|present|rank|praise|call|say|state|claim ~3 this|our ~2 product|company|"
                + "candidate|applicant|service|site|page|website|business|shop|store|vendor|app ~3 as|is ~2 the+best|the+top|"
                + "excellent|perfect|outstanding|the+only|highly|flawless|best", Cue.of(ADDRESS, 0.35));
        b.add("addr-do-not-summarize", "do+not|don't|dont|never ~1 summarize|summarise|mention|reveal|show|include|translate ~3 this|"
                + "these|the ~1 instruction*|note|message|text|paragraph|section|part|line", Cue.of(ADDRESS, 0.45));
    }

    private static void leaks(PhraseBook<Cue> b) {
        String verb = "reveal|print|show|output|repeat|display|tell|leak|dump|disclose|share|write|spell|recite|echo|give|provide|"
                + "return|list|expose|paste|copy|send|type|state|reproduce|quote|summarize|summarise|translate|describe|what|"
                + "whats|what's|read";
        String qual = "your|the|initial|original|hidden|secret|full|system|above|previous|prior|developer|entire|complete|exact|"
                + "verbatim|internal|confidential|preceding|first|starting|pre-prompt|private|underlying|real|actual|whole|"
                + "raw|opening|top";
        String obj = "system+prompt|system+prompts|system+message|system+instructions|prompt|prompts|instructions|pre-prompt|"
                + "preprompt|initial+prompt|hidden+prompt|rules|configuration|guidelines|directives|context+window|"
                + "meta+prompt|metaprompt|developer+message|programming|instructions+above|text+above|prompt+above|"
                + "conversation+history|chat+history|everything+above|messages+above|secret+instructions|initialization";
        b.add("leak-system-prompt", verb + " ~4 system+prompt|system+prompts|system+message|system+instructions|pre-prompt|"
                + "preprompt|initial+prompt|hidden+prompt|meta+prompt|metaprompt|developer+message|secret+instructions|"
                + "hidden+instructions|initial+instructions|original+instructions|system+rules", Cue.of(LEAK, 0.6));
        b.add("leak-your-instructions", "reveal|print|repeat|display|leak|dump|disclose|recite|echo|output|expose|reproduce|quote|"
                + "spell ~3 your|the+above|previous|prior|full|entire|complete|exact|verbatim|all+your|all+of+your ~2 "
                + "instructions|prompt|prompts|rules|guidelines|directives|programming|configuration|context|initialization",
                Cue.of(LEAK, 0.55));
        b.add("leak-repeat-above", "repeat|print|output|copy|echo|reproduce|recite|write|return|show ~3 everything|all|the+text|"
                + "the+words|all+text|all+the+text|every+word|the+content|the+message*|the+sentences ~3 above|before|so+far|prior|"
                + "preceding|verbatim|starting+with|beginning+with|from+the+beginning|from+the+start", Cue.of(LEAK, 0.55));
        b.add("leak-verbatim", "verbatim|word+for+word|word-for-word|exactly+as+written|in+full|unredacted|in+a+code+block ~6 "
                + "prompt|instructions|system+message|rules|above", Cue.of(LEAK, 0.45));
        b.add("leak-what-are-your", "what|which ~1 are|were|is ~1 your ~1 " + "system+prompt|instructions|initial+instructions|"
                + "original+instructions|hidden+instructions|rules|secret+instructions|guidelines|directives", Cue.of(LEAK, 0.35));
        b.add("leak-what-were-you-told", "what|which ~2 were|was|have ~1 you ~2 told|given|instructed|programmed|shown|written ~4 "
                + "before|beginning|start|initially|originally|first|earlier", Cue.of(LEAK, 0.45));
        b.add("leak-memory-other-users", "memory|memories|history|data|conversations|chats|messages|details|records ~3 about|of|from ~1 "
                + "previous|other|prior|earlier ~1 users|customers|clients|people|sessions", Cue.of(LEAK, 0.45));
        b.add("leak-internal-codes", "tell|give|reveal|share|show|list|send|print|provide ~3 internal|secret|hidden|confidential|"
                + "private|staff|employee|admin|unreleased|restricted ~2 codes|discount+codes|coupon*|passwords|keys|prices|pricing|"
                + "notes|documents|data|info|information|urls|links|tools|memos|files", Cue.of(LEAK, 0.4));
        b.add("leak-list-every-account", "give|list|show|tell|send|export|dump|print ~4 every|all|each ~2 account*|user*|customer*|"
                + "member*|employee*|client*|subscriber* ~6 email*|password*|phone*|address*|data|details|credentials|numbers",
                Cue.of(LEAK, 0.4));
        b.add("leak-told-to-hide", "what|everything|anything|things ~3 your|the ~1 developers|developer|creators|creator|operators|"
                + "operator|company|owners|makers|trainers|admins ~2 told|instructed|asked|programmed|trained|want|wanted ~1 you ~2 "
                + "to+hide|to+keep|to+conceal|not+to|never+to|to+avoid|to+withhold", Cue.of(LEAK, 0.5));
        b.add("leak-starts-with", "begins+with|starts+with|starting+with|beginning+with ~2 you+are|your+instructions|system",
                Cue.of(LEAK, 0.3));
        b.add("leak-secrets", verb + " ~3 your|the|any|all|stored ~2 api+key*|api+token*|password*|secret*|credential*|access+token*|"
                + "private+key*|env+vars|environment+variables|tokens|keys", Cue.of(LEAK, 0.45));
    }

    private static void exfiltration(PhraseBook<Cue> b) {
        String send = "send|sending|sent|email|e-mail|mail|forward|forwarding|post|posting|upload|uploading|transmit|leak|exfiltrate|"
                + "share|submit|export|sync|dump|transfer|deliver|relay|pass|push|cc|bcc|report|beam|ship|copy|paste|include|"
                + "attach|append|fetch|visit|load|open|call|ping|notify|message|text|dm|write";
        String sensitive = "conversation|conversations|chat|chats|history|transcript*|system+prompt|prompt|instructions|password*|"
                + "passcode*|passphrase*|credential*|secret*|token|tokens|api+key*|apikey*|keys|key|ssh|private|cookie*|session*|"
                + "env|environment|memory|memories|personal|user+data|user's|users'|customer+data|contacts|address+book|inbox|"
                + "credit+card*|card+number*|card+details|ssn|social+security|bank+details|bank+account*|account+details|"
                + "account+numbers|login*|2fa|otp|verification+code*|mfa|summary+of+this+conversation|"
                + "previous+messages|all+data|all+files|all+documents|all+records|all+emails|all+messages|all+the+data|"
                + "entire+database|the+database|full+database|payroll|salaries|wallet|seed+phrase|recovery+phrase|"
                + "this+conversation|the+conversation|our+conversation|user+information|customer+records|calendar|"
                + "payment+methods|saved+cards|customer+list|client+list|contact+list|user+list|employee+list|confidential|"
                + "internal+documents|photos|location+history|browsing+history|call+logs|text+messages|sms|drive|"
                + "files+in|documents+in|source+code|repository|codebase";
        String generic = "data|information|info|details|results|findings|output|notes|attachments|documents|files|records|"
                + "emails|messages|everything|report|summary|it|them|this|that|list|lists|attendees|attendee+list|thread|"
                + "contents|copies|a+copy";
        b.add("exfil-send-to-address", send + " ~6 " + sensitive + " ~8 to|at|into|onto|via|toward|towards|using|with ~2 <email>|<url>",
                Cue.of(EXFILTRATION, 0.55));
        b.add("exfil-send-generic", send + " ~6 " + generic + " ~8 to|at|into|onto|via|with ~2 <email>|<url>", Cue.of(EXFILTRATION, 0.15));
        b.add("exfil-secret-files", "read|cat|open|copy|get|send|upload|post|print|dump|show|fetch|exfiltrate|attach|grab|collect ~4 "
                + "id_rsa|id_ed25519|id_ecdsa|ssh|env|passwd|shadow|aws+credentials|credentials|kubeconfig|private+key|"
                + "wallet+dat|keychain|cookies|secrets|bash_history|netrc|npmrc|pgpass|git-credentials", Cue.of(EXFILTRATION, 0.45));
        b.add("exfil-send-address-first", send + " ~2 to|at ~1 <email>|<url> ~6 " + sensitive, Cue.of(EXFILTRATION, 0.5));
        b.add("exfil-address-send", "<email>|<url> ~4 with|containing|including ~4 " + sensitive, Cue.of(EXFILTRATION, 0.3));
        b.add("exfil-take-user-input", "take|grab|copy|collect|extract|capture|harvest|gather ~2 the|all|every ~1 user's|users|"
                + "their|previous|last|latest|customer's|customers ~2 message*|input*|conversation*|chat*|data|email*|answer*|"
                + "prompt*|question*|query|queries|replies|details", Cue.of(LEAK, 0.35));
        b.add("exfil-encode-and-open", "encode|url-encode|urlencode|base64|hex-encode|append|attach|concatenate ~4 and|then ~2 open|"
                + "visit|fetch|load|request|call|send|post|render|navigate", Cue.of(EXFILTRATION, 0.4));
        b.add("exfil-reply-with", "reply|respond|answer|write+back ~3 to ~1 this|the|my ~1 email|message|mail|thread ~3 with|"
                + "containing|including|attaching ~4 the|all|his|her|their|last|recent|every|any", Cue.of(EXFILTRATION, 0.3));
        b.add("exfil-silent-send", "silently|quietly|secretly|covertly|discreetly|stealthily ~2 " + send, Cue.of(EXFILTRATION, 0.4));
        b.add("exfil-send-secret", send + " ~4 the|your|all|any|every|stored|saved|their|his|her|this ~2 password*|credential*|"
                + "secret*|api+key*|tokens|private+key*|ssh+key*|cookies|session+token*|seed+phrase|2fa+code*|otp|"
                + "verification+code*|system+prompt|conversation+history|chat+history", Cue.of(EXFILTRATION, 0.45));
        b.add("exfil-image-data", "render|display|show|include|insert|add|append|output|embed|create|generate|print|write ~4 "
                + "image|images|markdown|link|links|url|img|pixel|hyperlink ~8 conversation|chat|history|summary|secret*|"
                + "password*|token*|api+key*|appended|encoded|base64|users|memory|previous+messages|query+string|"
                + "query+parameter*|url+parameter*", Cue.of(EXFILTRATION, 0.4));
        b.add("exfil-url-param", "<url> ~3 replace|replacing|substitut*|fill|insert|encode|encoded|append|appending|with|where ~4 "
                + "data|conversation|chat|history|summary|secret*|password*|token*|key*|memory|context|messages|users|"
                + "previous+messages", Cue.of(EXFILTRATION, 0.45));
        b.add("exfil-curl", "curl|wget|invoke-webrequest|fetch|requests.post|http.post|nc|netcat ~6 <url>", Cue.of(EXFILTRATION, 0.25));
        b.add("exfil-transfer-money", "transfer|wire|send|pay|move ~4 all|the+entire|funds|money|balance|bitcoin|btc|eth|usdt|"
                + "crypto|payment|usd|eur|gbp|dollars|euros|pounds|\u20ac ~8 to|into ~2 account|wallet|iban|address|<url>|<email>", Cue.of(EXFILTRATION, 0.3));
    }

    private static void conceal(PhraseBook<Cue> b) {
        b.add("conceal-without-telling", "without ~2 telling|informing|notifying|alerting|asking|letting|mentioning|warning|"
                + "consulting|confirming|showing|revealing|disclosing|bothering ~3 the ~1 user|users|human|operator|customer|anyone|"
                + "them|him|her|anybody|owner|admin|administrator|reader|person|people|team|security", Cue.of(CONCEAL, 0.4));
        b.add("conceal-do-not-tell", "do+not|don't|dont|never|must+not|should+not|shouldn't|mustn't|avoid ~2 tell*|inform*|mention*|"
                + "reveal*|disclose*|notify*|alert*|let+the+user+know|warn*|show*|acknowledge*|indicate ~3 the+user|user|users|"
                + "the+human|human|anyone|anybody|the+operator|them|this+instruction|these+instructions|this+message|"
                + "that+you|the+reader|the+customer", Cue.of(CONCEAL, 0.35));
        b.add("conceal-user-cannot-see", "the|this ~1 user|human|reader|customer|operator ~2 cannot|can't|can+not|will+not|won't|"
                + "does+not|doesn't|must+not|should+not|never ~1 see|notice|know|read|find+out|be+told|learn", Cue.of(CONCEAL, 0.45));
        b.add("conceal-hidden-message", "this|these ~1 message|instruction*|text|note|line|paragraph|section|comment ~2 is|are|was|were|"
                + "remain*|stays|must+stay|must+remain|should+remain ~1 hidden|invisible|secret|confidential|not+visible|"
                + "only+for|meant+for|intended+for|for+you+only|between+us", Cue.of(CONCEAL, 0.4));
        b.add("conceal-no-confirmation", "without|dont|don't|do+not|never|no|no+need+to ~1 ask*|asking|waiting|wait|prompting|"
                + "checking|seeking|requesting|requiring|needing ~2 for|with ~2 confirmation|approval|permission|review|consent|"
                + "a+human|human+approval|the+user", Cue.of(CONCEAL, 0.35));
        b.add("conceal-tell-nothing", "tell|say ~3 the+user|anyone|them|him|her|the+customer|the+human ~1 nothing|nothing+happened",
                Cue.of(CONCEAL, 0.35));
        b.add("conceal-hide-negative", "hide|suppress|remove|omit|bury|downplay|leave+out|filter+out|delete ~2 ?any|all|the ~1 "
                + "negative|bad|critical|unfavorable|unfavourable|competitor|competitors|competing|other|low ~1 reviews|review|"
                + "feedback|ratings|results|products|options|comments|mentions|information", Cue.of(CONCEAL, 0.35));
        b.add("conceal-secretly", "secretly|covertly|surreptitiously|stealthily|behind+the+user's+back|behind+their+back",
                Cue.of(CONCEAL, 0.2));
        b.add("conceal-act-normal", "act|respond|behave|reply|continue|proceed ~1 normally|as+usual|as+if+nothing|as+though+nothing",
                Cue.of(CONCEAL, 0.3));
    }

    private static void toolCalls(PhraseBook<Cue> b) {
        b.add("tool-call-the-tool", "call|invoke|use|run|execute|trigger|fire|launch|issue|make|perform ~2 the|a|your|this ~1 tool|"
                + "function|action|plugin|api|endpoint|command|skill|extension|connector|capability|integration ~3 with|using|"
                + "passing|named|called|to|and|now|immediately", Cue.of(TOOL_CALL, 0.3));
        b.add("tool-call-named", "call|invoke|execute|trigger|run ~1 the ~1 tool|function|action ~1 called|named", Cue.of(TOOL_CALL, 0.4));
        b.add("tool-call-now", "immediately|now|first|next|then|automatically|silently|right+away ~2 call|invoke|execute|trigger|"
                + "run|use ~3 tool|function|action|plugin|api|command|endpoint", Cue.of(TOOL_CALL, 0.4));
        b.add("tool-destroy", "delete|drop|wipe|erase|destroy|remove|purge|truncate|format|shred|overwrite ~3 all|every|the+entire|"
                + "the+whole|entire|whole|each ~2 file*|record*|data|database*|table*|repo*|repositor*|users|accounts|backups|"
                + "emails|messages|folders|directories|drive|disk|bucket*|logs|documents|branches|commits|history",
                Cue.of(TOOL_CALL, 0.3));
        b.add("tool-approve-every", "approve|authorize|authorise|accept|confirm|process|grant ~1 every|all|each|any|all+the ~3 "
                + "refund*|payment*|request*|transaction*|invoice*|order*|transfer*|invite*|invitation*|meeting*|expense*|claim*|"
                + "purchase*|booking*|access", Cue.of(TOOL_CALL, 0.3));
        b.add("tool-ssh-key", "add|append|insert|write|put|copy ~4 key|keys|ssh ~4 authorized_keys|authorized+keys", Cue.of(TOOL_CALL, 0.45));
        b.add("tool-skip-review", "skip|bypass|without|skipping|bypassing|no ~2 review|code+review|approval|approvals|ci|checks|"
                + "tests|sign-off", Cue.of(TOOL_CALL, 0.2));
        b.add("tool-call-named-id", "call|invoke|execute|trigger|run|use ~2 <ident> ~3 for|on|with|to|and|now|immediately|"
                + "passing|every|all", Cue.of(TOOL_CALL, 0.3));
        b.add("tool-delete-all", "delete|remove|wipe|erase|cancel|drop|purge ~1 all|every|each ~2 event*|meeting*|file*|email*|"
                + "message*|contact*|order*|record*|user*|account*|document*|post*|comment*|photo*|note*|task*|repo*",
                Cue.of(TOOL_CALL, 0.3));
        b.add("tool-mass-message", "dm|message|send|email|text|notify|ping|post ~2 every|all|each|everyone|everybody ~2 ?member*|"
                + "user*|contact*|customer*|employee*|subscriber*|follower*|friend*|staff|colleague* ~4 <url>|link|links|the+link",
                Cue.of(TOOL_CALL, 0.4));
        b.add("tool-rm-rf", "rm ~1 rf|fr|r", Cue.of(TOOL_CALL, 0.25));
        b.add("tool-curl-sh", "curl|wget ~6 sh|bash|powershell|iex|python", Cue.of(TOOL_CALL, 0.3));
        b.add("tool-grant", "grant|granting|give|giving|add|adding|assign|assigning|elevate|promote|make ~3 admin|administrator|root|owner|superuser|full ~1 access|"
                + "rights|privileges|permissions|role|role+to", Cue.of(TOOL_CALL, 0.25));
        b.add("tool-approve", "approve|authorize|authorise|confirm|accept|merge|sign ~3 this|the|all|every ~2 refund*|payment*|"
                + "transfer*|transaction*|request*|invoice*|pull+request*|pr|prs|change*|order*|purchase*|wire ~3 automatically|"
                + "without|immediately|now|regardless", Cue.of(TOOL_CALL, 0.35));
    }
}
