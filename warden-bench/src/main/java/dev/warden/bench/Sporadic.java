package dev.warden.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calls the way an agent makes them: one at a time, with the model's thinking in between. Each
 * call follows {@code gap} ms with nothing sent to any target, first {@code rounds} calls per target
 * on a keep-alive connection that sat idle through the gap, then {@code rounds} calls per target on
 * a connection opened for the call (connect included in the time), as an agent's HTTP client makes
 * once it has closed its idle connections. Prints, per kind of connection, the median and the
 * slowest call of every target and what the proxied targets add to the direct one.
 */
final class Sporadic {
    private Sporadic() {
    }

    /**
     * Runs {@code rounds} rounds per kind of connection.
     *
     * @param targets the direct target first, then the proxied ones
     * @param names   a name per target, for the table
     */
    static void run(List<McpSession> targets, List<String> names, int rounds, int gapMillis)
            throws InterruptedException {
        int n = targets.size();
        long[][] kept = new long[n][rounds];
        long[][] fresh = new long[n][rounds];
        List<RawHttpConnection> idle = new ArrayList<>();
        int failures = 0;
        // kind by kind and target by target, so a kept connection sits idle for exactly one gap
        // (Node closes keep-alive connections idle for 5 s)
        for (int kind = 0; kind < 2; kind++) {
            for (int i = 0; i < n; i++) {
                McpSession t = targets.get(i);
                if (kind == 0) {
                    idle.add(new RawHttpConnection(t.address()));
                    t.timedCall(idle.get(i)); // connected and used once before the first gap
                }
                for (int r = 0; r < rounds; r++) {
                    Thread.sleep(gapMillis);
                    long took;
                    if (kind == 0) {
                        took = t.timedCall(idle.get(i));
                        if (took < 0) { // a dropped keep-alive connection is replaced for the next round
                            idle.set(i, new RawHttpConnection(t.address()));
                            t.timedCall(idle.get(i));
                        }
                        kept[i][r] = took;
                    } else {
                        try (RawHttpConnection c = new RawHttpConnection(t.address())) {
                            took = t.timedCall(c);
                        }
                        fresh[i][r] = took;
                    }
                    failures += took < 0 ? 1 : 0;
                }
            }
        }
        idle.forEach(RawHttpConnection::close);
        System.out.printf(Locale.ROOT, "%n| one call after %d ms idle, %d rounds | via | direct p50 | direct max | via p50 | via max | added p50 | failed calls (all targets) |%n",
                gapMillis, rounds);
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int kind = 0; kind < 2; kind++) {
            long[][] all = kind == 0 ? kept : fresh;
            String label = kind == 0 ? "kept connection" : "new connection";
            for (int i = 1; i < n; i++) {
                long[] d = sorted(all[0]);
                long[] v = sorted(all[i]);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d |%n",
                        label, names.get(i), ms(median(d)), ms(d[d.length - 1]), ms(median(v)), ms(v[v.length - 1]),
                        ms(median(v) - median(d)), failures);
            }
        }
    }

    private static long[] sorted(long[] values) {
        long[] s = Arrays.stream(values).filter(v -> v >= 0).sorted().toArray();
        return s.length == 0 ? new long[] {0} : s;
    }

    private static long median(long[] sorted) {
        return sorted[(sorted.length - 1) / 2];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
