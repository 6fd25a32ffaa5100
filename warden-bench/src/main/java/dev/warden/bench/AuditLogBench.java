package dev.warden.bench;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditHashing;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.export.ExportLines;
import dev.warden.audit.export.ExportVerifier;
import dev.warden.audit.export.VerifyResult;
import dev.warden.audit.log.LogValidation;
import dev.warden.audit.log.LogValidator;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.merkle.TreeReader;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import dev.warden.json.CanonicalJson;
import dev.warden.store.jdbc.JdbcStores;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmarks of the verifiable audit log (issue 4), never run by the build:
 * <pre>
 * append   [dir] [seconds] [threads]   durable appends through GroupCommitAuditLog on SQLite (tree included)
 * build    DB N                        write a SQLite audit log of N realistic entries (with its tree)
 * proofs   DB [count]                  inclusion / consistency proof latency on that log
 * validate DB                          startup validation time on that log
 * verify   FILE N                      generate an N-entry export (streaming), then verify it offline
 * http-proofs URL TOKEN [count]        GET /v1/audit/proofs/inclusion latency against a running server
 * </pre>
 * Run: {@code java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.AuditLogBench <cmd> ...}
 */
public final class AuditLogBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private AuditLogBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: AuditLogBench append|build|proofs|validate|verify ...");
            System.exit(2);
        }
        switch (args[0]) {
            case "append" -> append(Path.of(arg(args, 1, System.getProperty("java.io.tmpdir"))),
                    Integer.parseInt(arg(args, 2, "10")), Integer.parseInt(arg(args, 3, "64")));
            case "build" -> build(Path.of(args[1]), Long.parseLong(args[2]));
            case "proofs" -> proofs(Path.of(args[1]), Integer.parseInt(arg(args, 2, "20000")));
            case "validate" -> validate(Path.of(args[1]));
            case "verify" -> verify(Path.of(args[1]), Long.parseLong(args[2]));
            case "http-proofs" -> httpProofs(args[1], args[2], Integer.parseInt(arg(args, 3, "5000")));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }

    /** A decision-like event of about 400 bytes once canonical. */
    static AuditEvent event(long i) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("action", "refund.process");
        fields.put("resource", "order/o-" + i);
        fields.put("args", Map.of("order_id", "o-" + i, "amount", 49L));
        fields.put("reasons", List.of(Map.of("guard", "policy", "code", "permit_policy", "policy_id", "support-small-refunds")));
        fields.put("rationale", "customer reported a damaged parcel");
        fields.put("latency_us", 87L);
        return new AuditEvent("decision", T0.plusMillis(i), "support-bot", "ses_" + (i % 977),
                String.format("dec_%032x", i), "allow", fields);
    }

    // --- durable append throughput

    static void append(Path dir, int seconds, int threads) throws Exception {
        for (JdbcStores.Durability d : JdbcStores.Durability.values()) {
            Path db = Files.createTempDirectory(dir, "audit-append-").resolve("warden.db");
            try (JdbcStores stores = JdbcStores.openSqlite(db, d);
                 GroupCommitAuditLog log = new GroupCommitAuditLog(stores.audit(), Duration.ofSeconds(30), 65_536)) {
                runAppend(log, 2, threads); // warm-up
                double perSecond = runAppend(log, seconds, threads);
                System.out.printf("append %-18s %3d threads: %,10.0f durable entries/s (tree size %,d)%n",
                        d, threads, perSecond, stores.audit().treeHead().size());
            }
        }
    }

    private static double runAppend(GroupCommitAuditLog log, int seconds, int threads) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long base = t * 1_000_000_000L;
            workers.add(Thread.ofVirtual().start(() -> {
                long i = base;
                while (!stop.get()) {
                    log.appendDurably(event(i++));
                    done.increment();
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    // --- build a large log

    static void build(Path db, long n) throws Exception {
        long start = System.nanoTime();
        try (JdbcStores stores = JdbcStores.openSqlite(db)) {
            AuditHead head = stores.audit().head();
            AuditHashing hashing = new AuditHashing();
            int batchSize = 4096;
            long lastReport = start;
            while (head.seq() < n) {
                int size = (int) Math.min(batchSize, n - head.seq());
                List<AuditRecord> batch = new ArrayList<>(size);
                String chain = head.chainHash();
                for (int k = 0; k < size; k++) {
                    long seq = head.seq() + k + 1;
                    AuditEvent e = event(seq);
                    Map<String, Object> entry = new LinkedHashMap<>(e.fields());
                    entry.put("schema", AuditEvent.SCHEMA);
                    entry.put("seq", seq);
                    entry.put("time", e.time().toString());
                    entry.put("kind", e.kind());
                    entry.put("agent", e.agent());
                    entry.put("session", e.session());
                    entry.put("decision_id", e.decisionId());
                    entry.put("decision", e.decision());
                    String json = CanonicalJson.write(entry);
                    byte[] leaf = hashing.leaf(json);
                    chain = AuditHashing.hex(hashing.chain(chain, leaf));
                    batch.add(new AuditRecord(seq, e.time(), e.kind(), e.agent(), e.session(), e.decisionId(), e.decision(),
                            json, AuditHashing.hex(leaf), chain));
                }
                stores.audit().append(batch);
                head = new AuditHead(batch.getLast().seq(), chain);
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    System.out.printf("  %,d entries, %.0f s%n", head.seq(), (now - start) / 1e9);
                }
            }
            System.out.printf("build: %,d entries in %.1f s; root %s; database %,d MB%n", head.seq(),
                    (System.nanoTime() - start) / 1e9, stores.audit().treeHead().root().hex(), Files.size(db) >> 20);
        }
    }

    // --- proof latency

    static void proofs(Path db, int count) throws Exception {
        try (JdbcStores stores = JdbcStores.openSqlite(db)) {
            long size = stores.audit().treeHead().size();
            Random random = new Random(42);
            TreeReader reader = new TreeReader(stores.audit());
            for (int i = 0; i < 2_000; i++) {
                reader.inclusion(Math.floorMod(random.nextLong(), size), size);
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long index = Math.floorMod(random.nextLong(), size);
                long t = System.nanoTime();
                InclusionProof p = new TreeReader(stores.audit()).inclusion(index, size);
                nanos[i] = System.nanoTime() - t;
                if (!p.verify().isValid()) {
                    throw new AssertionError("invalid proof at " + index);
                }
            }
            report("inclusion proof, tree size " + String.format("%,d", size), nanos);
            long[] cn = new long[count / 4];
            for (int i = 0; i < cn.length; i++) {
                long from = 1 + Math.floorMod(random.nextLong(), size - 1);
                long t = System.nanoTime();
                new TreeReader(stores.audit()).consistency(from, size);
                cn[i] = System.nanoTime() - t;
            }
            report("consistency proof, tree size " + String.format("%,d", size), cn);
            long t = System.nanoTime();
            Hash root = new TreeReader(stores.audit()).root(size);
            System.out.printf("root at %,d recomputed from kept nodes in %.3f ms (%s)%n", size, (System.nanoTime() - t) / 1e6,
                    root.hex().substring(0, 16));
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    // --- startup validation

    static void validate(Path db) {
        try (JdbcStores stores = JdbcStores.openSqlite(db)) {
            long t = System.nanoTime();
            LogValidation v = new LogValidator(stores.audit(), stores.checkpoints(), stores.audit()).validate();
            System.out.printf("validate: %s in %.1f s%n", v, (System.nanoTime() - t) / 1e9);
        }
    }

    // --- offline verification

    static void verify(Path file, long n) throws Exception {
        NoteSigner key = NoteSigner.generate("bench.local/audit", new SecureRandom());
        long t = System.nanoTime();
        generate(file, n, Math.max(1, n / 100), key);
        System.out.printf("generated %,d entries (%,d MB) in %.1f s%n", n, Files.size(file) >> 20, (System.nanoTime() - t) / 1e9);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long[] peak = {rt.totalMemory() - rt.freeMemory()};
        t = System.nanoTime();
        VerifyResult r;
        long start = t;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            r = new ExportVerifier(KeyRing.of(List.of(key.verifier()))).onProgress(1_000_000, (entries, bytes) -> {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                System.err.printf("  verified %,d entries in %.1f s%n", entries, (System.nanoTime() - start) / 1e9);
            }).verify(in);
        }
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf("verify: %s%n  %,d entries in %.1f s = %,.0f entries/s, %.0f MB/s; heap max %d MB, peak used %d MB%n",
                r, n, s, n / s, Files.size(file) / s / 1e6, rt.maxMemory() >> 20, peak[0] >> 20);
    }

    /** A valid export written in one pass: constant memory whatever n. */
    static void generate(Path file, long n, long checkpointEvery, NoteSigner key) throws Exception {
        TreeHasher hasher = new TreeHasher();
        CompactRange range = CompactRange.empty();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ExportLines.header(key.name(), 0, n, List.of(key.verifier().encode())));
            out.write('\n');
            for (long i = 0; i < n; i++) {
                AuditEvent e = event(i + 1);
                Map<String, Object> entry = new LinkedHashMap<>(e.fields());
                entry.put("schema", AuditEvent.SCHEMA);
                entry.put("seq", i + 1);
                entry.put("time", e.time().toString());
                entry.put("kind", e.kind());
                entry.put("agent", e.agent());
                entry.put("decision_id", e.decisionId());
                entry.put("decision", e.decision());
                String json = CanonicalJson.write(entry);
                Hash leaf = hasher.leaf(json.getBytes(StandardCharsets.UTF_8));
                range.append(leaf);
                out.write(ExportLines.entry(i, leaf.hex(), json));
                out.write('\n');
                if ((i + 1) % checkpointEvery == 0 || i + 1 == n) {
                    out.write(ExportLines.checkpoint(i + 1, new Checkpoint(key.name(), i + 1, range.root()).sign(key).format()));
                    out.write('\n');
                }
            }
        }
    }

    // --- proof latency over HTTP

    static void httpProofs(String url, String token, int count) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + path))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            String cp = get.apply("/v1/audit/checkpoint").body();
            long size = Long.parseLong(cp.replaceAll("(?s).*\"size\":(\\d+).*", "$1"));
            Random random = new Random(7);
            for (int i = 0; i < 1000; i++) {
                // warm-up request: only the round trip matters, not the answer
                var unused = get.apply("/v1/audit/proofs/inclusion?index=" + Math.floorMod(random.nextLong(), size) + "&size=" + size);
            }
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long index = Math.floorMod(random.nextLong(), size);
                long t = System.nanoTime();
                java.net.http.HttpResponse<String> r = get.apply("/v1/audit/proofs/inclusion?index=" + index + "&size=" + size);
                nanos[i] = System.nanoTime() - t;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.body());
                }
            }
            report("HTTP GET /v1/audit/proofs/inclusion (client round trip), tree size " + String.format("%,d", size), nanos);
        }
    }
}
