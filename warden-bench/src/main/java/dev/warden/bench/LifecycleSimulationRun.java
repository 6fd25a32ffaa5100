package dev.warden.bench;

import dev.warden.simulation.lifecycle.LifecycleConfig;
import dev.warden.simulation.lifecycle.LifecycleRun;
import dev.warden.simulation.lifecycle.LifecycleSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The maturity lifecycle simulation of docs/maturity.md: one support agent against a Warden
 * server started in this JVM (SQLite in a temporary directory, a simulated clock), driven through
 * the HTTP API for {@code --months} simulated months, through the levels, a rogue episode and its
 * demotion, and back; prints the timeline as markdown, and as JSON to {@code --json FILE}.
 *
 * <pre>
 * java -cp warden-bench/target/benchmarks.jar dev.warden.bench.LifecycleSimulationRun \
 *      [--seed 7] [--months 6] [--json FILE] [--scaled DAYS]
 * </pre>
 *
 * {@code --scaled DAYS} runs the short version the tests use (gate thresholds of days, not weeks).
 */
public final class LifecycleSimulationRun {
    private LifecycleSimulationRun() {
    }

    /** Runs the simulation and prints its timeline. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--seed", String.valueOf(LifecycleConfig.DEFAULT_SEED), "--months", "6",
                "--json", "", "--scaled", "0"));
        for (int i = 0; i < args.length; i++) {
            if (!o.containsKey(args[i]) || i + 1 >= args.length) {
                fail("unknown option or missing value: " + args[i] + "\noptions: " + String.join(" ", o.keySet().stream().sorted().toList()));
            }
            o.put(args[i], args[++i]);
        }
        LifecycleConfig config;
        try {
            long seed = Long.parseLong(o.get("--seed"));
            int scaled = Integer.parseInt(o.get("--scaled"));
            config = scaled > 0 ? LifecycleConfig.scaled(seed, scaled) : LifecycleConfig.atf(seed, Integer.parseInt(o.get("--months")));
        } catch (NumberFormatException e) {
            fail("--seed, --months and --scaled take whole numbers");
            return;
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path work = Files.createTempDirectory("warden-lifecycle");
        CpuMeter cpu = new CpuMeter();
        LifecycleRun run;
        try {
            run = LifecycleSimulation.run(config, work);
        } finally {
            delete(work);
        }
        CpuMeter.Usage used = cpu.stop();
        System.out.println(run.timeline().markdown());
        System.out.printf(Locale.ROOT, "%,d decisions, %,d access tokens; %.1f s wall, %.1f s CPU%s%n", run.decisions(), run.tokens(),
                run.wallTime().toMillis() / 1000.0, used.processCpuSeconds(),
                run.promotionsEndpoint() ? "" : "; promotions granted by an admin after the owner checked the gates readiness shows "
                        + "(the server has no promotions endpoint)");
        if (!o.get("--json").isEmpty()) {
            Files.writeString(Path.of(o.get("--json")), run.timeline().json() + "\n");
        }
        System.exit(0);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void fail(String message) {
        System.err.println("LifecycleSimulationRun: " + message);
        System.exit(2);
    }
}
