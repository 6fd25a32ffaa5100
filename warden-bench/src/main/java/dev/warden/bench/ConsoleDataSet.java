package dev.warden.bench;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.LevelBasis;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertSeverity;
import dev.warden.alert.AlertState;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditHashing;
import dev.warden.audit.AuditHead;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.log.CheckpointPolicy;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.LogKeyFile;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.note.NoteSigner;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentState;
import dev.warden.incident.TimelineEntry;
import dev.warden.json.CanonicalJson;
import dev.warden.server.config.AuditSettings;
import dev.warden.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

/**
 * Writes a real Warden data directory for measuring the console at scale: a configuration directory
 * (the quickstart's, with more projects) and a data directory holding many agents (varied levels,
 * statuses, owners and projects) and a long audit log of decisions and outcomes spread over a number
 * of days, with some incidents, alerts and pending approvals. The audit log is written through the
 * store the server opens ({@link JdbcStores}), in large batches, with the same canonical entries,
 * leaf and chain hashes and Merkle nodes as the server writes, and ends with a checkpoint signed with
 * the data directory's log key, so the server validates and serves it as its own.
 *
 * <pre>
 * java -cp warden-bench/target/benchmarks.jar dev.warden.bench.ConsoleDataSet \
 *     --out /tmp/warden-scale --agents 10000 --entries 10000000 --days 30
 * # then: ./warden up --config /tmp/warden-scale/config --data-dir /tmp/warden-scale/data
 * </pre>
 *
 * <p>Deterministic for a given {@code --seed} except for the keys (log key, masking key), which the
 * server would generate too.
 */
public final class ConsoleDataSet {
    /** Projects of the generated configuration (each with prod and staging). */
    static final List<String> PROJECTS = List.of("shop", "billing", "search", "logistics", "support", "analytics");
    static final List<String> TOOLS = List.of("inventory.read", "customer.reply", "refund.process",
            "product.update_description", "customer.delete", "pricing.modify", "payment.read");
    private static final HexFormat HEX = HexFormat.of();
    private static final int BATCH = 20_000;

    private final Path out;
    private final int agents;
    private final long entries;
    private final int days;
    private final long seed;
    private final Instant now;
    /** Hours before now the audit entries of a {@code --resume} run are spread over, or 0 for a new data set. */
    private final int resumeHours;

    ConsoleDataSet(Path out, int agents, long entries, int days, long seed, Instant now, int resumeHours) {
        this.out = out;
        this.agents = agents;
        this.entries = entries;
        this.days = days;
        this.seed = seed;
        this.now = now;
        this.resumeHours = resumeHours;
    }

    /**
     * {@code --out DIR --agents N --entries N --days N --seed N --quickstart DIR}; with
     * {@code --resume HOURS}, appends {@code --entries} more audit entries spread over the last HOURS
     * hours to an existing data set (e.g. to fill the last day of a generation that was stopped).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        Path out = Path.of(a.getOrDefault("out", "/tmp/warden-scale"));
        ConsoleDataSet set = new ConsoleDataSet(out, Integer.parseInt(a.getOrDefault("agents", "10000")),
                Long.parseLong(a.getOrDefault("entries", "10000000")), Integer.parseInt(a.getOrDefault("days", "30")),
                Long.parseLong(a.getOrDefault("seed", "42")), Instant.now(), Integer.parseInt(a.getOrDefault("resume", "0")));
        Summary s = set.write(Path.of(a.getOrDefault("quickstart", "examples/quickstart")));
        System.out.println(s);
    }

    /** What {@link #write} wrote, and how long it took. */
    record Summary(Path config, Path data, int agents, long entries, long decisions, int incidents, int alerts,
                   int approvals, Duration agentsTime, Duration auditTime, Duration total, long bytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "config %s%ndata %s%n%d agents (%.1f s), %d audit entries of which %d decisions"
                            + " (%.1f s, %.0f entries/s), %d incidents, %d alerts, %d pending approvals;"
                            + " total %.1f s; warden.db %.2f GiB",
                    config, data, agents, agentsTime.toMillis() / 1e3, entries, decisions, auditTime.toMillis() / 1e3,
                    entries / Math.max(1e-3, auditTime.toMillis() / 1e3), incidents, alerts, approvals,
                    total.toMillis() / 1e3, bytes / (double) (1L << 30));
        }
    }

    /** Writes {@code out/config} (from {@code quickstart}) and {@code out/data}; refuses a non-empty data directory. */
    Summary write(Path quickstart) throws IOException {
        long started = System.nanoTime();
        Path config = out.resolve("config");
        Path data = out.resolve("data");
        if (resumeHours > 0) {
            return resume(config, data, started);
        }
        if (Files.exists(data.resolve("warden.db"))) {
            throw new IllegalStateException(data + " already holds a store; remove " + out + " first");
        }
        writeConfig(quickstart, config);
        Files.createDirectories(data.resolve("keys"));
        String trustDomain = "warden.local";
        AuditSettings settings = AuditSettings.load(config, trustDomain);
        SplittableRandom random = new SplittableRandom(seed);
        try (JdbcStores stores = JdbcStores.openSqlite(data.resolve("warden.db"), JdbcStores.Durability.PROCESS_CRASH_SAFE)) {
            long t0 = System.nanoTime();
            List<Agent> all = agents(random, trustDomain);
            for (Agent agent : all) {
                stores.agents().insert(agent);
            }
            Duration agentsTime = Duration.ofNanos(System.nanoTime() - t0);
            // incidents, alerts and approvals first: a generation stopped during the long audit log still has them
            int incidents = incidents(stores, all, random);
            int alerts = alerts(stores, all, random);
            int approvals = approvals(stores, all, random);
            long t1 = System.nanoTime();
            long[] decisions = new long[1];
            appendLog(stores, all, random, decisions);
            Duration auditTime = Duration.ofNanos(System.nanoTime() - t1);
            sign(stores, settings, data);
            return new Summary(config, data, all.size(), entries, decisions[0], incidents, alerts, approvals, agentsTime,
                    auditTime, Duration.ofNanos(System.nanoTime() - started), Files.size(data.resolve("warden.db")));
        }
    }

    private Summary resume(Path config, Path data, long started) throws IOException {
        AuditSettings settings = AuditSettings.load(config, "warden.local");
        SplittableRandom random = new SplittableRandom(seed + 1);
        try (JdbcStores stores = JdbcStores.openSqlite(data.resolve("warden.db"), JdbcStores.Durability.PROCESS_CRASH_SAFE)) {
            List<Agent> all = stores.agents().list();
            System.out.println("resuming after audit entry " + stores.audit().head().seq() + " with " + all.size() + " agents");
            long t1 = System.nanoTime();
            long[] decisions = new long[1];
            appendLog(stores, all, random, decisions);
            Duration auditTime = Duration.ofNanos(System.nanoTime() - t1);
            sign(stores, settings, data);
            return new Summary(config, data, all.size(), entries, decisions[0], 0, 0, 0, Duration.ZERO, auditTime,
                    Duration.ofNanos(System.nanoTime() - started), Files.size(data.resolve("warden.db")));
        }
    }

    /** Publishes the log key and a checkpoint of the whole log signed with it. */
    private static void sign(JdbcStores stores, AuditSettings settings, Path data) throws IOException {
        NoteSigner key = LogKeyFile.loadOrCreate(data.resolve("keys").resolve("audit-log.key"), settings.origin(),
                new SecureRandom());
        Checkpointer checkpointer = new Checkpointer(stores.audit(), stores.checkpoints(), settings.origin(), key,
                CheckpointPolicy.DEFAULT, Clock.systemUTC());
        checkpointer.publishKey();
        StoredCheckpoint cp = checkpointer.publish();
        System.out.println("checkpoint " + cp.size() + " root " + cp.root().hex());
    }

    /** The quickstart configuration with {@link #PROJECTS} instead of its one project. */
    static void writeConfig(Path quickstart, Path config) throws IOException {
        try (Stream<Path> files = Files.walk(quickstart)) {
            for (Path f : files.toList()) {
                Path target = config.resolve(quickstart.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        StringBuilder projects = new StringBuilder("projects:\n");
        for (String p : PROJECTS) {
            projects.append("  ").append(p).append(": [prod, staging]\n");
        }
        String replaced = text.replace("projects:\n  shop: [prod, staging]\n", projects.toString());
        if (replaced.equals(text)) {
            throw new IllegalStateException(yaml + ": no 'projects:' block as in the quickstart");
        }
        Files.writeString(yaml, replaced, StandardCharsets.UTF_8);
    }

    /** Name of the agent with index {@code i}. */
    static String agentName(int i) {
        return String.format(Locale.ROOT, "agent-%05d", i);
    }

    /** Owner of the agent with index {@code i}: 250 owners. */
    static String owner(int i) {
        return String.format(Locale.ROOT, "owner-%03d@example.com", i % 250);
    }

    private List<Agent> agents(SplittableRandom random, String trustDomain) {
        List<Agent> out = new ArrayList<>(agents);
        MaturityLevel[] levels = MaturityLevel.values();
        Instant first = now.minus(Duration.ofDays(days + 30));
        for (int i = 0; i < agents; i++) {
            double r = random.nextDouble();
            MaturityLevel level = levels[r < 0.4 ? 0 : r < 0.75 ? Math.min(1, levels.length - 1)
                    : r < 0.95 ? Math.min(2, levels.length - 1) : levels.length - 1];
            double s = random.nextDouble();
            AgentStatus status = s < 0.93 ? AgentStatus.ACTIVE : s < 0.97 ? AgentStatus.QUARANTINED
                    : s < 0.99 ? AgentStatus.KILLED : AgentStatus.RETIRED;
            String project = PROJECTS.get(random.nextInt(PROJECTS.size()));
            Instant created = first.plusSeconds(random.nextLong(Duration.ofDays(30).toSeconds()));
            byte[] x = new byte[32];
            random.nextBytes(x);
            out.add(new Agent(new AgentId(trustDomain, agentName(i)), owner(i),
                    "Generated agent " + i + " of the " + project + " team", TOOLS.subList(0, 1 + random.nextInt(TOOLS.size())),
                    "1." + random.nextInt(10) + ".0", "sha256:" + HEX.formatHex(new byte[32]), project,
                    random.nextInt(5) == 0 ? "staging" : "prod", level, status,
                    List.of(new AgentKey("k1", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(x))), 0,
                    created, created, LevelBasis.atRegistration(level)));
        }
        return out;
    }

    /** A batch of audit records ready to append, or the end of the log. */
    private record Batch(List<AuditRecord> records) {
        static final Batch END = new Batch(List.of());
    }

    /**
     * Builds the records on this thread and appends them on another (hashing and JSON on one core,
     * SQLite on the other).
     */
    private void appendLog(JdbcStores stores, List<Agent> all, SplittableRandom random, long[] decisions)
            throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
        RuntimeException[] failure = new RuntimeException[1];
        Thread writer = Thread.ofPlatform().name("dataset-writer").start(() -> {
            try {
                while (true) {
                    Batch b = queue.take();
                    if (b == Batch.END) {
                        return;
                    }
                    stores.audit().append(b.records());
                    stores.audit().afterBatch(); // as the server's audit writer: resets the WAL when the checkpointer asks
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        AuditHashing hashing = new AuditHashing();
        AuditHead head = stores.audit().head();
        Duration span = resumeHours > 0 ? Duration.ofHours(resumeHours) : Duration.ofDays(days);
        Instant start = now.minus(span);
        long spanNanos = span.toNanos() - 1_000_000_000L; // ends a second before now
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        String pendingOutcome = null;
        String pendingAgent = null;
        String pendingSession = null;
        long seq = head.seq();
        String chain = head.chainHash();
        long lastReport = System.nanoTime();
        long generated = 0;
        try {
            while (generated < entries) {
                if (failure[0] != null) {
                    throw failure[0];
                }
                seq++;
                Instant time = start.plusNanos(spanNanos / entries * generated);
                AuditEvent e;
                if (pendingOutcome != null) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    double r = random.nextDouble();
                    fields.put("outcome", r < 0.95 ? "completed" : "failed");
                    fields.put("result_digest", "sha256:" + randomHex(random, 32));
                    e = new AuditEvent("outcome", time, pendingAgent, pendingSession, pendingOutcome, null, fields);
                    pendingOutcome = null;
                } else if (random.nextInt(200) == 0) {
                    int i = random.nextInt(all.size());
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("jti", "tok_" + randomHex(random, 16));
                    fields.put("expires_at", time.plusSeconds(300).toString());
                    e = AuditEvent.forAgent("token.issued", time, all.get(i).name(), fields);
                } else {
                    Agent agent = all.get(hotAgent(random, all.size()));
                    String tool = agent.capabilities().get(random.nextInt(agent.capabilities().size()));
                    double r = random.nextDouble();
                    String decision = r < 0.85 ? "allow" : r < 0.97 ? "deny" : "approval_required";
                    String id = "dec_" + randomHex(random, 16);
                    String session = "ses_" + Long.toHexString(seed ^ (generated / 50)) + "_" + agent.name().hashCode();
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("action", tool);
                    fields.put("resource", "res-" + random.nextInt(100_000));
                    fields.put("args", Map.of("sku", "A-" + random.nextInt(10_000), "qty", random.nextInt(1, 10)));
                    fields.put("rationale", "customer ticket " + random.nextInt(1_000_000));
                    Map<String, Object> reason = new LinkedHashMap<>();
                    reason.put("guard", "policy");
                    reason.put("code", decision.equals("allow") ? "permitted" : decision.equals("deny") ? "forbidden" : "approval");
                    reason.put("policy_id", "p-" + tool);
                    reason.put("message", "policy p-" + tool + " decided " + decision);
                    fields.put("reasons", List.of(reason));
                    fields.put("duration_us", 50 + random.nextInt(400));
                    fields.put("level", agent.level().wire());
                    if (decision.equals("approval_required")) {
                        fields.put("approval_id", "apr_" + randomHex(random, 16));
                    }
                    e = new AuditEvent("decision", time, agent.name(), session, id, decision, fields);
                    decisions[0]++;
                    if (decision.equals("allow") && random.nextInt(10) < 9) {
                        pendingOutcome = id;
                        pendingAgent = agent.name();
                        pendingSession = session;
                    }
                }
                String entry = CanonicalJson.write(entry(e, seq), AuditEvent.MAX_ENTRY_CHARS);
                byte[] leaf = hashing.leaf(entry);
                chain = AuditHashing.hex(hashing.chain(chain, leaf));
                batch.add(new AuditRecord(seq, e.time(), e.kind(), e.agent(), e.session(), e.decisionId(), e.decision(), entry,
                        AuditHashing.hex(leaf), chain));
                generated++;
                if (batch.size() == BATCH) {
                    queue.put(new Batch(batch));
                    batch = new ArrayList<>(BATCH);
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf(Locale.ROOT, "%,d / %,d entries%n", generated, entries);
                    }
                }
            }
            if (!batch.isEmpty()) {
                queue.put(new Batch(batch));
            }
            queue.put(Batch.END);
            writer.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** An agent index, skewed: a tenth of the agents make about half of the calls. */
    private static int hotAgent(SplittableRandom random, int n) {
        return random.nextBoolean() ? random.nextInt(Math.max(1, n / 10)) : random.nextInt(n);
    }

    /** The canonical entry map as the audit log forms it (fields, then schema, seq, time, kind and the indexed fields). */
    static Map<String, Object> entry(AuditEvent e, long seq) {
        Map<String, Object> entry = new LinkedHashMap<>(e.fields());
        entry.put("schema", AuditEvent.SCHEMA);
        entry.put("seq", seq);
        entry.put("time", e.time().toString());
        entry.put("kind", e.kind());
        putIfPresent(entry, "agent", e.agent());
        putIfPresent(entry, "session", e.session());
        putIfPresent(entry, "decision_id", e.decisionId());
        putIfPresent(entry, "decision", e.decision());
        return entry;
    }

    private static void putIfPresent(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String randomHex(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** Incidents opened by a deny-rate anomaly (no evidence decisions: the time to detect shows no data). */
    private int incidents(JdbcStores stores, List<Agent> all, SplittableRandom random) {
        int n = Math.max(1, agents / 20);
        IncidentState[] states = IncidentState.values();
        for (int k = 0; k < n; k++) {
            Agent agent = all.get(random.nextInt(all.size()));
            Instant opened = now.minusSeconds(random.nextLong(Duration.ofDays(days).toSeconds()));
            IncidentState state = k % 10 == 0 ? IncidentState.OPEN : states[random.nextInt(states.length)];
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("detector", "deny_rate");
            List<TimelineEntry> timeline = List.of(new TimelineEntry(opened, "anomaly", "deny rate above baseline", detail));
            stores.incidents().insert(new Incident(String.format(Locale.ROOT, "inc_%032x", k), agent.name(), opened,
                    k % 3 == 0 ? AnomalySeverity.MAJOR : AnomalySeverity.MINOR, state,
                    state.isActive() ? Optional.empty() : Optional.of(opened.plusSeconds(600)), timeline, List.of()));
        }
        return n;
    }

    private int alerts(JdbcStores stores, List<Agent> all, SplittableRandom random) {
        int n = Math.max(1, agents / 10);
        for (int k = 0; k < n; k++) {
            Agent agent = all.get(random.nextInt(all.size()));
            Instant raised = now.minusSeconds(random.nextLong(Duration.ofDays(days).toSeconds()));
            String id = String.format(Locale.ROOT, "alr_%032x", k);
            Alert alert = new Alert(id, raised, k % 5 == 0 ? AlertSeverity.CRITICAL : AlertSeverity.WARNING, "incident.opened",
                    Optional.of(agent.name()), Optional.of(agent.project()), Optional.of(agent.owner()),
                    "incident opened for " + agent.name(), Map.of(), List.of(), 1, raised,
                    k % 4 == 0 ? AlertState.OPEN : AlertState.ACKED, Optional.empty(), Optional.empty(), List.of("oncall"));
            String dlv = String.format(Locale.ROOT, "dlv_%032x", k);
            stores.alerts().insert(alert, List.of(AlertDelivery.queued(dlv, id, new AlertRoute("oncall", Optional.empty()), raised)));
            stores.alerts().delivered(dlv, 1, raised.plusMillis(200 + random.nextInt(3000)));
        }
        return n;
    }

    private int approvals(JdbcStores stores, List<Agent> all, SplittableRandom random) {
        int n = Math.max(1, agents / 50);
        for (int k = 0; k < n; k++) {
            Agent agent = all.get(random.nextInt(all.size()));
            Instant created = now.minusSeconds(random.nextInt(3000));
            Map<String, Object> args = Map.of("order", "O-" + random.nextInt(100_000), "amount", random.nextInt(1, 900));
            stores.approvals().insert(new Approval(new ApprovalId(String.format(Locale.ROOT, "apr_%032x", k)), agent.name(),
                    "ses_" + k, "dec_" + randomHex(random, 16), "refund.process", "order", args, "fp_" + randomHex(random, 16),
                    List.of("p-refund"), "refund for ticket " + k, ApprovalState.PENDING, created, created.plus(Duration.ofDays(2)),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return n;
    }

    /** {@code --name value} pairs. */
    static final class Args {
        private Args() {
        }

        static Map<String, String> parse(String[] args) {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
                }
                out.put(args[i].substring(2), args[++i]);
            }
            return out;
        }
    }
}
