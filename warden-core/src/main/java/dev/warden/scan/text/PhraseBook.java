package dev.warden.scan.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many {@link PhraseRule}s, each with a value (what a match means), indexed by the first three
 * letters of their first words so a scan tries only the rules, and of each rule only the
 * alternatives of its first slot, that can start at each word.
 *
 * @param <V> what a match of a rule means to the caller
 */
public final class PhraseBook<V> {

    /** One match of a rule of the book. */
    public record Hit<V>(PhraseRule rule, V value, int first, int end) {
    }

    private record Entry<V>(PhraseRule rule, V value, int index) {
    }

    /**
     * A rule filed under one key, with the alternatives of its first slot that can match a word
     * starting with that key (plus any special one such as {@code <ident>}), ascending.
     */
    private record Start<V>(Entry<V> entry, int[] alternatives) {
    }

    private final Map<String, List<Start<V>>> byKey = new HashMap<>();
    private final List<Entry<V>> special = new ArrayList<>();
    private final Map<PhraseRule, Integer> ruleIndex = new HashMap<>(); // equal rules share their reach

    /** Adds a rule (see {@link PhraseRule#compile} for the pattern language). */
    public PhraseBook<V> add(String name, String pattern, V value) {
        PhraseRule rule = PhraseRule.compile(name, pattern);
        Entry<V> e = new Entry<>(rule, value, ruleIndex.computeIfAbsent(rule, r -> ruleIndex.size()));
        List<List<String>> alternatives = rule.slots().get(0).alternatives();
        Map<String, List<Integer>> keyed = new LinkedHashMap<>();
        List<Integer> specials = new ArrayList<>();
        for (int a = 0; a < alternatives.size(); a++) {
            String w = alternatives.get(a).get(0);
            if (w.startsWith("*")) {
                throw new IllegalArgumentException("a suffix cannot start rule " + name + ": " + w);
            }
            if (w.startsWith("<")) {
                special.add(e);
                specials.add(a);
                continue;
            }
            String stem = w.endsWith("*") ? w.substring(0, w.length() - 1) : w;
            if (w.endsWith("*") && stem.length() < 3) {
                throw new IllegalArgumentException("prefix too short in rule " + name + ": " + w);
            }
            keyed.computeIfAbsent(key(stem), k -> new ArrayList<>()).add(a);
        }
        keyed.forEach((key, alts) -> {
            List<Start<V>> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            if (list.stream().noneMatch(s -> s.entry().equals(e))) {
                List<Integer> all = new ArrayList<>(alts);
                all.addAll(specials);
                list.add(new Start<>(e, all.stream().sorted().mapToInt(Integer::intValue).toArray()));
            }
        });
        return this;
    }

    /** Every match of every rule, by start word; a rule's own matches do not overlap. */
    public List<Hit<V>> scan(List<Token> tokens) {
        List<Hit<V>> out = new ArrayList<>();
        int[] reach = new int[ruleIndex.size()]; // per rule: the token its last match ended at
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            // a word with one reading can only match the alternatives filed under its key
            boolean oneReading = t.alternative().equals(t.value());
            List<Start<V>> primary = byKey.getOrDefault(key(t.value()), List.of());
            for (Start<V> s : primary) {
                tryAt(s.entry(), oneReading ? s.alternatives() : null, tokens, i, reach, out);
            }
            if (!oneReading) {
                for (Start<V> s : byKey.getOrDefault(key(t.alternative()), List.of())) {
                    if (primary.stream().noneMatch(p -> p.entry().equals(s.entry()))) {
                        tryAt(s.entry(), null, tokens, i, reach, out);
                    }
                }
            }
            if (t.address()) {
                for (Entry<V> e : special) {
                    tryAt(e, null, tokens, i, reach, out);
                }
            }
        }
        return out;
    }

    private static <V> void tryAt(Entry<V> e, int[] alternatives, List<Token> tokens, int i, int[] reach, List<Hit<V>> out) {
        if (reach[e.index()] > i) {
            return;
        }
        PhraseRule.Match m = e.rule().matchAt(tokens, i, alternatives);
        if (m != null) {
            out.add(new Hit<>(e.rule(), e.value(), m.first(), m.end()));
            reach[e.index()] = m.end();
        }
    }

    private static String key(String word) {
        return word.length() <= 3 ? word : word.substring(0, 3);
    }
}
