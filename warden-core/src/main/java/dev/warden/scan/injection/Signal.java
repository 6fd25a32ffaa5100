package dev.warden.scan.injection;

/**
 * One piece of evidence.
 *
 * @param family what kind of evidence
 * @param start  first original char of its span
 * @param end    one past the last original char
 * @param score  how strongly it indicates injection on its own, 0..1
 */
record Signal(Family family, int start, int end, double score) {
}
