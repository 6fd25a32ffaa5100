package dev.warden.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LoadRun's command-line options, with their defaults, and its usage text. */
final class LoadRunOptions {
    private static final int MAX_PHASE_SECONDS = 240;

    String url;
    Path keyFile;
    Path dataDir;
    String mode = "all";
    String client = "raw";
    boolean distinct;
    int clients = 4;
    int concurrency = 64;
    int connections = 64;
    int maxSeconds = 20;
    int seconds = 30;
    int warmupSeconds = 10;
    List<Integer> rates = List.of(1000, 5000);
    int serveSeconds;
    int port;

    /** Parses the command line; exits 0 after printing the usage for --help. */
    static LoadRunOptions parse(String[] args) {
        LoadRunOptions o = new LoadRunOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                usage();
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value (see --help)");
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> o.url = v;
                case "--key-file" -> o.keyFile = Path.of(v);
                case "--data-dir" -> o.dataDir = Path.of(v);
                case "--mode" -> o.mode = oneOf(a, v, Set.of("all", "max", "open"));
                case "--client" -> o.client = oneOf(a, v, Set.of("raw", "jdk"));
                case "--args" -> o.distinct = oneOf(a, v, Set.of("same", "distinct")).equals("distinct");
                case "--clients" -> o.clients = bounded(a, v, 1, 64);
                case "--concurrency" -> o.concurrency = bounded(a, v, 1, 1024);
                case "--connections" -> o.connections = bounded(a, v, 1, 1024);
                case "--max-seconds" -> o.maxSeconds = bounded(a, v, 1, MAX_PHASE_SECONDS);
                case "--seconds" -> o.seconds = bounded(a, v, 1, MAX_PHASE_SECONDS);
                case "--warmup-seconds" -> o.warmupSeconds = bounded(a, v, 0, MAX_PHASE_SECONDS);
                case "--rate", "--rates" -> {
                    List<Integer> rates = new ArrayList<>();
                    for (String r : v.split(",")) {
                        rates.add(bounded(a, r.trim(), 1, 200_000));
                    }
                    o.rates = List.copyOf(rates);
                }
                case "--serve-seconds" -> o.serveSeconds = bounded(a, v, 1, 3600);
                case "--port" -> o.port = bounded(a, v, 0, 65535);
                case "--server-pid" -> CpuMeter.otherPid = bounded(a, v, 1, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
            }
        }
        if (o.url != null && o.serveSeconds > 0) {
            throw new IllegalArgumentException("--serve-seconds starts a server; it cannot be combined with --url");
        }
        return o;
    }

    private static String oneOf(String name, String v, Set<String> allowed) {
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed);
        }
        return v;
    }

    private static int bounded(String name, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return n;
    }

    static void usage() {
        System.out.println("""
                LoadRun: HTTP load on POST /v1/decisions (support-bot, allowed inventory.read).

                Target (default: start a Warden server in this JVM on 127.0.0.1, temp data dir, quickstart config):
                  --url URL               an existing server (loopback only), e.g. http://127.0.0.1:8470
                  --key-file FILE         support-bot's key file (default <data-dir>/keys/support-bot.json)
                  --data-dir DIR          data directory of the started server, or where to find keys/ for --url
                  --port N                port for the started server (default: a free one)
                  --server-pid PID        with --url: also report the CPU that server process used (Linux)
                  --serve-seconds N       only start the server, print its URL and a fresh access token, keep it
                                          up N seconds (for wrk or a LoadRun in another process), then stop
                Load:
                  --mode all|max|open     default all: warm-up, max throughput, then each open-loop rate
                  --client raw|jdk        raw keep-alive sockets (default) or java.net.http.HttpClient (HTTP/1.1)
                  --args same|distinct    same: every request is {"sku":"A-1"} (default; after the first one the
                                          policy verdict is memoized); distinct: a new sku per request (Cedar runs)
                  --clients N             HttpClient instances for --client jdk (default 4)
                  --concurrency N         closed-loop connections for max throughput (default 64)
                  --max-seconds N         duration of the max-throughput phase (default 20)
                  --rates R1,R2           open-loop rates in requests/s (default 1000,5000)
                  --connections N         connections for the open-loop phases (default 64)
                  --seconds N             duration of each open-loop phase (default 30)
                  --warmup-seconds N      closed-loop warm-up first, and a warm-up at each rate (default 10; 0: none)
                Config directory: -Dwarden.bench.config=DIR (default: examples/quickstart above the working dir).
                """);
    }
}
