package dev.warden.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
    private final IdGenerator ids = new IdGenerator(new SplittableRandom(7));

    @Test
    void randomIdsArePrefixedAnd128BitsOfHex() {
        assertThat(ids.next("apr")).matches("apr_[0-9a-f]{32}");
        assertThat(ids.next("apr")).isNotEqualTo(ids.next("apr"));
    }

    @Test
    void orderedIdsStartWithTheTimeInMillisecondsAndSortByIt() {
        Instant t = Instant.parse("2026-12-04T03:30:00.123Z");
        String id = ids.nextOrdered("dec", t);
        assertThat(id).matches("dec_[0-9a-f]{32}");
        assertThat(Long.parseLong(id.substring(4, 16), 16)).isEqualTo(t.toEpochMilli());

        String later = ids.nextOrdered("dec", t.plusMillis(1));
        String muchLater = ids.nextOrdered("dec", t.plusSeconds(86_400L * 365 * 30));
        assertThat(id).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void orderedIdsOfTheSameMillisecondDifferInTheirRandomPart() {
        Instant t = Instant.parse("2026-12-04T03:30:00Z");
        Set<String> seen = new HashSet<>();
        Set<String> tails = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = ids.nextOrdered("dec", t);
            seen.add(id);
            tails.add(id.substring(16));
            assertThat(id).startsWith("dec_" + String.format("%012x", t.toEpochMilli()));
        }
        assertThat(seen).hasSize(1_000);
        assertThat(tails).hasSize(1_000);
    }

    @Test
    void timesBeforeTheEpochCountAsTheEpoch() {
        assertThat(ids.nextOrdered("dec", Instant.parse("1969-12-31T23:59:59Z"))).startsWith("dec_000000000000");
    }
}
