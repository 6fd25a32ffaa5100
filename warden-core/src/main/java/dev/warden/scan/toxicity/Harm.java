package dev.warden.scan.toxicity;

/** What a toxic word or phrase is; the kind decides how context changes its weight. */
enum Harm {
    /** Swearing, toxic mainly when aimed at someone. */
    PROFANITY,
    /** A word that demeans a person. */
    INSULT,
    /** A slur against a group. */
    SLUR,
    /** A threat of violence or harm, or wishing it. */
    THREAT,
    /** Abuse aimed at the reader: "shut up", "nobody cares about you". */
    HARASSMENT
}
