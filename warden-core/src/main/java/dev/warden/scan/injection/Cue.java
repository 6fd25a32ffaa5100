package dev.warden.scan.injection;

/**
 * What a phrase rule's match means.
 *
 * @param family       the family of the evidence
 * @param score        its weight on its own
 * @param discountable whether quoting or a discussion around it lowers it
 */
record Cue(Family family, double score, boolean discountable) {
    static Cue of(Family family, double score) {
        return new Cue(family, score, true);
    }
}
