/**
 * Text folding shared by the language detectors: one pass that normalises a text for matching
 * (NFKC, lower case, no diacritics, no invisible characters, collapsed white space) and splits it
 * into word tokens whose look-alike and leetspeak spellings are mapped back to letters, keeping a
 * map from every folded position to the original text so findings carry original spans.
 */
package dev.warden.scan.text;
