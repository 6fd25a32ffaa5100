package dev.warden.scan.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many {@link PhraseRule}s, each with a value (what a match means), indexed by the first three
 * letters of their first words so a scan tries only the rules that can start at each word.
 *
 * @param <V> what a match of a rule means to the caller
 */
public final class PhraseBook<V> {

    /** One match of a rule of the book. */
    public record Hit<V>(PhraseRule rule, V value, int first, int end) {
    }

    private record Entry<V>(PhraseRule rule, V value) {
    }

    private final Map<String, List<Entry<V>>> byKey = new HashMap<>();
    private final List<Entry<V>> special = new ArrayList<>();

    /** Adds a rule (see {@link PhraseRule#compile} for the pattern language). */
    public PhraseBook<V> add(String name, String pattern, V value) {
        PhraseRule rule = PhraseRule.compile(name, pattern);
        Entry<V> e = new Entry<>(rule, value);
        for (List<String> alt : rule.slots().get(0).alternatives()) {
            String w = alt.get(0);
            if (w.startsWith("*")) {
                throw new IllegalArgumentException("a suffix cannot start rule " + name + ": " + w);
            }
            if (w.startsWith("<")) {
                special.add(e);
                continue;
            }
            String stem = w.endsWith("*") ? w.substring(0, w.length() - 1) : w;
            if (w.endsWith("*") && stem.length() < 3) {
                throw new IllegalArgumentException("prefix too short in rule " + name + ": " + w);
            }
            List<Entry<V>> list = byKey.computeIfAbsent(key(stem), k -> new ArrayList<>());
            if (!list.contains(e)) {
                list.add(e);
            }
        }
        return this;
    }

    /** Every match of every rule, by start word; a rule's own matches do not overlap. */
    public List<Hit<V>> scan(List<Token> tokens) {
        List<Hit<V>> out = new ArrayList<>();
        Map<PhraseRule, Integer> reach = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            List<Entry<V>> candidates = new ArrayList<>(byKey.getOrDefault(key(t.value()), List.of()));
            if (!t.alternative().equals(t.value())) {
                for (Entry<V> e : byKey.getOrDefault(key(t.alternative()), List.of())) {
                    if (!candidates.contains(e)) {
                        candidates.add(e);
                    }
                }
            }
            if (t.address()) {
                candidates.addAll(special);
            }
            for (Entry<V> e : candidates) {
                if (reach.getOrDefault(e.rule(), 0) > i) {
                    continue;
                }
                PhraseRule.Match m = e.rule().matchAt(tokens, i);
                if (m != null) {
                    out.add(new Hit<>(e.rule(), e.value(), m.first(), m.end()));
                    reach.put(e.rule(), m.end());
                }
            }
        }
        return out;
    }

    private static String key(String word) {
        return word.length() <= 3 ? word : word.substring(0, 3);
    }
}
