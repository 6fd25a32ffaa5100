package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.audit.cite.Citations;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentStore;
import dev.warden.incident.TimelineEntry;
import dev.warden.json.JsonReader;
import dev.warden.maturity.ControlsInForce;
import dev.warden.maturity.ControlsReport;
import dev.warden.maturity.GateEvidence;
import dev.warden.maturity.Readiness;
import dev.warden.maturity.ShadowEvidence;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An agent's evidence dossier for a promotion review (format {@value #FORMAT}): its identity and
 * level, the readiness gates with every check's numbers and the next level's controls, shadow
 * mode's results, its incidents with their timelines and root causes, the sign-offs
 * ({@code maturity.*} records), demotions ({@code agent.demotion_step}), its level history, daily
 * figures over its life, and {@code cited}: every non-decision record the dossier rests on with its
 * inclusion proof against one signed checkpoint ({@link Citations}), so that a reviewer can verify
 * it offline ({@code warden audit verify-dossier}).
 *
 * <p>Cited: the agent's records of kinds {@code agent.*}, {@code incident.*} and
 * {@code maturity.*}, and {@code maturity.*} records naming it as {@code target} (or withdrawing
 * one of its sign-offs). Decisions, outcomes and approvals are only counted in {@code series}.
 */
final class AgentDossier {
    /** The document's format name. */
    static final String FORMAT = "warden.agent.dossier/v1";
    /** Records of the agent read at most; beyond, the series and citations are partial. */
    static final int MAX_RECORDS = 1_000_000;
    /** Records cited at most. */
    static final int MAX_CITED = 20_000;
    private static final int PAGE = 1000;
    private static final List<String> MATURITY_KINDS = List.of("maturity.attested", "maturity.business_value",
            "maturity.signed_off", "maturity.sign_off_withdrawn");
    private static final Set<String> LEVEL_KINDS = Set.of("agent.registered", "agent.level_changed", "agent.promoted",
            "agent.promotion_refused", "agent.restored", "agent.quarantined", "agent.killed", "agent.identity_changed",
            "agent.demotion_step");
    private static final List<String> LEVEL_FIELDS = List.of("actor", "reason", "level_before", "level", "level_basis",
            "granted_without_gates", "status_before", "status", "demotion_id", "step", "detail");
    private static final Set<String> ENTRY_HEADER = Set.of("schema", "seq", "kind", "time", "agent", "session",
            "decision_id", "decision");
    static final String ACCURACY = "per day: 1 - (failed outcomes + denied approval requests) / (outcomes reported "
            + "+ approval requests decided by a human), null on a day with neither; as the performance gate's "
            + "accuracy, without rolled-back calls";

    private final AuditStore records;
    private final IncidentStore incidents;
    private final GateEvidence gates;
    private final ShadowEvidence shadow;
    private final ControlsInForce controls;
    private final Citations citations;
    private final Clock clock;

    AgentDossier(AuditStore records, IncidentStore incidents, GateEvidence gates, ShadowEvidence shadow,
                 ControlsInForce controls, Citations citations, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.gates = Objects.requireNonNull(gates, "gates");
        this.shadow = Objects.requireNonNull(shadow, "shadow");
        this.controls = controls;
        this.citations = Objects.requireNonNull(citations, "citations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The dossier of {@code agent} as plain JSON values. */
    Map<String, Object> build(Agent agent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("generated_at", clock.instant().toString());
        out.put("agent", agent(agent));
        out.put("readiness", readiness(agent));
        out.put("shadow", atTheTop(() -> ShadowApi.wire(shadow.report(agent))));

        History h = history(agent);
        List<AuditRecord> cited = h.cited.size() > MAX_CITED ? h.cited.subList(h.cited.size() - MAX_CITED, h.cited.size()) : h.cited;
        Map<Long, Map<String, Object>> fields = new TreeMap<>();
        cited.forEach(r -> fields.put(r.seq(), JsonReader.parseObject(r.entry())));

        out.put("incidents", incidents(agent, cited, fields));
        out.put("sign_offs", signOffs(cited, fields));
        out.put("demotions", demotions(cited, fields));
        out.put("level_history", levelHistory(cited, fields));
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("accuracy_definition", ACCURACY);
        series.put("days", h.days(agent, clock));
        out.put("series", series);
        Map<String, Object> c = citations.cite(cited);
        c.put("truncated", h.truncated || h.cited.size() > MAX_CITED);
        out.put("cited", c);
        return out;
    }

    private static Map<String, Object> agent(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("id", a.id().toString());
        m.put("owner", a.owner());
        m.put("purpose", a.purpose());
        m.put("project", a.project());
        m.put("environment", a.environment());
        m.put("level", a.level().wire());
        m.put("level_basis", a.levelBasis().wire());
        m.put("level_since", a.levelSince().toString());
        m.put("granted_without_gates", !a.levelBasis().gated());
        m.put("status", a.status().wire());
        m.put("version", a.version());
        m.put("config_digest", a.configDigest());
        m.put("registered_at", a.createdAt().toString());
        return m;
    }

    /**
     * The section {@code section} makes, or for a principal (no level above: {@code invalid_field})
     * {@code {"next_level": null, "note": why}}.
     */
    private static Map<String, Object> atTheTop(java.util.function.Supplier<Map<String, Object>> section) {
        try {
            return section.get();
        } catch (WardenException e) {
            if (e.code() != ErrorCode.INVALID_FIELD) {
                throw e;
            }
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("next_level", null);
            none.put("note", e.getMessage());
            return none;
        }
    }

    private Map<String, Object> readiness(Agent agent) {
        return atTheTop(() -> readinessOf(agent));
    }

    private Map<String, Object> readinessOf(Agent agent) {
        Readiness r = gates.readiness(agent);
        Map<String, Object> m = ReadinessApi.wire(r);
        if (controls != null) {
            ControlsReport c = controls.check(agent, r.next());
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("passed", c.allInForce());
            in.put("missing", c.missing());
            in.put("controls", ControlsApi.wire(c).get("controls"));
            m.put("controls", in);
        }
        return m;
    }

    private List<Map<String, Object>> incidents(Agent agent, List<AuditRecord> cited, Map<Long, Map<String, Object>> fields) {
        List<Incident> all = new ArrayList<>();
        Optional<String> before = Optional.empty();
        while (true) {
            List<Incident> page = incidents.list(new IncidentQuery(Optional.of(agent.name()), Optional.empty(), before, PAGE));
            all.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            before = Optional.of(page.getLast().id());
        }
        all.sort(Comparator.comparing(Incident::openedAt));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : all) {
            Map<String, Object> m = i.toMap();
            m.put("root_cause", rootCause(i));
            m.put("records", cited.stream().filter(r -> r.kind().startsWith("incident.")
                            && i.id().equals(fields.get(r.seq()).get("incident_id")))
                    .map(r -> ref(r, fields.get(r.seq()), List.of("incident_id", "state", "note"))).toList());
            out.add(m);
        }
        return out;
    }

    /** The note of the operator who closed it (resolved or false positive), the root cause. */
    private static String rootCause(Incident i) {
        String note = null;
        for (TimelineEntry e : i.timeline()) {
            Object state = e.detail().get("state");
            if ("operator".equals(e.type()) && ("resolved".equals(state) || "false_positive".equals(state))
                    && e.detail().get("note") instanceof String n && !n.isBlank()) {
                note = n;
            }
        }
        return note;
    }

    private static List<Map<String, Object>> signOffs(List<AuditRecord> cited, Map<Long, Map<String, Object>> fields) {
        Set<Object> withdrawn = new HashSet<>();
        cited.stream().filter(r -> r.kind().equals("maturity.sign_off_withdrawn"))
                .forEach(r -> withdrawn.add(fields.get(r.seq()).get("id")));
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditRecord r : cited) {
            if (!r.kind().startsWith("maturity.")) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", r.seq());
            m.put("kind", r.kind());
            m.put("time", r.time().toString());
            fields.get(r.seq()).forEach((k, v) -> {
                if (!ENTRY_HEADER.contains(k)) {
                    m.put(k, v);
                }
            });
            if (r.kind().equals("maturity.signed_off")) {
                m.put("withdrawn", withdrawn.contains(fields.get(r.seq()).get("id")));
            }
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> demotions(List<AuditRecord> cited, Map<Long, Map<String, Object>> fields) {
        Map<String, List<Map<String, Object>>> byId = new LinkedHashMap<>();
        for (AuditRecord r : cited) {
            if (r.kind().equals("agent.demotion_step")) {
                Map<String, Object> f = fields.get(r.seq());
                byId.computeIfAbsent(String.valueOf(f.get("demotion_id")), k -> new ArrayList<>())
                        .add(ref(r, f, List.of("step", "actor", "level_before", "level", "detail")));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byId.forEach((id, steps) -> {
            steps.sort(Comparator.comparingLong((Map<String, Object> s) -> s.get("step") instanceof Number n ? n.longValue() : Long.MAX_VALUE)
                    .thenComparingLong(s -> (Long) s.get("seq")));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("demotion_id", id);
            m.put("started_at", steps.getFirst().get("time"));
            m.put("steps", steps);
            out.add(m);
        });
        return out;
    }

    private static List<Map<String, Object>> levelHistory(List<AuditRecord> cited, Map<Long, Map<String, Object>> fields) {
        return cited.stream().filter(r -> LEVEL_KINDS.contains(r.kind()))
                .map(r -> ref(r, fields.get(r.seq()), LEVEL_FIELDS)).toList();
    }

    /** A section item citing record {@code r}: its seq, kind and time, and the named fields it has. */
    private static Map<String, Object> ref(AuditRecord r, Map<String, Object> f, List<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("kind", r.kind());
        m.put("time", r.time().toString());
        for (String k : keys) {
            if (f.containsKey(k)) {
                m.put(k, f.get(k));
            }
        }
        return m;
    }

    /** One pass over the agent's records: what to cite, and the daily counts. */
    private History history(Agent agent) {
        History h = new History();
        long after = 0;
        int read = 0;
        read:
        while (true) {
            List<AuditRecord> page = records.read(new AuditQuery(after, PAGE, Optional.of(agent.name()), Optional.empty()));
            for (AuditRecord r : page) {
                if (read++ == MAX_RECORDS) {
                    h.truncated = true;
                    break read;
                }
                h.add(r);
                after = r.seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        Set<Object> signOffIds = new HashSet<>();
        List<AuditRecord> withdrawals = new ArrayList<>();
        for (String kind : MATURITY_KINDS) {
            long from = 0;
            while (true) {
                List<AuditRecord> page = records.read(new AuditQuery(from, PAGE, Optional.empty(), Optional.of(kind)));
                for (AuditRecord r : page) {
                    Map<String, Object> f = JsonReader.parseObject(r.entry());
                    if (agent.name().equals(f.get("target")) || agent.name().equals(r.agent())) {
                        h.cite(r);
                        signOffIds.add(f.get("id"));
                    } else if (kind.equals("maturity.sign_off_withdrawn")) {
                        withdrawals.add(r);
                    }
                    from = r.seq();
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        withdrawals.stream().filter(r -> signOffIds.contains(JsonReader.parseObject(r.entry()).get("id"))).forEach(h::cite);
        h.cited.sort(Comparator.comparingLong(AuditRecord::seq));
        return h;
    }

    /** What one pass over the records gathers. */
    private static final class History {
        final List<AuditRecord> cited = new ArrayList<>();
        final Set<Long> citedSeqs = new HashSet<>();
        final TreeMap<LocalDate, long[]> days = new TreeMap<>();
        boolean truncated;

        // day counters: decisions, allowed, denied, held, outcomes, failed, approvals decided, approvals denied
        void add(AuditRecord r) {
            String kind = r.kind();
            if (kind.startsWith("agent.") || kind.startsWith("incident.") || kind.startsWith("maturity.")) {
                cite(r);
                return;
            }
            long[] d = days.computeIfAbsent(LocalDate.ofInstant(r.time(), ZoneOffset.UTC), k -> new long[8]);
            switch (kind) {
                case "decision" -> {
                    d[0]++;
                    switch (String.valueOf(r.decision())) {
                        case "allow" -> d[1]++;
                        case "deny" -> d[2]++;
                        case "approval_required" -> d[3]++;
                        default -> { }
                    }
                }
                case "outcome" -> {
                    d[4]++;
                    if ("failed".equals(JsonReader.parseObject(r.entry()).get("outcome"))) {
                        d[5]++;
                    }
                }
                case "approval.approved" -> d[6]++;
                case "approval.denied" -> {
                    d[6]++;
                    d[7]++;
                }
                default -> { }
            }
        }

        void cite(AuditRecord r) {
            if (citedSeqs.add(r.seq())) {
                cited.add(r);
            }
        }

        /** Every day from registration to today, oldest first (days without records count zero). */
        List<Map<String, Object>> days(Agent agent, Clock clock) {
            LocalDate first = LocalDate.ofInstant(agent.createdAt(), ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (!days.isEmpty() && days.lastKey().isAfter(last)) {
                last = days.lastKey();
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last) && out.size() < 36_600; day = day.plusDays(1)) {
                long[] d = days.getOrDefault(day, new long[8]);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("date", day.toString());
                m.put("decisions", d[0]);
                m.put("allowed", d[1]);
                m.put("denied", d[2]);
                m.put("held", d[3]);
                m.put("outcomes", d[4]);
                m.put("failed", d[5]);
                m.put("approvals_decided", d[6]);
                m.put("approvals_denied", d[7]);
                long judged = d[4] + d[6];
                m.put("accuracy", judged == 0 ? null : Math.max(0, 1 - (double) (d[5] + d[7]) / judged));
                out.add(m);
            }
            return out;
        }
    }
}
