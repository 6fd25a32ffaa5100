package dev.warden.bench;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.ContentDetectors;
import dev.warden.scan.Finding;
import dev.warden.scan.text.ScannedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
 * Every shipped content detector ({@link ContentDetectors#defaults()}) run one after the other over
 * a text, as a scan of one tool output would: a realistic 4 KB tool output (a JSON page of orders
 * with a few e-mail addresses, a phone number, a card number, an IBAN and an IP address among ids,
 * dates, prices and hashes) and a 1 MB mix of logs, JSON, code and prose with the same density of
 * personal data and a few secrets. Sample time, so the report carries p50 and p99. The texts are
 * generated from a fixed seed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ContentScanBenchmark {
    private List<ContentDetector> detectors;
    private String toolOutput;
    private String megabyte;

    /** Builds the detectors and both texts. */
    @Setup(Level.Trial)
    public void setUp() {
        detectors = ContentDetectors.defaults();
        toolOutput = toolOutput(new Random(7), 4096);
        megabyte = mixed(new Random(11), 1 << 20);
    }

    /** A 4 KB JSON tool output. */
    @Benchmark
    public List<Finding> scan4k() {
        return scan(toolOutput);
    }

    /** A 1 MB mixed text. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Finding> scan1m() {
        return scan(megabyte);
    }

    private List<Finding> scan(String text) {
        List<Finding> all = new ArrayList<>();
        ScannedText shared = new ScannedText(text); // as the engine does: one folding for all detectors
        for (ContentDetector d : detectors) {
            all.addAll(d.scan(shared));
        }
        return all;
    }

    /** A page of orders as a JSON tool result, cut to about {@code size} chars. */
    static String toolOutput(Random r, int size) {
        StringBuilder b = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":17,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"orders page 3\"}],\"orders\":[");
        String[] pii = {"\"email\":\"ana.silva@example.org\"", "\"phone\":\"+44 20 7946 0958\"", "\"card\":\"4111 1111 1111 1111\"",
            "\"iban\":\"DE89370400440532013000\"", "\"client_ip\":\"203.0.113.7\"", "\"email\":\"j.doe@example.com\""};
        int k = 0;
        while (b.length() < size - 300) {
            b.append(String.format(Locale.ROOT, "{\"id\":\"ORD-2025-%06d\",\"created\":\"2025-11-%02dT%02d:%02d:11Z\",\"status\":\"%s\","
                            + "\"total\":%d.%02d,\"currency\":\"EUR\",\"items\":%d,\"sku\":\"SKU-%05d\",\"etag\":\"%016x\",",
                    r.nextInt(1_000_000), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextBoolean() ? "shipped" : "pending",
                    r.nextInt(900), r.nextInt(100), 1 + r.nextInt(9), r.nextInt(100_000), r.nextLong()));
            b.append(k % 3 == 0 ? pii[(k / 3) % pii.length] : "\"note\":\"leave at the door, ring twice\"").append("},");
            k++;
        }
        b.setLength(b.length() - 1);
        return b.append("],\"next_page\":4,\"took_ms\":12}}").toString();
    }

    /** About {@code size} chars of logs, JSON, code and prose with some personal data and secrets. */
    static String mixed(Random r, int size) {
        StringBuilder b = new StringBuilder(size + 4096);
        while (b.length() < size) {
            switch (r.nextInt(5)) {
                case 0 -> b.append(String.format(Locale.ROOT, "2025-12-07 10:%02d:%02d.%03d INFO  [worker-%d] request %08x done in %d ms from %d.%d.%d.%d%n",
                        r.nextInt(60), r.nextInt(60), r.nextInt(1000), r.nextInt(16), r.nextInt(), r.nextInt(900), 10, r.nextInt(256),
                        r.nextInt(256), 1 + r.nextInt(254)));
                case 1 -> b.append(toolOutput(r, 600)).append('\n');
                case 2 -> b.append("def handler(event, context):\n    token = os.environ[\"API_TOKEN\"]\n    return {\"status\": 200, \"body\": json.dumps(event)}\n");
                case 3 -> b.append("The shipment left the warehouse on Tuesday; the customer asked us to call back on 020 7946 0958 or to write to "
                        + "support@example.com. Version 4.2.1 fixes the rounding of prices such as 1,299.00 EUR.\n");
                default -> b.append(r.nextInt(50) == 0 ? "DB_PASSWORD=Harbor9161%\nAWS_ACCESS_KEY_ID=AKIA2E3F4G5H6J7K8L9M\n"
                        : "retry_after=30\nmax_tokens=4096\nregion=eu-west-1\n");
            }
        }
        return b.toString();
    }
}
