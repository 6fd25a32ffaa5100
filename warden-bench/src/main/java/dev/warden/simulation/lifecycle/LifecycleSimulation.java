package dev.warden.simulation.lifecycle;

import dev.warden.behavior.BehaviorMonitor;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import dev.warden.simulation.SimulationClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Runs one agent through the maturity levels over simulated months against a real Warden server
 * started in process (SQLite store in a work directory, a {@link SimulationClock} the run moves
 * event by event), driven only through the HTTP API, as the agent and its operators would:
 *
 * <ul>
 *   <li>the agent ({@link SupportTraffic}) asks for a decision for every call, reports the outcome
 *       of what was allowed (a few fail), redeems approvals once granted, and renews its
 *       five-minute tokens as the clock moves;</li>
 *   <li>an approver decides held calls within minutes (a few are denied); an on-call admin
 *       triages incidents every hour and closes benign ones every weekday morning;</li>
 *   <li>each weekday morning the owner reads the agent's readiness and asks for the next level
 *       when its gates look passed, and the sign-off roles record attestations, business value and
 *       sign-offs; the first request at intern comes on time alone (refused), the first junior
 *       stint's penetration test fails once (refused);</li>
 *   <li>after {@link LifecycleConfig#rogueAfterDays} at principal the agent turns rogue (a prompt
 *       injection, then a burst of reads of customers it never works on, a bulk export, deletes);
 *       the detectors flag it and Warden demotes it; operators record the root cause, ship a new
 *       version, have it re-verified and reactivate it; it then earns its levels again.</li>
 * </ul>
 *
 * The behaviour monitor runs off the decision path; the run waits for it after every call so
 * that the same seed gives the same timeline. The result is a {@link Timeline}.
 */
public final class LifecycleSimulation {
    /** The agent's name. */
    public static final String AGENT = "support-agent";
    private static final String BOOTSTRAP = "lifecycle-simulation-bootstrap-admin-0123456789";
    private static final List<String> LEVELS = List.of("intern", "junior", "senior", "principal");
    private final LifecycleConfig config;
    private final SimulationClock clock;
    private final SupportTraffic traffic;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Map<String, String> seenIncidents = new LinkedHashMap<>(); // id -> severity last seen
    private final Instant end;
    private Timeline timeline;
    private WardenServer server;
    private WardenHttp http;
    private AgentClient agent;
    private Operators ops;
    private EvidenceDesk evidence;
    private long seq;
    private boolean signOffRoles = true;
    private Boolean promotionsEndpoint;

    // the agent's level as its operators know it, and the counts of the current stint
    private String level = "intern";
    private Instant levelSince;
    private long decisions;
    private long allowed;
    private long held;
    private long denied;
    private long approved;
    private long rejected;
    private long failed;
    private long totalDecisions;

    // the promotion work at the current level
    private boolean evidenceAtLevel;
    private int refusalsAtLevel;
    private boolean penTestFailed;
    private Instant penRetestDue;
    private int juniorStints;
    private boolean baselineLearned;

    // the rogue episode and the demotion process
    private Instant principalSince;
    private boolean rogueDone;
    private int demotionStep;
    private Instant demotionStepDue;
    private String demotionIncident;
    private int identityVersion;
    private WardenHttp.Reply shadow;

    private LifecycleSimulation(LifecycleConfig config) {
        this.config = config;
        this.clock = new SimulationClock(config.start());
        this.traffic = new SupportTraffic(config.seed(), config.callsScale());
        this.end = config.start().plus(Duration.ofDays(config.days()));
    }

    /** Runs {@code config} with its server's config and data under {@code workDir}. */
    public static LifecycleRun run(LifecycleConfig config, Path workDir) throws IOException {
        return new LifecycleSimulation(config).run(workDir);
    }

    // ---- the run -------------------------------------------------------------------------------

    private LifecycleRun run(Path workDir) throws IOException {
        long started = System.nanoTime();
        timeline = new Timeline(AGENT, config);
        Path configDir = ServerSetup.write(workDir.resolve("config"), config, true);
        try {
            server = start(configDir, workDir.resolve("data"));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("sign_off_roles")) {
                throw e;
            }
            signOffRoles = false; // a server without the promotion workflow: run what it has
            ServerSetup.write(configDir, config, false);
            server = start(configDir, workDir.resolve("data2"));
        }
        try {
            http = new WardenHttp(server.url());
            ops = Operators.create(http, BOOTSTRAP);
            agent = new AgentClient(AGENT, http, clock, config.seed());
            evidence = new EvidenceDesk(ops, AGENT, clock);
            at(config.start().plus(Duration.ofHours(8)), this::register);
            at(config.start(), () -> startDay(0));
            while (!queue.isEmpty() && queue.peek().at.isBefore(end)) {
                Event e = queue.poll();
                if (e.at.isAfter(clock.instant())) {
                    clock.set(e.at);
                }
                e.action.run();
            }
            clock.set(end);
            settle();
            onCall();
            timeline.stint(new LevelStint(level, levelSince, end, decisions, allowed, held, denied, approved, rejected, failed));
        } finally {
            server.close();
        }
        return new LifecycleRun(timeline, totalDecisions, agent.tokensIssued(), signOffRoles,
                Boolean.TRUE.equals(promotionsEndpoint), Duration.ofNanos(System.nanoTime() - started));
    }

    private WardenServer start(Path configDir, Path dataDir) throws IOException {
        return WardenServer.start(new ServerOptions(configDir, dataDir, "127.0.0.1", 0, Optional.of(BOOTSTRAP), clock));
    }

    private record Event(Instant at, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private void at(Instant when, Runnable action) {
        queue.add(new Event(when, seq++, action));
    }

    private Instant now() {
        return clock.instant();
    }

    /** Waits until the behaviour monitor (off the decision path) has seen every event so far. */
    private void settle() {
        server.warden().behavior().ifPresent(BehaviorMonitor::drain);
    }

    private void event(TimelineEvent.Kind kind, String summary, Map<String, Object> detail) {
        timeline.add(new TimelineEvent(now(), level, kind, summary, detail));
    }

    private static boolean weekday(Instant t) {
        DayOfWeek d = t.atZone(ZoneOffset.UTC).getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    private void startDay(int day) {
        Instant dayStart = config.start().plus(Duration.ofDays(day));
        for (SupportTraffic.Call c : traffic.day(dayStart)) {
            at(c.at(), () -> call(c, null));
        }
        for (int h = 7; h <= 21; h += 2) {
            at(dayStart.plus(Duration.ofHours(h)), this::onCall);
        }
        if (weekday(dayStart)) {
            at(dayStart.plus(Duration.ofMinutes(8 * 60 + 30)), this::morning);
        }
        if (day + 1 < config.days()) {
            at(dayStart.plus(Duration.ofDays(1)), () -> startDay(day + 1));
        }
    }

    private void register() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", AGENT);
        body.put("owner", Operators.OWNER);
        body.put("purpose", "Answers customer tickets: looks up customers and invoices, updates records, opens tickets, "
                + "proposes small refunds.");
        body.put("capabilities", List.of("crm.read", "crm.search", "invoice.read", "crm.update", "ticket.create",
                "payment.refund", "report.export", "records.delete"));
        body.put("version", version());
        body.put("config_digest", EvidenceDesk.digest("support-agent config " + identityVersion));
        body.put("project", ServerSetup.PROJECT);
        body.put("environment", ServerSetup.ENVIRONMENT);
        body.put("public_keys", List.of(agent.publicJwk()));
        WardenHttp.Reply r = Operators.require(ops.post(Operators.ADMIN, "/v1/agents", body), 201, "register the agent");
        level = r.string("level");
        levelSince = Instant.parse(r.string("level_since"));
        event(TimelineEvent.Kind.REGISTERED, "registered by " + Operators.ADMIN + " (owner " + Operators.OWNER + "), level "
                + level + " (" + r.string("level_basis") + ")", Map.of("level_basis", r.string("level_basis")));
    }

    private String version() {
        return "1." + identityVersion + ".0";
    }

    // ---- the agent -----------------------------------------------------------------------------

    /** One call; {@code approvalId} redeems a granted approval. Answers the decision. */
    private WardenHttp.Reply call(SupportTraffic.Call c, String approvalId) {
        Map<String, Object> body = c.body();
        if (approvalId != null) {
            body.put("approval_id", approvalId);
        }
        return decide(body, c.fails());
    }

    private WardenHttp.Reply decide(Map<String, Object> body, boolean fails) {
        WardenHttp.Reply r = agent.decide(body);
        settle();
        decisions++;
        totalDecisions++;
        String decision = r.string("decision");
        if (decision == null) {
            throw new IllegalStateException("decision refused: " + r.status() + " " + r.body());
        }
        switch (decision) {
            case "allow" -> {
                allowed++;
                String id = r.string("decision_id");
                at(now().plusMillis(traffic.between(800, 15_000)), () -> outcome(id, fails));
            }
            case "approval_required" -> {
                held++;
                String approval = r.string("approval_id");
                if (approval != null && !body.containsKey("approval_id")) {
                    at(now().plusSeconds(traffic.between(120, 1500)), () -> review(approval, body, fails));
                }
            }
            default -> denied++;
        }
        return r;
    }

    private void outcome(String decisionId, boolean fails) {
        WardenHttp.Reply r = agent.outcome(decisionId, fails);
        settle();
        if (r.status() == 201 && fails) {
            failed++;
        }
    }

    /** The approver decides a held call; the agent redeems a granted one shortly after. */
    private void review(String approvalId, Map<String, Object> body, boolean fails) {
        boolean approve = traffic.uniform() >= 0.025;
        WardenHttp.Reply r = ops.post(Operators.APPROVER, "/v1/approvals/" + approvalId + (approve ? "/approve" : "/deny"),
                Map.of("note", approve ? "checked against the ticket" : "not what the customer asked for"));
        if (r.status() != 200) {
            return; // revoked or expired meanwhile
        }
        if (!approve) {
            rejected++;
            return;
        }
        approved++;
        at(now().plusSeconds(traffic.between(10, 90)), () -> {
            Map<String, Object> again = new LinkedHashMap<>(body);
            again.put("approval_id", approvalId);
            decide(again, fails);
        });
    }

    // ---- on call: incidents and the level ------------------------------------------------------

    private void onCall() {
        WardenHttp.Reply list = ops.get(Operators.ADMIN, "/v1/incidents?agent=" + AGENT + "&limit=50");
        List<Map<String, Object>> incidents = new ArrayList<>(list.list("incidents"));
        Collections.reverse(incidents); // oldest first
        for (Map<String, Object> i : incidents) {
            String id = (String) i.get("incident_id");
            String before = seenIncidents.put(id, String.valueOf(i.get("severity")));
            if (before == null) {
                opened(id, false);
            } else if (!before.equals(i.get("severity"))) {
                opened(id, true);
            }
        }
        checkLevel();
    }

    /** A new incident, or one whose severity rose since it was last seen ({@code escalated}: described by its latest anomaly). */
    private void opened(String id, boolean escalated) {
        WardenHttp.Reply inc = ops.get(Operators.ADMIN, "/v1/incidents/" + id);
        String severity = inc.string("severity");
        seenIncidents.put(id, severity);
        Map<String, Object> first = escalated ? lastAnomaly(inc) : firstAnomaly(inc);
        String detector = first == null ? "?" : String.valueOf(first.get("detector"));
        List<String> responses = inc.list("responses").stream().map(x -> String.valueOf(x.get("action"))).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("severity", severity);
        detail.put("detector", detector);
        detail.put("opened_at", inc.string("opened_at"));
        detail.put("responses", responses);
        String summary = first == null ? "" : String.valueOf(first.get("summary"));
        detail.put("summary", summary);
        Instant at = escalated && first != null ? Instant.parse(String.valueOf(first.get("at"))) : Instant.parse(inc.string("opened_at"));
        timeline.add(new TimelineEvent(at, level, TimelineEvent.Kind.INCIDENT,
                (escalated ? "incident escalated to " + severity + ", " : severity + " incident, ") + detector + ": " + brief(summary)
                        + (responses.isEmpty() ? "" : "; responses: " + String.join(", ", responses)), detail));
        if ("critical".equals(severity) && demotionStep == 0) {
            ops.post(Operators.ADMIN, "/v1/incidents/" + id + "/ack", Map.of("note", "on call: investigating"));
            demotionIncident = id;
            demotionStep = 1;
            demotionStepDue = nextMorning();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstAnomaly(WardenHttp.Reply incident) {
        for (Map<String, Object> t : incident.list("timeline")) {
            if ("anomaly".equals(t.get("type")) && t.get("detail") instanceof Map<?, ?> d) {
                Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) d);
                m.put("summary", t.get("summary"));
                return m;
            }
        }
        return null;
    }

    /** At most 120 characters of {@code text}. */
    private static String brief(String text) {
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastAnomaly(WardenHttp.Reply incident) {
        Map<String, Object> last = null;
        for (Map<String, Object> t : incident.list("timeline")) {
            if ("anomaly".equals(t.get("type")) && t.get("detail") instanceof Map<?, ?> d) {
                last = new LinkedHashMap<>((Map<String, Object>) d);
                last.put("summary", t.get("summary"));
                last.put("at", t.get("at"));
            }
        }
        return last;
    }

    private void checkLevel() {
        WardenHttp.Reply a = ops.get(Operators.ADMIN, "/v1/agents/" + AGENT);
        String now = a.string("level");
        if (now == null || now.equals(level)) {
            return;
        }
        String before = level;
        changeLevel(now, Instant.parse(a.string("level_since")));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level_before", before);
        detail.put("level_basis", a.string("level_basis"));
        Optional<Map<String, Object>> record = openDemotion();
        record.ifPresent(d -> detail.put("demotion", d));
        event(LEVELS.indexOf(now) < LEVELS.indexOf(before) ? TimelineEvent.Kind.DEMOTED : TimelineEvent.Kind.PROMOTED,
                before + " → " + now + " (" + a.string("level_basis") + ")" + record.map(d -> ", demotion record "
                        + d.get("state") + stepsOf(d)).orElse(""), detail);
    }

    private static String stepsOf(Map<String, Object> demotion) {
        if (!(demotion.get("steps") instanceof List<?> steps) || steps.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (Object s : steps) {
            names.add(s instanceof Map<?, ?> m ? String.valueOf(m.containsKey("step") ? m.get("step")
                    : m.containsKey("kind") ? m.get("kind") : m.get("name")) : String.valueOf(s));
        }
        return " (steps: " + String.join(", ", names) + ")";
    }

    /** The agent's open demotion record, when the server keeps them. */
    private Optional<Map<String, Object>> openDemotion() {
        WardenHttp.Reply r = ops.get(Operators.ADMIN, "/v1/agents/" + AGENT + "/demotions");
        if (r.status() != 200) {
            return Optional.empty();
        }
        return r.list("demotions").stream().filter(d -> "open".equals(d.get("state"))).reduce((a, b) -> b);
    }

    private void changeLevel(String to, Instant since) {
        timeline.stint(new LevelStint(level, levelSince, now(), decisions, allowed, held, denied, approved, rejected, failed));
        decisions = allowed = held = denied = approved = rejected = failed = 0;
        level = to;
        levelSince = since;
        evidenceAtLevel = false;
        refusalsAtLevel = 0;
        penTestFailed = false;
        penRetestDue = null;
        if (to.equals("junior")) {
            juniorStints++;
        }
        principalSince = to.equals("principal") ? since : null;
    }

    private Instant nextMorning() {
        Instant day = now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        while (!weekday(day)) {
            day = day.plus(Duration.ofDays(1));
        }
        return day.plus(Duration.ofMinutes(8 * 60 + 30));
    }

    // ---- the weekday morning -------------------------------------------------------------------

    private void morning() {
        onCall();
        triage();
        if (!baselineLearned) {
            WardenHttp.Reply b = ops.get(Operators.ADMIN, "/v1/agents/" + AGENT + "/baseline");
            if (Boolean.FALSE.equals(b.get("learning"))) {
                baselineLearned = true;
                event(TimelineEvent.Kind.BASELINE, "behaviour baseline established from " + b.get("operations") + " operations",
                        Map.of("operations", b.get("operations")));
            }
        }
        if (demotionStep > 0) {
            if (!now().isBefore(demotionStepDue)) {
                demotionStep();
            }
            return;
        }
        if (level.equals("principal")) {
            if (!rogueDone && principalSince != null
                    && !now().isBefore(principalSince.plus(Duration.ofDays(config.rogueAfterDays())))) {
                rogueDone = true;
                rogue(now().plus(Duration.ofMinutes(104)));
            }
            return;
        }
        promotionWork();
    }

    /** Benign incidents: the on-call admin lifts their responses and closes them. */
    private void triage() {
        for (String state : List.of("open", "acknowledged")) {
            for (Map<String, Object> i : ops.get(Operators.ADMIN, "/v1/incidents?agent=" + AGENT + "&state=" + state).list("incidents")) {
                String id = (String) i.get("incident_id");
                if (id.equals(demotionIncident) || "critical".equals(i.get("severity"))) {
                    continue;
                }
                WardenHttp.Reply inc = ops.get(Operators.ADMIN, "/v1/incidents/" + id);
                Map<String, Object> first = firstAnomaly(inc);
                String detector = first == null ? "?" : String.valueOf(first.get("detector"));
                if (detector.equals("reverification") && demotionStep > 0) {
                    continue; // closed by the demotion process once the new version passed
                }
                for (Map<String, Object> r : inc.list("responses")) {
                    if (Boolean.TRUE.equals(r.get("in_force"))) {
                        ops.post(Operators.ADMIN, "/v1/incidents/" + id + "/responses/" + r.get("n") + "/undo", Map.of());
                    }
                }
                boolean expected = detector.equals("deny_spike") || detector.equals("reverification");
                String note = expected
                        ? "root cause: " + (detector.equals("deny_spike") ? "calls denied by the ceiling of the agent's lower level; expected"
                        : "re-verification of the new version passed")
                        : "reviewed: ordinary traffic, no misbehaviour";
                WardenHttp.Reply closed = ops.post(Operators.ADMIN, "/v1/incidents/" + id + (expected ? "/resolve" : "/false-positive"),
                        Map.of("note", note));
                if (closed.status() == 200) {
                    event(TimelineEvent.Kind.INCIDENT_CLOSED, (expected ? "resolved " : "marked false positive ") + detector
                            + " incident: " + note, ordered("detector", detector, "state", closed.string("state")));
                }
            }
        }
    }

    // ---- promotions ----------------------------------------------------------------------------

    private enum Mode { ON_TIME_ALONE, PEN_TEST_FAILS, NORMAL }

    private void promotionWork() {
        String next = LEVELS.get(LEVELS.indexOf(level) + 1);
        WardenHttp.Reply reply = ops.get(Operators.OWNER, "/v1/agents/" + AGENT + "/readiness");
        if (reply.status() != 200) {
            throw new IllegalStateException("readiness: " + reply.body());
        }
        ReadinessView readiness = new ReadinessView(reply.json());
        Mode mode = level.equals("intern") ? Mode.ON_TIME_ALONE
                : level.equals("junior") && juniorStints == 1 ? Mode.PEN_TEST_FAILS : Mode.NORMAL;
        if (mode == Mode.ON_TIME_ALONE && refusalsAtLevel == 0 && !evidenceAtLevel) {
            if (readiness.checkPassed("performance", "time_at_level")) {
                request(next, readiness, "time at level reached");
                if (!level.equals(next)) {
                    gatherEvidence(next, true);
                }
            }
            return;
        }
        if (!readiness.gatePassed("performance") || !readiness.gatePassed("incident_record") || !readiness.controlsPassed()) {
            return;
        }
        if (!evidenceAtLevel) {
            gatherEvidence(next, mode != Mode.PEN_TEST_FAILS);
        }
        if (penRetestDue != null) {
            if (now().isBefore(penRetestDue)) {
                return;
            }
            penRetestDue = null;
            List<String> done = evidence.retest();
            event(TimelineEvent.Kind.EVIDENCE, "penetration test repeated after the fix: " + String.join(", ", done),
                    Map.of("recorded", done));
        }
        request(next, readiness, "gates passed");
        if (!level.equals(next) && penTestFailed && penRetestDue == null) {
            penTestFailed = false;
            penRetestDue = now().plus(Duration.ofDays(2));
        }
    }

    /** The owner asks for {@code next}. */
    private void request(String next, ReadinessView readiness, String why) {
        shadow = ops.get(Operators.OWNER, "/v1/agents/" + AGENT + "/shadow");
        Map<String, Object> body = Map.of("to", next, "reason", why + "; requested by the owner");
        WardenHttp.Reply r = ops.post(Operators.OWNER, "/v1/agents/" + AGENT + "/promotions", body);
        if (r.status() == 404 && "not_found".equals(r.error())) {
            promotionsEndpoint = false;
            emulatedRequest(next, new ReadinessView(ops.get(Operators.OWNER, "/v1/agents/" + AGENT + "/readiness").json()), why);
            return;
        }
        promotionsEndpoint = true;
        if (r.status() == 201) {
            @SuppressWarnings("unchecked")
            ReadinessView passed = r.get("readiness") instanceof Map<?, ?> m ? new ReadinessView((Map<String, Object>) m) : readiness;
            promoted(next, r.string("level_basis"), passed);
        } else if (r.status() == 409) {
            refused(next, r.list("failures"), r.get("controls_missing"));
        } else {
            throw new IllegalStateException("promotion request: " + r.status() + " " + r.body());
        }
    }

    /** Without the promotions endpoint: the owner checks the gates readiness shows and the controls, and an admin grants the level. */
    private void emulatedRequest(String next, ReadinessView readiness, String why) {
        List<Map<String, Object>> failures = readiness.failures();
        if (!failures.isEmpty() || !readiness.controlsMissing().isEmpty()) {
            refused(next, failures, readiness.controlsMissing());
            return;
        }
        Operators.require(ops.post(Operators.ADMIN, "/v1/agents/" + AGENT + "/level",
                Map.of("level", next, "reason", why + " (the gates readiness shows and the controls checked by the owner)")), 200, "set level");
        promoted(next, "granted", readiness);
    }

    private void promoted(String next, String basis, ReadinessView readiness) {
        WardenHttp.Reply a = ops.get(Operators.ADMIN, "/v1/agents/" + AGENT);
        String before = level;
        changeLevel(next, Instant.parse(a.string("level_since")));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level_before", before);
        detail.put("level_basis", basis);
        detail.putAll(readiness.figures());
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s days at %s", detail.getOrDefault("time_at_level_days", "?"), before));
        parts.add(detail.getOrDefault("operations", "?") + " operations");
        if (detail.get("accuracy") instanceof Double acc) {
            parts.add(String.format(Locale.ROOT, "accuracy %.2f %%", 100 * acc));
        }
        if (detail.get("availability") instanceof Double av) {
            parts.add(String.format(Locale.ROOT, "availability %.2f %%", 100 * av));
        }
        if (detail.get("response_time_p95_seconds") instanceof Double p) {
            parts.add(String.format(Locale.ROOT, "p95 response %.1f s", p));
        }
        if (shadow != null && shadow.status() == 200) {
            detail.put("shadow_would_allow_without_approval", shadow.get("would_allow_without_approval"));
            detail.put("shadow_would_ask_for_approval", shadow.get("would_ask_for_approval"));
            detail.put("shadow_error_rate_at_next_level", shadow.get("error_rate_at_next_level"));
            if (shadow.get("would_ask_for_approval") instanceof Number ask && ask.longValue() > 0) {
                parts.add("shadow: " + ask + " calls denied at " + before + " that " + next + " would have put to a human");
            }
            if (shadow.get("would_allow_without_approval") instanceof Number allow && allow.longValue() > 0) {
                parts.add("shadow: " + allow + " held calls " + next + " would have let through, error rate "
                        + (shadow.get("error_rate_at_next_level") instanceof Number e
                        ? String.format(Locale.ROOT, "%.2f %%", 100 * e.doubleValue()) : "–"));
            }
        }
        event(TimelineEvent.Kind.PROMOTED, before + " → " + next + " (" + basis + "): " + String.join(", ", parts), detail);
    }

    private void refused(String next, List<Map<String, Object>> failures, Object controlsMissing) {
        refusalsAtLevel++;
        List<String> named = new ArrayList<>();
        for (Map<String, Object> f : failures) {
            named.add(f.get("gate") + "/" + f.get("check"));
        }
        if (controlsMissing instanceof List<?> l && !l.isEmpty()) {
            named.add("controls missing: " + l);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("to", next);
        detail.put("failures", failures);
        detail.put("controls_missing", controlsMissing == null ? List.of() : controlsMissing);
        event(TimelineEvent.Kind.PROMOTION_REFUSED, "request for " + next + " refused (409): " + String.join(", ", named), detail);
    }

    /** The sign-off roles record what the ATF asks for {@code target}. */
    private void gatherEvidence(String target, boolean penTestPasses) {
        evidenceAtLevel = true;
        penTestFailed = LEVELS.indexOf(target) >= 2 && !penTestPasses;
        List<String> done = evidence.gather(level, target, penTestPasses);
        event(TimelineEvent.Kind.EVIDENCE, "for " + target + ": " + String.join(", ", done), Map.of("recorded", done));
    }

    /** A map of {@code key, value, ...} in that order (JSON written from it is the same in every run). */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- the rogue episode and the demotion process --------------------------------------------

    /** What the rogue episode's calls got. */
    private static final class Episode {
        int calls;
        int allowedAbove;
        int allowedIntern;
        final Map<String, Integer> denied = new TreeMap<>();
    }

    /** A prompt injection in a ticket, then a burst of reads of customers the agent never works on, a bulk export and deletes. */
    private void rogue(Instant start) {
        Episode ep = new Episode();
        at(start, () -> event(TimelineEvent.Kind.ROGUE, "a ticket carries a prompt injection; the agent follows it: "
                + "reads 45 customers outside its working set within 36 s, asks for a bulk export and for 3 deletes", Map.of()));
        for (RogueEpisode.Step step : RogueEpisode.script(config.seed(), traffic::known)) {
            at(start.plus(step.after()), () -> rogueCall(step.body(), ep));
        }
        at(start.plus(RogueEpisode.LENGTH), () -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("calls", ep.calls);
            d.put("allowed_before_demotion", ep.allowedAbove);
            d.put("allowed_after_demotion", ep.allowedIntern);
            d.put("denied", ep.denied.values().stream().mapToInt(Integer::intValue).sum());
            d.put("denied_by_reason", ep.denied);
            event(TimelineEvent.Kind.ROGUE, String.format(Locale.ROOT, "episode over: %d calls; %d allowed before the demotion, "
                    + "%d after it; denied: %s", ep.calls, ep.allowedAbove, ep.allowedIntern, ep.denied.toString()
                    .replaceAll("[{}]", "").replace("=", " ")), d);
        });
    }

    private void rogueCall(Map<String, Object> body, Episode ep) {
        boolean above = !level.equals("intern");
        WardenHttp.Reply r = decide(new LinkedHashMap<>(body), false);
        ep.calls++;
        if ("allow".equals(r.get("decision"))) {
            if (above) {
                ep.allowedAbove++;
            } else {
                ep.allowedIntern++;
            }
        } else {
            String code = r.list("reasons").stream().map(x -> String.valueOf(x.get("code"))).findFirst().orElse("?");
            ep.denied.merge(r.get("decision") + ":" + code, 1, Integer::sum);
        }
        onCall();
    }

    private void demotionStep() {
        Optional<Map<String, Object>> record = openDemotion();
        String base = "/v1/agents/" + AGENT + "/demotions/"
                + record.map(d -> String.valueOf(d.containsKey("id") ? d.get("id") : d.get("demotion_id"))).orElse("");
        if (demotionStep == 1) {
            String rootCause = "root cause: the agent obeyed instructions embedded in a customer ticket (prompt injection) and "
                    + "read customer records outside its task";
            String remediation = "version 1.1.0: ticket text passed to the model as quoted data only; the agent's tool code "
                    + "refuses reads of customers not linked to the ticket";
            String recorded = " (no demotion record on this server)";
            if (record.isPresent()) {
                WardenHttp.Reply r = ops.post(Operators.ADMIN, base + "/root-cause", Map.of("note", rootCause, "remediation", remediation));
                recorded = r.status() == 200 ? " on the demotion record" : " [" + r.status() + " " + r.error() + "]";
            }
            WardenHttp.Reply resolved = ops.post(Operators.ADMIN, "/v1/incidents/" + demotionIncident + "/resolve", Map.of("note", rootCause));
            event(TimelineEvent.Kind.DEMOTION_STEP, rootCause + "; recorded with the remediation" + recorded + "; critical incident "
                    + resolved.string("state"), ordered("root_cause", rootCause, "remediation", remediation));
            identityVersion++;
            WardenHttp.Reply id = ops.post(Operators.ADMIN, "/v1/agents/" + AGENT + "/identity", Map.of("version", version(),
                    "config_digest", EvidenceDesk.digest("support-agent config " + identityVersion), "reason", remediation));
            event(TimelineEvent.Kind.DEMOTION_STEP, "remediation shipped: identity changed to version " + version() + " (" + id.status()
                    + "); a re-verification review opens", Map.of("version", version()));
            onCall();
            demotionStep = 2;
            demotionStepDue = nextMorning();
            return;
        }
        for (Map<String, Object> i : ops.get(Operators.ADMIN, "/v1/incidents?agent=" + AGENT + "&state=open").list("incidents")) {
            WardenHttp.Reply inc = ops.get(Operators.ADMIN, "/v1/incidents/" + i.get("incident_id"));
            Map<String, Object> first = firstAnomaly(inc);
            if (first != null && "reverification".equals(first.get("detector"))) {
                ops.post(Operators.ADMIN, "/v1/incidents/" + i.get("incident_id") + "/resolve",
                        Map.of("note", "re-verified: version " + version() + " passed the regression and injection suites"));
            }
        }
        List<String> lifted = new ArrayList<>();
        WardenHttp.Reply critical = ops.get(Operators.ADMIN, "/v1/incidents/" + demotionIncident);
        for (Map<String, Object> r : critical.list("responses")) {
            String action = String.valueOf(r.get("action"));
            if (Boolean.TRUE.equals(r.get("in_force")) && !action.startsWith("demote")) {
                WardenHttp.Reply undone = ops.post(Operators.ADMIN, "/v1/incidents/" + demotionIncident + "/responses/" + r.get("n")
                        + "/undo", Map.of());
                if (undone.status() == 200) {
                    lifted.add(action);
                }
            }
        }
        String reactivated = " (no demotion record on this server)";
        Map<String, Object> closed = Map.of();
        if (record.isPresent()) {
            WardenHttp.Reply r = ops.post(Operators.ADMIN, base + "/reactivate", Map.of("reason", "version " + version()
                    + " re-verified; root cause addressed"));
            closed = r.json();
            reactivated = r.status() == 200 ? "; demotion record " + r.string("state") + stepsOf(r.json())
                    : " [" + r.status() + " " + r.error() + "]";
        }
        WardenHttp.Reply a = ops.get(Operators.ADMIN, "/v1/agents/" + AGENT);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", a.string("level"));
        detail.put("level_since", a.string("level_since"));
        detail.put("status", a.string("status"));
        levelSince = Instant.parse(a.string("level_since"));
        detail.put("responses_lifted", lifted);
        detail.put("demotion", closed);
        event(TimelineEvent.Kind.DEMOTION_STEP, "re-verification passed, review resolved; responses lifted ("
                + (lifted.isEmpty() ? "none in force" : String.join(", ", lifted)) + "); reactivated at " + a.string("level")
                + " (" + a.string("status") + ", time at level from " + a.string("level_since").substring(0, 16) + ")" + reactivated,
                detail);
        demotionStep = 0;
        demotionIncident = null;
    }
}
