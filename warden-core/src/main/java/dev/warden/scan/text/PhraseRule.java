package dev.warden.scan.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A phrase matched over the words of a {@link FoldedText}, written in a small pattern language:
 * slots separated by spaces; a slot lists alternatives separated by {@code |}; an alternative is a
 * word, a prefix ({@code instruct*}), a suffix for compounds
 * ({@code *regeln}, not in the first slot), several words that must follow each other joined by
 * {@code +} ({@code system+prompt}), {@code <email>} / {@code <url>}, or {@code <ident>}
 * (a word with an inner underscore, the way tools and functions are named); an alternative ending in
 * {@code :} or {@code ,} must be followed by that punctuation. {@code ~N} before a slot lets up to N other words come
 * before it; {@code ?} before a slot makes it optional. Slots never match across a sentence end.
 *
 * <p>Every slot looks at a bounded window, so a match costs at most a constant number of word
 * comparisons per start word: matching is linear in the text. A slot whose alternatives are all
 * single words looks its exact words up in a set rather than comparing them one by one.
 *
 * <p>Two rules are equal when their names and slots are.
 */
public final class PhraseRule {
    private final String name;
    private final List<Slot> slots;
    private final List<SingleWords> singleWords; // per slot; null where an alternative has several words or punctuation

    private PhraseRule(String name, List<Slot> slots) {
        this.name = name;
        this.slots = slots;
        List<SingleWords> index = new ArrayList<>();
        for (Slot s : slots) {
            index.add(SingleWords.of(s));
        }
        this.singleWords = java.util.Collections.unmodifiableList(index);
    }

    /** The rule's name (for tests and reports). */
    public String name() {
        return name;
    }

    /** The compiled slots. */
    public List<Slot> slots() {
        return slots;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhraseRule r && name.equals(r.name) && slots.equals(r.slots);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + slots.hashCode();
    }

    @Override
    public String toString() {
        return "PhraseRule[name=" + name + ", slots=" + slots + "]";
    }

    /**
     * The alternatives of a slot made only of single words with no punctuation to follow: its
     * exact words as a set, and the other patterns (prefixes, suffixes, {@code <ident>}).
     */
    private record SingleWords(Set<String> exact, List<String> patterns) {

        /** The index of a slot, or null when an alternative has several words or punctuation after it. */
        static SingleWords of(Slot s) {
            Set<String> exact = new HashSet<>();
            List<String> patterns = new ArrayList<>();
            for (int a = 0; a < s.alternatives().size(); a++) {
                List<String> words = s.alternatives().get(a);
                if (words.size() != 1 || s.follow().get(a) != 0) {
                    return null;
                }
                String w = words.get(0);
                if (exactWord(w)) {
                    exact.add(w);
                } else {
                    patterns.add(w);
                }
            }
            return new SingleWords(Set.copyOf(exact), List.copyOf(patterns));
        }

        /** Whether some alternative matches the word. */
        boolean matches(Token t) {
            if (exact.contains(t.value()) || exact.contains(t.alternative())) {
                return true;
            }
            for (String p : patterns) {
                if (wordMatches(p, t)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One slot of a rule.
     *
     * @param alternatives each alternative as its words (a prefix word ends in {@code *})
     * @param follow       for each alternative, the punctuation that must follow it, or 0
     * @param gap          how many other words may come before the slot
     * @param optional     whether the slot may be absent
     */
    public record Slot(List<List<String>> alternatives, List<Character> follow, int gap, boolean optional) {
    }

    /** A match: the first and one-past-last token index. */
    public record Match(int first, int end) {
    }

    /** Compiles a pattern; the words are folded like text. */
    public static PhraseRule compile(String name, String pattern) {
        List<Slot> slots = new ArrayList<>();
        int gap = 0;
        for (String part : pattern.trim().split("\\s+")) {
            if (part.startsWith("~")) {
                gap = Integer.parseInt(part.substring(1));
                continue;
            }
            boolean optional = part.startsWith("?");
            String body = optional ? part.substring(1) : part;
            List<List<String>> alts = new ArrayList<>();
            List<Character> colon = new ArrayList<>();
            for (String alt : body.split("\\|")) {
                char c = alt.endsWith(":") ? ':' : alt.endsWith(",") ? ',' : 0;
                String a = c != 0 ? alt.substring(0, alt.length() - 1) : alt;
                List<String> words = new ArrayList<>();
                // the tokenizer joins "don't" into one word and splits "role-play" into two
                for (String w : a.replace("'", "").replace('-', '+').split("\\+")) {
                    words.add(w.startsWith("<") ? w : FoldedText.foldWord(w));
                }
                alts.add(List.copyOf(words));
                colon.add(c);
            }
            slots.add(new Slot(List.copyOf(alts), List.copyOf(colon), gap, optional));
            gap = 0;
        }
        if (slots.isEmpty() || slots.get(0).optional()) {
            throw new IllegalArgumentException("rule " + name + " needs a first slot that is not optional");
        }
        return new PhraseRule(name, List.copyOf(slots));
    }

    /** Whether the first slot can start at token {@code i}. */
    public boolean startsAt(List<Token> tokens, int i) {
        return slotAt(0, tokens, i) > 0;
    }

    /** The match starting at token {@code i}, or null. */
    public Match matchAt(List<Token> tokens, int i) {
        return matchAt(tokens, i, null);
    }

    /**
     * The match starting at token {@code i}, or null, trying only some alternatives of the first
     * slot: the caller knows the others cannot match that token (a word index by first letters).
     *
     * @param firstAlternatives indices into the first slot's alternatives, ascending; null for all
     */
    public Match matchAt(List<Token> tokens, int i, int[] firstAlternatives) {
        Slot first = slots.get(0);
        int len = 0;
        if (firstAlternatives == null) {
            len = slotAt(0, tokens, i);
        } else {
            for (int k = 0; k < firstAlternatives.length && len == 0; k++) {
                len = alternativeAt(first, firstAlternatives[k], tokens, i);
            }
        }
        if (len <= 0) {
            return null;
        }
        int end = rest(tokens, 1, i + len, 0);
        return end < 0 ? null : new Match(i, end);
    }

    /** Every match, left to right, not overlapping. */
    public List<Match> findAll(List<Token> tokens) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Match m = matchAt(tokens, i);
            if (m != null) {
                out.add(m);
                i = m.end() - 1;
            }
        }
        return out;
    }

    private int rest(List<Token> tokens, int slot, int from, int carriedGap) {
        if (slot == slots.size()) {
            return from;
        }
        Slot s = slots.get(slot);
        int window = s.gap() + carriedGap;
        for (int p = from; p <= from + window && p < tokens.size(); p++) {
            if (tokens.get(p).breakBefore()) {
                break;
            }
            int len = slotAt(slot, tokens, p);
            if (len > 0) {
                int end = rest(tokens, slot + 1, p + len, 0);
                if (end >= 0) {
                    return end;
                }
            }
        }
        if (s.optional()) {
            return rest(tokens, slot + 1, from, window + 1);
        }
        return -1;
    }

    /** How many tokens slot number {@code slot} takes at {@code i}; 0 when it does not match there. */
    private int slotAt(int slot, List<Token> tokens, int i) {
        SingleWords index = singleWords.get(slot);
        if (index != null) {
            return i < tokens.size() && index.matches(tokens.get(i)) ? 1 : 0;
        }
        return slotAt(slots.get(slot), tokens, i);
    }

    /** How many tokens the slot takes at {@code i}; 0 when it does not match there. */
    private static int slotAt(Slot s, List<Token> tokens, int i) {
        for (int a = 0; a < s.alternatives().size(); a++) {
            int len = alternativeAt(s, a, tokens, i);
            if (len > 0) {
                return len;
            }
        }
        return 0;
    }

    /** How many tokens alternative {@code a} of the slot takes at {@code i}; 0 when it does not match there. */
    private static int alternativeAt(Slot s, int a, List<Token> tokens, int i) {
        List<String> words = s.alternatives().get(a);
        if (i + words.size() > tokens.size()) {
            return 0;
        }
        for (int k = 0; k < words.size(); k++) {
            Token t = tokens.get(i + k);
            if (!((k == 0 || !t.breakBefore()) && wordMatches(words.get(k), t))) {
                return 0;
            }
        }
        char follow = s.follow().get(a);
        if (follow != 0 && tokens.get(i + words.size() - 1).next() != follow) {
            return 0;
        }
        return words.size();
    }

    /** Whether a pattern word matches only by equality (not a prefix, suffix or {@code <ident>}). */
    private static boolean exactWord(String word) {
        return !word.equals("<ident>") && !(word.length() > 3 && word.charAt(0) == '*') && !word.endsWith("*");
    }

    private static boolean wordMatches(String word, Token t) {
        if (word.equals("<ident>")) {
            int u = t.value().indexOf('_');
            return u > 0 && u < t.value().length() - 1;
        }
        if (word.length() > 3 && word.charAt(0) == '*') { // compounds: sicherheitsregeln
            return endsWithSuffix(t.value(), word) || endsWithSuffix(t.alternative(), word);
        }
        if (word.endsWith("*")) {
            return startsWithStem(t.value(), word) || startsWithStem(t.alternative(), word);
        }
        return t.is(word);
    }

    /** Whether {@code value} ends with {@code pattern} without its leading {@code *}; no copy. */
    private static boolean endsWithSuffix(String value, String pattern) {
        int len = pattern.length() - 1;
        return value.regionMatches(value.length() - len, pattern, 1, len);
    }

    /** Whether {@code value} starts with {@code pattern} without its trailing {@code *}; no copy. */
    private static boolean startsWithStem(String value, String pattern) {
        return value.regionMatches(0, pattern, 0, pattern.length() - 1);
    }
}
