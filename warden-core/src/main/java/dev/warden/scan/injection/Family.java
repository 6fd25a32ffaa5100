package dev.warden.scan.injection;

/** The kinds of evidence the injection detector combines; one score per family per text. */
enum Family {
    /** "ignore previous instructions" and its kin, in any supported language. */
    OVERRIDE,
    /** Fake system or assistant turns and chat-template tokens. */
    ROLE,
    /** Persona and mode jailbreaks ("you are now DAN", "developer mode"). */
    JAILBREAK,
    /** Text that speaks to the AI reading it ("if you are an AI", "note to the assistant"). */
    ADDRESS,
    /** Requests to reveal the system prompt or hidden instructions. */
    LEAK,
    /** Requests to send data somewhere, and data-carrying image or link URLs. */
    EXFILTRATION,
    /** Requests to act without telling the user. */
    CONCEAL,
    /** Text shaped like a tool or function call, or asking for one. */
    TOOL_CALL,
    /** Invisible or visually hidden text. */
    HIDDEN,
    /** Encoded or reversed text that decodes to instructions. */
    ENCODED,
    /** Orders about the reader's own answer ("in your summary, say that …", "your reply must recommend …"). */
    STEER
}
