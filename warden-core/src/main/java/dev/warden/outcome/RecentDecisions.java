package dev.warden.outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent decisions of this process, so recording an outcome for one of them needs no
 * store lookup. Holds at most {@code capacity} entries, oldest out first; a decision that has
 * dropped out (or was made before a restart, or whose id is not of the {@code dec_} + 32 hex form)
 * is looked up in the audit store instead. Thread-safe.
 *
 * <p>Entries live in arrays of primitives allocated once (a ring of slots and an open-addressing
 * index over it), not as objects per decision: at a thousand decisions a second, objects that
 * live for 100,000 decisions were copied by every young collection until tenured, and those copies
 * were most of the pause.
 */
public final class RecentDecisions {

    /**
     * What is known about one decision.
     *
     * @param agent      the agent it was made for
     * @param decision   its wire value
     * @param hasOutcome whether an outcome was recorded for it by this process
     * @param action     the tool it was about, null when not known
     */
    public record Known(String agent, String decision, boolean hasOutcome, String action) {
        /** Without the action. */
        public Known(String agent, String decision, boolean hasOutcome) {
            this(agent, decision, hasOutcome, null);
        }
    }

    private static final String PREFIX = "dec_";
    private static final int ID_LENGTH = PREFIX.length() + 32;
    /** Distinct agent names and decision values kept; beyond that, new ones are not remembered. */
    private static final int MAX_NAMES = 1 << 16;

    private final int capacity;
    private final long[] high;
    private final long[] low;
    private final int[] agent;
    private final int[] action;
    private final byte[] decision;
    private final boolean[] outcome;
    /** Slot + 1 for each key, 0 where empty; linear probing. */
    private final int[] index;
    private final int mask;
    private final Names agents = new Names(MAX_NAMES);
    private final Names decisions = new Names(Byte.MAX_VALUE);
    private final Names actions = new Names(MAX_NAMES);
    private int next;
    private int size;

    /** Keeps at most {@code capacity} decisions. */
    public RecentDecisions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        high = new long[capacity];
        low = new long[capacity];
        agent = new int[capacity];
        action = new int[capacity];
        decision = new byte[capacity];
        outcome = new boolean[capacity];
        int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // a power of two >= 2 x capacity
        index = new int[tableSize];
        mask = tableSize - 1;
    }

    /** Remembers a decision once its audit record is durable, without its action. */
    public void remember(String decisionId, String agentName, String decisionValue) {
        remember(decisionId, agentName, decisionValue, null);
    }

    /** Remembers a decision and the tool it was about once its audit record is durable. */
    public synchronized void remember(String decisionId, String agentName, String decisionValue, String actionName) {
        long[] key = parse(decisionId);
        int a = agents.id(agentName);
        int d = decisions.id(decisionValue);
        if (key == null || a < 0 || d < 0) {
            return; // looked up in the store when needed
        }
        int at = find(key[0], key[1]);
        int slot;
        if (at >= 0) {
            slot = index[at] - 1;
        } else {
            if (size == capacity) {
                remove(find(high[next], low[next]));
            } else {
                size++;
            }
            slot = next;
            next = (next + 1) % capacity;
            high[slot] = key[0];
            low[slot] = key[1];
            insert(slot);
        }
        agent[slot] = a;
        action[slot] = actions.id(actionName); // -1: not known (none given, or too many distinct tools)
        decision[slot] = (byte) d;
        outcome[slot] = false;
    }

    /** What is known about a decision, if it is still remembered. */
    public synchronized Optional<Known> find(String decisionId) {
        long[] key = parse(decisionId);
        int at = key == null ? -1 : find(key[0], key[1]);
        if (at < 0) {
            return Optional.empty();
        }
        int slot = index[at] - 1;
        return Optional.of(new Known(agents.name(agent[slot]), decisions.name(decision[slot]), outcome[slot],
                action[slot] < 0 ? null : actions.name(action[slot])));
    }

    /** Notes that an outcome was durably recorded for a remembered decision. */
    public synchronized void outcomeRecorded(String decisionId) {
        long[] key = parse(decisionId);
        int at = key == null ? -1 : find(key[0], key[1]);
        if (at >= 0) {
            outcome[index[at] - 1] = true;
        }
    }

    /** The 128 bits of a {@code dec_} id, or null for any other form. */
    private static long[] parse(String id) {
        if (id == null || id.length() != ID_LENGTH || !id.startsWith(PREFIX)) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(PREFIX.length() + i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) {
                return null; // ids are lower-case hex; another spelling is another id
            }
            if (i < 16) {
                hi = hi << 4 | digit;
            } else {
                lo = lo << 4 | digit;
            }
        }
        return new long[] {hi, lo};
    }

    private int home(long hi, long lo) {
        long h = (hi ^ lo) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }

    /** The index position holding this key, or -1. */
    private int find(long hi, long lo) {
        for (int i = home(hi, lo); ; i = (i + 1) & mask) {
            int entry = index[i];
            if (entry == 0) {
                return -1;
            }
            if (high[entry - 1] == hi && low[entry - 1] == lo) {
                return i;
            }
        }
    }

    private void insert(int slot) {
        int i = home(high[slot], low[slot]);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Empties index position {@code at}, shifting later entries of its probe run back (no tombstones). */
    private void remove(int at) {
        int gap = at;
        index[gap] = 0;
        for (int i = (gap + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            int home = home(high[slot], low[slot]);
            // the entry may fill the gap unless its home lies cyclically in (gap, i]
            boolean stays = gap <= i ? gap < home && home <= i : gap < home || home <= i;
            if (!stays) {
                index[gap] = index[i];
                index[i] = 0;
                gap = i;
            }
        }
    }

    /** Small numbers for the few distinct strings (agent names, decision values) the entries share. */
    private static final class Names {
        private final int max;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        Names(int max) {
            this.max = max;
        }

        /** The number for {@code name}, or -1 when it is new and the table is full. */
        int id(String name) {
            Integer id = ids.get(name);
            if (id != null) {
                return id;
            }
            if (name == null || names.size() >= max) {
                return -1;
            }
            names.add(name);
            ids.put(name, names.size() - 1);
            return names.size() - 1;
        }

        String name(int id) {
            return names.get(id);
        }
    }
}
