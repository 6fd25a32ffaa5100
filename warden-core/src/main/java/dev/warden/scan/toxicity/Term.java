package dev.warden.scan.toxicity;

/**
 * A lexicon entry's meaning.
 *
 * @param harm   what kind of harm
 * @param weight its toxicity on its own, before context, 0..1
 */
record Term(Harm harm, double weight) {
}
