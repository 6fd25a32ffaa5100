package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.alert.Alert;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertService;
import dev.warden.alert.AlertState;
import dev.warden.incident.AppliedResponse;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentService;
import dev.warden.incident.IncidentState;
import dev.warden.incident.TimelineEntry;
import dev.warden.operator.Role;
import dev.warden.server.api.v1.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The incidents and alerts pages: {@code /console/incidents} (by status, newest first, paged),
 * {@code /console/incidents/{id}} (the timeline, the responses and the operator's forms) and
 * {@code /console/alerts}. Reading needs the roles {@code GET /v1/incidents} needs (admin or
 * auditor); acting needs admin, as the API's POSTs. Every action goes through the same
 * {@link IncidentService} and {@link AlertService} methods as the API, so its state checks and audit
 * records (with the operator's name) are the API's.
 */
public final class IncidentsConsole implements ConsoleFeature {
    /** Incidents or alerts on one page. */
    static final int PAGE = 50;
    private static final Pattern INCIDENT = Pattern.compile("inc_[0-9a-f]{32}");
    private static final Pattern ALERT = Pattern.compile("alr_[0-9a-f]{32}");
    /** An agent filter: a name's characters only, so it goes into the page's links as it is. */
    private static final Pattern AGENT = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,253}");
    private static final Pattern RESPONSE = Pattern.compile("[1-9][0-9]{0,5}");
    /** Detail keys shown elsewhere in a timeline entry (its actor) rather than as a fact. */
    private static final Set<String> NOT_FACTS = Set.of("actor");
    /** Detail keys shown before the others, in this order. */
    private static final List<String> FIRST = List.of("state", "note", "action", "response", "observed", "baseline", "threshold",
            "severity", "tool", "detector", "anomaly_id", "rule", "evidence");
    private static final String BASE = "/console/incidents";

    private final IncidentService incidents;
    private final AlertService alerts;

    /** The pages over these services. */
    public IncidentsConsole(IncidentService incidents, AlertService alerts) {
        this.incidents = incidents;
        this.alerts = alerts;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get(BASE, guard.get((ctx, in) -> list(guard, ctx, in)));
        routes.get(BASE + "/{id}", guard.get((ctx, in) -> one(guard, ctx, in)));
        routes.post(BASE + "/{id}/ack", guard.post((ctx, in) -> move(guard, ctx, in, incidents::acknowledge)));
        routes.post(BASE + "/{id}/resolve", guard.post((ctx, in) -> move(guard, ctx, in, incidents::resolve)));
        routes.post(BASE + "/{id}/false-positive", guard.post((ctx, in) -> move(guard, ctx, in, incidents::falsePositive)));
        routes.post(BASE + "/{id}/responses/{n}/undo", guard.post((ctx, in) -> undo(guard, ctx, in)));
        routes.get("/console/alerts", guard.get((ctx, in) -> alertList(guard, ctx, in)));
        routes.post("/console/alerts/{id}/ack", guard.post((ctx, in) -> ack(guard, ctx, in)));
    }

    /** An operator action on an incident, as {@link IncidentService} has them. */
    @FunctionalInterface
    private interface Move {
        Incident apply(String id, dev.warden.Actor by, String note);
    }

    private static boolean mayRead(ConsoleGuard guard, Context ctx, SignedIn in) {
        return guard.require(ctx, in, Role.ADMIN, Role.AUDITOR);
    }

    private void list(ConsoleGuard guard, Context ctx, SignedIn in) {
        if (!mayRead(guard, ctx, in)) {
            return;
        }
        IncidentStatusFilter filter = IncidentStatusFilter.parse(ctx.queryParam("status"));
        Optional<String> before = before(ctx, INCIDENT, "an incident id (inc_ and 32 hex digits)");
        Optional<String> agent = Optional.ofNullable(ctx.queryParam("agent")).filter(a -> !a.isBlank());
        if (agent.isPresent() && !AGENT.matcher(agent.get()).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "agent must be an agent's name");
        }
        // one bounded query per state; merged newest (highest id) first and cut to a page
        List<Incident> page = filter.states().stream()
                .flatMap(state -> incidents.list(new IncidentQuery(agent, state, before, PAGE)).stream())
                .sorted(Comparator.comparing(Incident::id).reversed())
                .limit(PAGE)
                .toList();
        List<IncidentsView.Row> rows = page.stream().map(i -> new IncidentsView.Row(i.id(), i.severity().wire(), i.agent(),
                Moment.of(i.openedAt()), i.state().wire().replace('_', ' '), summary(i),
                i.timeline().stream().filter(e -> e.type().equals("anomaly")).count())).toList();
        guard.pages().send(ctx, 200, "incidents.jte", new IncidentsView(in.chrome(), filter, List.of(IncidentStatusFilter.values()),
                agent, rows, page.size() == PAGE ? Optional.of(page.getLast().id()) : Optional.empty()));
    }

    /** The summary of the incident's first anomaly. */
    private static String summary(Incident i) {
        return i.timeline().stream().filter(e -> e.type().equals("anomaly")).map(TimelineEntry::summary)
                .findFirst().filter(s -> !s.isBlank()).orElse("(no summary)");
    }

    private static Optional<String> before(Context ctx, Pattern id, String what) {
        Optional<String> before = Optional.ofNullable(ctx.queryParam("before")).filter(s -> !s.isBlank());
        if (before.isPresent() && !id.matcher(before.get()).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "before must be " + what);
        }
        return before;
    }

    private void one(ConsoleGuard guard, Context ctx, SignedIn in) {
        if (!mayRead(guard, ctx, in)) {
            return;
        }
        Incident i = find(ctx.pathParam("id"));
        boolean admin = in.has(Role.ADMIN);
        List<IncidentView.Step> steps = i.timeline().stream()
                .sorted(Comparator.comparing(TimelineEntry::at)) // stable: entries of the same instant keep their order
                .map(IncidentsConsole::step).toList();
        List<IncidentView.Response> responses = i.responses().stream().map(IncidentsConsole::response).toList();
        guard.pages().send(ctx, 200, "incident.jte", new IncidentView(in.chrome(), i.id(), i.agent(), i.severity().wire(),
                i.state().wire(), Moment.of(i.openedAt()), i.closedAt().map(Moment::of), steps, responses,
                admin && i.state() == IncidentState.OPEN, admin && i.state().isActive(), admin));
    }

    private static IncidentView.Step step(TimelineEntry e) {
        Map<String, Object> d = e.detail();
        String actor = switch (e.type()) {
            case "anomaly" -> "detector " + d.getOrDefault("detector", "?");
            case "response" -> IncidentService.ACTOR.toString();
            default -> String.valueOf(d.getOrDefault("actor", "?"));
        };
        String title = switch (e.type()) {
            case "anomaly" -> "Anomaly";
            case "response" -> "Automatic response";
            case "response_undone" -> "Response undone";
            case "operator" -> "Marked " + String.valueOf(d.getOrDefault("state", "?")).replace('_', ' ');
            default -> e.type();
        };
        // the figures a reader looks for first, then the rest by name (stored details come back in any order)
        List<IncidentView.Fact> facts = d.keySet().stream().filter(k -> !NOT_FACTS.contains(k))
                .sorted(Comparator.comparingInt((String k) -> FIRST.contains(k) ? FIRST.indexOf(k) : FIRST.size())
                        .thenComparing(Comparator.naturalOrder()))
                .map(k -> new IncidentView.Fact(k.replace('_', ' '), text(d.get(k))))
                .toList();
        return new IncidentView.Step(e.type(), title, Moment.of(e.at()), actor, e.summary(), facts);
    }

    /** A detail value as text: numbers without a needless {@code .0}, lists joined, maps as JSON. */
    private static String text(Object v) {
        return switch (v) {
            case Double x when Double.isFinite(x) -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case Float x when Float.isFinite(x) -> BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            case List<?> l -> l.isEmpty() ? "none" : String.join(", ", l.stream().map(IncidentsConsole::text).toList());
            case Map<?, ?> m -> Json.write(m);
            default -> String.valueOf(v);
        };
    }

    private static IncidentView.Response response(AppliedResponse r) {
        String trigger = r.detector() + " (" + r.anomalyId() + ")" + r.tool().map(t -> ", tool " + t).orElse("");
        String state;
        if (!r.action().undoable()) {
            state = "permanent";
        } else if (r.inForce()) {
            state = "in force";
        } else {
            state = "undone by " + r.undoneBy().orElse("?") + r.undoneAt().map(t -> " at " + Moment.of(t).text()).orElse("");
        }
        return new IncidentView.Response(r.n(), r.action().wire().replace('_', ' '), Moment.of(r.at()), trigger, state,
                r.inForce() && r.action().undoable());
    }

    private void move(ConsoleGuard guard, Context ctx, SignedIn in, Move move) {
        if (!guard.require(ctx, in, Role.ADMIN)) {
            return;
        }
        String id = find(ctx.pathParam("id")).id();
        String note = Optional.ofNullable(ctx.formParam("note")).filter(s -> !s.isBlank()).orElse(null);
        move.apply(id, in.principal().actor(), note);
        ctx.redirect(BASE + "/" + id, HttpStatus.SEE_OTHER);
    }

    private void undo(ConsoleGuard guard, Context ctx, SignedIn in) {
        if (!guard.require(ctx, in, Role.ADMIN)) {
            return;
        }
        String id = find(ctx.pathParam("id")).id();
        String n = ctx.pathParam("n");
        if (!RESPONSE.matcher(n).matches()) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "n must be a response number (1, 2, ...)");
        }
        incidents.undo(id, Integer.parseInt(n), in.principal().actor());
        ctx.redirect(BASE + "/" + id, HttpStatus.SEE_OTHER);
    }

    private Incident find(String id) {
        if (!INCIDENT.matcher(id).matches()) {
            throw new WardenException(ErrorCode.INCIDENT_NOT_FOUND, "no incident with id '" + id + "'");
        }
        return incidents.find(id).orElseThrow(() -> new WardenException(ErrorCode.INCIDENT_NOT_FOUND, "no incident with id '" + id + "'"));
    }

    private void alertList(ConsoleGuard guard, Context ctx, SignedIn in) {
        if (!mayRead(guard, ctx, in)) {
            return;
        }
        String filter = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank()).orElse("all");
        Optional<AlertState> state = switch (filter) {
            case "all" -> Optional.empty();
            case "open" -> Optional.of(AlertState.OPEN);
            case "acked" -> Optional.of(AlertState.ACKED);
            default -> throw new WardenException(ErrorCode.INVALID_FIELD, "state must be all, open or acked");
        };
        Optional<String> before = before(ctx, ALERT, "an alert id (alr_ and 32 hex digits)");
        List<Alert> page = alerts.list(new AlertQuery(Optional.empty(), Optional.empty(), state, before, PAGE));
        List<AlertsView.Row> rows = page.stream().map(a -> new AlertsView.Row(a.id(), a.severity().wire(), a.kind(),
                a.agent().orElse(""), Moment.of(a.raisedAt()), a.count(), a.summary(), a.state() == AlertState.ACKED,
                a.ackedBy().map(by -> by + a.ackedAt().map(t -> " at " + Moment.of(t).text()).orElse("")).orElse(""))).toList();
        guard.pages().send(ctx, 200, "alerts.jte", new AlertsView(in.chrome(), filter, rows,
                page.size() == PAGE ? Optional.of(page.getLast().id()) : Optional.empty(), in.has(Role.ADMIN)));
    }

    private void ack(ConsoleGuard guard, Context ctx, SignedIn in) {
        if (!guard.require(ctx, in, Role.ADMIN)) {
            return;
        }
        String id = ctx.pathParam("id");
        if (!ALERT.matcher(id).matches() || alerts.find(id).isEmpty()) {
            throw new WardenException(ErrorCode.ALERT_NOT_FOUND, "no alert with id '" + id + "'");
        }
        alerts.ack(id, in.principal().actor());
        ctx.redirect("/console/alerts", HttpStatus.SEE_OTHER);
    }
}
