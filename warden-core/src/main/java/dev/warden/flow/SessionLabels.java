package dev.warden.flow;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.Tool;
import dev.warden.json.JsonReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data labels of each session: what it has read ({@code pii}, {@code secret},
 * {@code untrusted}, ...), each with the reads that gave it ({@link LabelSource}). Labels only
 * accumulate within a session; nothing takes one away.
 *
 * <p>Every change is a durable {@value #EVENT} audit record written with it
 * ({@link AuditLog#appendDurably(AuditEvent, AuditedChange)}): the session, the agent, the labels the
 * read gives, those new to the session, and the source (decision id, tool, resource, who judged it).
 * At start the labels of sessions still alive are read back from the audit log ({@link #rebuild}).
 * Should the record fail, the labels are held in memory anyway (a label only makes later decisions
 * stricter) and the failure is thrown.
 *
 * <p>Memory is bounded by {@link FlowLimits}: only sessions with labels are kept, at most
 * {@code maxSessions} of them, a session unseen for {@code idle} (at least the token lifetime) is
 * dropped, and the least recently seen go first when the cap is reached. Reading a session's labels
 * ({@link #labels}) is a lock-free map lookup, cheap enough for every decision.
 */
public final class SessionLabels {
    /** The audit event kind of a label change. */
    public static final String EVENT = "session.labeled";

    private static final System.Logger LOG = System.getLogger(SessionLabels.class.getName());
    private static final int PAGE = 1000;

    private final AuditLog audit;
    private final Clock clock;
    private final FlowLimits limits;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /** A store recording its changes in {@code audit}. */
    public SessionLabels(AuditLog audit, Clock clock, FlowLimits limits) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits in force. */
    public FlowLimits limits() {
        return limits;
    }

    /** One labelled session: its agent, when it was last seen, and its labels with their sources. */
    private static final class Session {
        final String agent;
        volatile long lastSeenMs;
        /** Written under the session's lock; the snapshot is replaced, never changed. */
        volatile Set<String> snapshot = Set.of();
        final Map<String, List<LabelSource>> sources = new LinkedHashMap<>();

        Session(String agent, long now) {
            this.agent = agent;
            this.lastSeenMs = now;
        }
    }

    /**
     * A session's labels as an operator sees them.
     *
     * @param session the session id
     * @param agent   its agent
     * @param labels  each label with the sources kept for it, labels in name order
     */
    public record View(String session, String agent, Map<String, List<LabelSource>> labels) {
    }

    /** The labels the session carries now (empty for a session without any), and marks it seen. */
    public Set<String> labels(String session) {
        if (session == null) {
            return Set.of();
        }
        Session s = sessions.get(session);
        if (s == null) {
            return Set.of();
        }
        long now = clock.millis();
        if (now - s.lastSeenMs > limits.idle().toMillis()) {
            sessions.remove(session, s);
            return Set.of();
        }
        s.lastSeenMs = now;
        return s.snapshot;
    }

    /** The session's labels with their sources, empty when it carries none (or was dropped). */
    public Optional<View> view(String session) {
        Session s = sessions.get(session);
        if (s == null || clock.millis() - s.lastSeenMs > limits.idle().toMillis()) {
            return Optional.empty();
        }
        synchronized (s) {
            Map<String, List<LabelSource>> copy = new LinkedHashMap<>();
            new TreeSet<>(s.sources.keySet()).forEach(l -> copy.put(l, List.copyOf(s.sources.get(l))));
            return Optional.of(new View(session, s.agent, copy));
        }
    }

    /** The labelled sessions of an agent, most recently seen first (at most {@code limit}). */
    public List<View> ofAgent(String agent, int limit) {
        List<Map.Entry<String, Session>> mine = new ArrayList<>();
        sessions.forEach((id, s) -> {
            if (s.agent.equals(agent)) {
                mine.add(Map.entry(id, s));
            }
        });
        mine.sort(Comparator.comparingLong((Map.Entry<String, Session> e) -> e.getValue().lastSeenMs).reversed());
        List<View> out = new ArrayList<>();
        for (Map.Entry<String, Session> e : mine) {
            if (out.size() == limit) {
                break;
            }
            view(e.getKey()).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Gives a session labels because of what it read: the public way in for the MCP gateway's
     * output hook and content scanners ({@code untrusted} for an output from outside or flagged as
     * an injection, {@code pii}, {@code secret}, ...). Records a {@value #EVENT} audit record when
     * the read gives the session a label it lacks, or a source of a label it has while fewer than
     * {@code maxSourcesPerLabel} are kept; otherwise nothing changes and nothing is written.
     *
     * @param agent   the agent of the session
     * @param session the session id
     * @param labels  lower-case identifiers ({@link Tool#LABEL})
     * @param source  the read that brought the data in
     * @return the labels new to the session (empty when it had them all)
     * @throws IllegalArgumentException for a label that is no lower-case identifier, or one that would
     *                                  take the session beyond {@code maxLabelsPerSession}
     * @throws WardenException          {@code store_unavailable} when the record could not be written
     *                                  (the labels are held in memory all the same)
     */
    public Set<String> label(String agent, String session, Set<String> labels, LabelSource source) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(source, "source");
        Set<String> sorted = new TreeSet<>(labels);
        for (String l : sorted) {
            if (!Tool.LABEL.matcher(l).matches()) {
                throw new IllegalArgumentException("label '" + l + "' is not a lower-case identifier");
            }
        }
        if (sorted.isEmpty()) {
            return Set.of();
        }
        Session s = session(agent, session);
        synchronized (s) {
            Set<String> added = new TreeSet<>(sorted);
            added.removeAll(s.sources.keySet());
            if (s.sources.size() + added.size() > limits.maxLabelsPerSession()) {
                throw new IllegalArgumentException("session " + session + " would carry more than "
                        + limits.maxLabelsPerSession() + " labels");
            }
            boolean sourceKept = sorted.stream().anyMatch(l -> s.sources.getOrDefault(l, List.of()).size()
                    < limits.maxSourcesPerLabel());
            if (added.isEmpty() && !sourceKept) {
                return Set.of();
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("labels", List.copyOf(sorted));
            fields.put("added", List.copyOf(added));
            fields.put("source", source.wire());
            AuditEvent event = new AuditEvent(EVENT, source.at(), agent, session, source.decisionId().orElse(null), null,
                    fields);
            Runnable apply = () -> apply(s, sorted, source);
            try {
                audit.appendDurably(event, AuditedChange.of(this, () -> {
                    apply.run();
                    return true;
                }, () -> { })); // never reverted: a label only makes decisions stricter, so it stays even unrecorded
            } catch (WardenException e) {
                apply.run();
                LOG.log(System.Logger.Level.ERROR, "labels " + sorted + " of session " + session
                        + " are held but could not be recorded: " + e.getMessage());
                throw e;
            }
            return Set.copyOf(added);
        }
    }

    /**
     * Gives session {@code to} every label session {@code from} carries, as one read (tool
     * {@code session.carry}, resource {@code from}, judged by {@code via}): for a session that
     * continues another, such as an MCP session whose client renewed its token. Nothing happens when
     * {@code from} carries no labels.
     *
     * @return the labels new to {@code to}
     * @throws dev.warden.WardenException as {@link #label}
     */
    public Set<String> carry(String agent, String from, String to, String via) {
        Set<String> carried = labels(from);
        if (carried.isEmpty() || from.equals(to)) {
            return Set.of();
        }
        return label(agent, to, carried, new LabelSource(Optional.empty(), "session.carry", from, clock.instant(), via));
    }

    /** Adds the labels and their source to the session (under its lock) and publishes the new snapshot. */
    private void apply(Session s, Set<String> labels, LabelSource source) {
        for (String l : labels) {
            List<LabelSource> kept = s.sources.computeIfAbsent(l, k -> new ArrayList<>(2));
            if (kept.size() < limits.maxSourcesPerLabel() && !kept.contains(source)) {
                kept.add(source);
            }
        }
        s.snapshot = Set.copyOf(s.sources.keySet());
    }

    private Session session(String agent, String id) {
        long now = clock.millis();
        Session s = sessions.compute(id, (k, old) -> old == null || now - old.lastSeenMs > limits.idle().toMillis()
                ? new Session(agent, now) : old);
        s.lastSeenMs = now;
        if (sessions.size() > limits.maxSessions()) {
            evict(now, id);
        }
        return s;
    }

    /** Drops idle sessions, then the least recently seen until a sixteenth below the cap; never {@code keep}. */
    private synchronized void evict(long now, String keep) {
        sessions.entrySet().removeIf(e -> now - e.getValue().lastSeenMs > limits.idle().toMillis() && !e.getKey().equals(keep));
        int target = limits.maxSessions() - Math.max(1, limits.maxSessions() / 16);
        if (sessions.size() <= limits.maxSessions()) {
            return;
        }
        List<Map.Entry<String, Session>> all = new ArrayList<>(sessions.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().lastSeenMs));
        for (Map.Entry<String, Session> e : all) {
            if (sessions.size() <= target) {
                break;
            }
            if (!e.getKey().equals(keep)) {
                sessions.remove(e.getKey(), e.getValue());
                LOG.log(System.Logger.Level.WARNING, "session " + e.getKey() + " of " + e.getValue().agent
                        + " dropped from the label store (more than " + limits.maxSessions() + " labelled sessions)");
            }
        }
    }

    /** How many labelled sessions are kept. */
    public int size() {
        return sessions.size();
    }

    /**
     * Reads back the labels of the sessions seen within {@code idle}: every {@value #EVENT} record
     * since then is applied again at its recorded time, without writing anything.
     *
     * @return how many records were applied
     */
    @SuppressWarnings("unchecked")
    public long rebuild(AuditStore store) {
        Instant now = clock.instant();
        Instant since = now.minus(limits.idle());
        long after = store.lastSeqBefore(since);
        long applied = 0;
        while (true) {
            List<AuditRecord> page = store.read(new AuditQuery(after, PAGE, Optional.empty(), Optional.of(EVENT)));
            for (AuditRecord r : page) {
                after = r.seq();
                if (r.time().isBefore(since) || r.agent() == null || r.session() == null) {
                    continue;
                }
                try {
                    Map<String, Object> entry = JsonReader.parseObject(r.entry());
                    Set<String> labels = new TreeSet<>((List<String>) entry.get("labels"));
                    Map<String, Object> src = (Map<String, Object>) entry.get("source");
                    LabelSource source = new LabelSource(Optional.ofNullable((String) src.get("decision_id")),
                            (String) src.get("tool"), (String) src.get("resource"), r.time(), (String) src.get("by"));
                    Session s = sessions.computeIfAbsent(r.session(), k -> new Session(r.agent(), r.time().toEpochMilli()));
                    synchronized (s) {
                        s.lastSeenMs = Math.max(s.lastSeenMs, r.time().toEpochMilli());
                        apply(s, labels, source);
                    }
                    applied++;
                } catch (RuntimeException e) {
                    throw new WardenException(ErrorCode.STORE_UNAVAILABLE, "audit record " + r.seq() + " (" + EVENT
                            + ") cannot be read back: " + e.getMessage());
                }
            }
            if (page.size() < PAGE) {
                LOG.log(System.Logger.Level.INFO, "flow: " + applied + " label records of the last "
                        + limits.idle().toMinutes() + " min read back (" + sessions.size() + " labelled sessions)");
                return applied;
            }
        }
    }
}
