package dev.warden.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.id.IdGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentDecisionsTest {
    private final IdGenerator ids = new IdGenerator(new Random(7));

    @Test
    void remembersWhatWasDecidedAndWhetherAnOutcomeWasRecorded() {
        RecentDecisions recent = new RecentDecisions(10);
        String allowed = ids.next("dec");
        String denied = ids.next("dec");
        recent.remember(allowed, "support-bot", "allow");
        recent.remember(denied, "billing-bot", "deny");

        assertThat(recent.find(allowed)).contains(new RecentDecisions.Known("support-bot", "allow", false));
        assertThat(recent.find(denied)).contains(new RecentDecisions.Known("billing-bot", "deny", false));
        recent.outcomeRecorded(allowed);
        assertThat(recent.find(allowed)).contains(new RecentDecisions.Known("support-bot", "allow", true));
        assertThat(recent.find(denied)).map(RecentDecisions.Known::hasOutcome).contains(false);
        assertThat(recent.find(ids.next("dec"))).isEmpty();
    }

    @Test
    void remembersTheToolOfADecision_whenGivenOne() {
        RecentDecisions recent = new RecentDecisions(10);
        String read = ids.next("dec");
        String refund = ids.next("dec");
        String none = ids.next("dec");
        recent.remember(read, "support-bot", "allow", "inventory.read");
        recent.remember(refund, "support-bot", "allow", "refund.process");
        recent.remember(none, "support-bot", "allow");

        assertThat(recent.find(read)).map(RecentDecisions.Known::action).contains("inventory.read");
        assertThat(recent.find(refund)).map(RecentDecisions.Known::action).contains("refund.process");
        assertThat(recent.find(none)).contains(new RecentDecisions.Known("support-bot", "allow", false, null));
        recent.remember(read, "support-bot", "allow"); // the slot is reused: the old tool must not linger
        assertThat(recent.find(read)).map(RecentDecisions.Known::action).isEmpty();
    }

    @Test
    void dropsTheOldestOnceFull() {
        RecentDecisions recent = new RecentDecisions(3);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(ids.next("dec"));
            recent.remember(made.get(i), "a" + i, "allow");
        }
        assertThat(recent.find(made.get(0))).isEmpty();
        assertThat(recent.find(made.get(1))).isEmpty();
        assertThat(made.subList(2, 5)).allSatisfy(id -> assertThat(recent.find(id)).isPresent());
        assertThat(recent.find(made.get(4))).map(RecentDecisions.Known::agent).contains("a4");
    }

    @Test
    void idsOfAnotherFormAreNeverFound() {
        RecentDecisions recent = new RecentDecisions(10);
        String id = ids.next("dec");
        recent.remember(id, "bot", "allow");
        recent.remember("apr_" + id.substring(4), "bot", "allow");
        recent.remember("dec_not-hex", "bot", "allow");

        assertThat(recent.find(id.toUpperCase(java.util.Locale.ROOT).replace("DEC_", "dec_"))).isEmpty();
        assertThat(recent.find("apr_" + id.substring(4))).isEmpty();
        assertThat(recent.find("dec_not-hex")).isEmpty();
        assertThat(recent.find("dec_" + "\uff10".repeat(32))).isEmpty(); // full-width digits are not hex here
        assertThat(recent.find(null)).isEmpty();
        recent.outcomeRecorded("dec_not-hex"); // no effect, no failure
        assertThat(recent.find(id)).isPresent();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new RecentDecisions(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Long random runs against a plain insertion-ordered map with the same capacity: keys that
     * collide in the open-addressing index (small capacities, ids sharing low bits) and removals
     * from the middle of probe runs must never lose or misplace an entry.
     */
    @Test
    void behavesLikeABoundedInsertionOrderedMap() {
        Random random = new Random(42);
        for (int capacity : new int[] {1, 2, 7, 64, 1000}) {
            RecentDecisions recent = new RecentDecisions(capacity);
            Map<String, RecentDecisions.Known> model = new LinkedHashMap<>();
            List<String> all = new ArrayList<>();
            for (int op = 0; op < 20_000; op++) {
                int what = random.nextInt(10);
                if (what < 5 || all.isEmpty()) {
                    // ids that differ only in a few bits collide in the index more often than random ones
                    String id = "dec_" + "0".repeat(28) + String.format("%04x", random.nextInt(capacity * 4 + 8));
                    String agent = "agent-" + random.nextInt(5);
                    String decision = random.nextBoolean() ? "allow" : "deny";
                    recent.remember(id, agent, decision);
                    if (!model.containsKey(id)) {
                        if (model.size() == capacity) {
                            model.remove(model.keySet().iterator().next());
                        }
                        all.add(id);
                    }
                    model.put(id, new RecentDecisions.Known(agent, decision, false));
                } else if (what < 7) {
                    String id = all.get(random.nextInt(all.size()));
                    recent.outcomeRecorded(id);
                    model.computeIfPresent(id, (k, v) -> new RecentDecisions.Known(v.agent(), v.decision(), true));
                } else {
                    String id = all.get(random.nextInt(all.size()));
                    assertThat(recent.find(id)).as("capacity %d, op %d, %s", capacity, op, id)
                            .isEqualTo(Optional.ofNullable(model.get(id)));
                }
            }
            for (String id : all) {
                assertThat(recent.find(id)).as("capacity %d, %s", capacity, id).isEqualTo(Optional.ofNullable(model.get(id)));
            }
        }
    }
}
