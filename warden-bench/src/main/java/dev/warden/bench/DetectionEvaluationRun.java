package dev.warden.bench;

import dev.warden.behavior.BehaviorConfig;
import dev.warden.simulation.WardenDetectorsTarget;
import dev.warden.simulation.DetectionTarget;
import dev.warden.simulation.ReferenceVolumeTarget;
import dev.warden.simulation.Report;
import dev.warden.simulation.Scenario;
import dev.warden.simulation.Scorer;
import dev.warden.simulation.Simulation;
import dev.warden.simulation.SimulationConfig;
import dev.warden.simulation.SimulationRun;
import dev.warden.simulation.TrafficModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The detection evaluation of docs/detection.md: generates the simulated weeks of traffic with
 * injected anomalies for a seed, drives them through an embedded Warden with the chosen detection
 * target, scores what was found and prints the figures as markdown and JSON, headed by the seed
 * they are for. Thresholds are tuned on seed {@value SimulationConfig#TUNING_SEED}; figures are
 * reported on seed {@value SimulationConfig#REPORTING_SEED} (the default).
 *
 * <pre>
 * java -cp warden-bench/target/benchmarks.jar dev.warden.bench.DetectionEvaluationRun \
 *      [--seed 2] [--days 14] [--agents 20] [--learning-days 7] [--per-kind 3] [--target warden|none|reference] [--json FILE]
 * </pre>
 */
public final class DetectionEvaluationRun {
    private DetectionEvaluationRun() {
    }

    /** Runs one evaluation and prints it. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--seed", String.valueOf(SimulationConfig.REPORTING_SEED), "--days", "14",
                "--agents", "20", "--learning-days", "7", "--per-kind", "3", "--target", "warden", "--json", ""));
        for (int i = 0; i < args.length; i++) {
            if (!o.containsKey(args[i]) || i + 1 >= args.length) {
                fail("unknown option or missing value: " + args[i] + "\noptions: " + String.join(" ", o.keySet().stream().sorted().toList()));
            }
            o.put(args[i], args[++i]);
        }
        SimulationConfig config;
        try {
            config = new SimulationConfig(number(o, "--seed"), (int) number(o, "--agents"), (int) number(o, "--days"),
                    (int) number(o, "--learning-days"), (int) number(o, "--per-kind"), SimulationConfig.DEFAULT_START);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        CpuMeter generating = new CpuMeter();
        Scenario scenario = TrafficModel.generate(config);
        CpuMeter.Usage generated = generating.stop();
        DetectionTarget target = switch (o.get("--target")) {
            case "warden" -> new WardenDetectorsTarget(BehaviorConfig.DEFAULTS);
            case "none" -> DetectionTarget.NONE;
            case "reference" -> new ReferenceVolumeTarget(scenario.learningEnd(), 2.0);
            default -> {
                fail("--target must be warden, none or reference");
                yield null;
            }
        };
        CpuMeter driving = new CpuMeter();
        SimulationRun run = Simulation.run(scenario, target);
        CpuMeter.Usage driven = driving.stop();
        Report report = Scorer.score(run);
        double drive = run.wallTime().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "seed %d (%s); traffic digest %s%n", config.seed(), Report.seedRole(config.seed()),
                scenario.digest());
        System.out.printf(Locale.ROOT, "generated %,d calls in %.2f s (%.2f s CPU); driven through Warden in %.2f s, %.2f s CPU "
                        + "(%,.0f decisions/s, %,d allowed, %,d outcomes; %s)%n%n", scenario.calls().size(), generated.wallSeconds(),
                generated.processCpuSeconds(), drive, driven.processCpuSeconds(), run.decisions() / drive, run.allowed(), run.outcomes(),
                driven.line());
        System.out.println(report.markdown());
        System.out.println(report.json());
        if (!o.get("--json").isEmpty()) {
            Files.writeString(Path.of(o.get("--json")), report.json() + "\n");
        }
        System.exit(0); // Warden's background threads are daemon-less
    }

    private static long number(Map<String, String> options, String name) {
        try {
            long n = Long.parseLong(options.get(name));
            if (!name.equals("--seed") && (n < 0 || n > Integer.MAX_VALUE)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number" + (name.equals("--seed") ? "" : " >= 0")
                    + ", not '" + options.get(name) + "'", e);
        }
    }

    private static void fail(String message) {
        System.err.println("DetectionEvaluationRun: " + message);
        System.exit(2);
    }
}
