package dev.warden.bench;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.Finding;
import dev.warden.scan.text.FoldedText;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-detector breakdown of a scan: one shipped detector alone over a 4 KB text, the prose
 * line of {@link ScanEngineBenchmark} or the JSON tool output of {@link ContentScanBenchmark}.
 * Each detector folds the text itself here, so {@code prompt_injection} and
 * {@code toxicity_lexicon} each include one folding; {@link #fold} times the folding alone (in a
 * scan it is paid once, shared by both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DetectorScanBenchmark {
    /** The detector id, as in {@link ContentDetectors#defaults()}. */
    @Param({"email", "phone", "card_luhn", "iban", "national_id", "ip_address", "secret_prefix", "jwt", "private_key",
        "credential_assignment", "high_entropy", "prompt_injection", "toxicity_lexicon"})
    public String detector;

    /** Which 4 KB text: {@code prose} or {@code json}. */
    @Param({"prose", "json"})
    public String text;

    private ContentDetector scanner;
    private String input;

    /** Picks the detector and builds the text. */
    @Setup(Level.Trial)
    public void setUp() {
        scanner = ContentDetectors.byId(detector).orElseThrow(() -> new IllegalArgumentException("no detector " + detector));
        if (text.equals("json")) {
            input = ContentScanBenchmark.toolOutput(new Random(7), 4096);
        } else {
            String line = "Order 18273 shipped to 42 Harbour Road on 2026-03-04; contact the courier desk for tracking. ";
            input = line.repeat(4096 / line.length() + 1).substring(0, 4096);
        }
    }

    /** The detector over the text. */
    @Benchmark
    public List<Finding> scan() {
        return scanner.scan(input);
    }

    /** Folding the text alone (NFKC where needed, lower case, words). */
    @Benchmark
    public FoldedText fold() {
        return FoldedText.of(input);
    }
}
