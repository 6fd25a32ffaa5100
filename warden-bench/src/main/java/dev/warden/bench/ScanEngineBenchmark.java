package dev.warden.bench;

import dev.warden.scan.ClassRules;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.ContentScanner;
import dev.warden.scan.DataRules;
import dev.warden.scan.MaskingKey;
import dev.warden.scan.ScanLimits;
import dev.warden.scan.ScanResult;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The content scanner with the shipped detectors ({@link ContentDetectors#defaults()}) and the
 * built-in rules: a 4 KB tool output as text and as the MCP gateway's view of a result
 * ({@code {"content": [text]}}), and a 1 MB text. With no detectors shipped it measures the
 * engine alone (the JSON walk, the result).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScanEngineBenchmark {
    private ContentScanner scanner;
    private ClassRules rules;
    private String output4k;
    private Map<String, Object> view4k;
    private String text1m;

    /** Builds the scanner and the texts: plain business prose with numbers and addresses. */
    @Setup(Level.Trial)
    public void setUp() {
        scanner = new ContentScanner(ContentDetectors.defaults(), ScanLimits.DEFAULTS, MaskingKey.random(new SecureRandom()));
        rules = DataRules.DEFAULTS.forCall(null, null);
        String line = "Order 18273 shipped to 42 Harbour Road on 2026-03-04; contact the courier desk for tracking. ";
        StringBuilder b = new StringBuilder();
        while (b.length() < 4096) {
            b.append(line);
        }
        output4k = b.substring(0, 4096);
        view4k = new LinkedHashMap<>();
        view4k.put("content", List.of(output4k));
        while (b.length() < 1 << 20) {
            b.append(line);
        }
        text1m = b.substring(0, 1 << 20);
    }

    @Benchmark
    public ScanResult text4k() {
        return scanner.scanText(output4k, rules);
    }

    @Benchmark
    public ScanResult gatewayView4k() {
        return scanner.scanJson(view4k, rules);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ScanResult text1m() {
        return scanner.scanText(text1m, rules);
    }
}
