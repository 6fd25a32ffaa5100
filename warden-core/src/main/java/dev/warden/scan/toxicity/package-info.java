/**
 * The toxicity detector: a lexicon scorer for abusive, hateful, threatening and harassing language
 * in customer-support text, aware of who the words are aimed at (second person scores higher,
 * quoted or reported abuse lower, negated lower) and of masked or disguised spellings.
 */
package dev.warden.scan.toxicity;
