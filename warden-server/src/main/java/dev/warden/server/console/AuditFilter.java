package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditSearch;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The audit explorer's filters, as the search form sends them ({@code GET /console/audit?agent=&kind=
 * &decision=&from=&to=&before=}). Blank fields filter nothing. Times are UTC: an ISO-8601 instant
 * ({@code 2026-12-07T23:00:00Z}), a date and time without zone ({@code 2026-12-07T23:00}) or a date
 * ({@code 2026-12-07}, its start). {@code before} is the paging cursor: only entries with a smaller
 * sequence number.
 *
 * @param agent    agent name, or blank
 * @param kind     entry kind, or blank
 * @param decision decision value, or blank
 * @param fromText the from field as typed (blank: no bound)
 * @param toText   the to field as typed (blank: no bound)
 * @param from     the parsed from bound
 * @param to       the parsed to bound
 * @param before   the cursor
 */
public record AuditFilter(String agent, String kind, String decision, String fromText, String toText,
                          Optional<Instant> from, Optional<Instant> to, Optional<Long> before) {
    /** The decision values the form offers. */
    public static final List<String> DECISIONS = List.of("allow", "deny", "approval_required");
    private static final Set<String> DECISION_SET = Set.copyOf(DECISIONS);
    private static final Pattern KIND = Pattern.compile("[a-z0-9_.]{1,100}");
    private static final int MAX_AGENT = 200;

    /**
     * Reads and checks the query parameters.
     *
     * @throws WardenException {@code invalid_field} naming the field that is wrong
     */
    public static AuditFilter parse(Context ctx) {
        String agent = param(ctx, "agent");
        String kind = param(ctx, "kind");
        String decision = param(ctx, "decision");
        String fromText = param(ctx, "from");
        String toText = param(ctx, "to");
        if (agent.length() > MAX_AGENT) {
            throw invalid("agent", "is longer than " + MAX_AGENT + " characters");
        }
        if (!kind.isEmpty() && !KIND.matcher(kind).matches()) {
            throw invalid("kind", "is not an entry kind (lower-case letters, digits, '_' and '.', such as decision or agent.killed)");
        }
        if (!decision.isEmpty() && !DECISION_SET.contains(decision)) {
            throw invalid("decision", "must be one of " + String.join(", ", DECISIONS));
        }
        Optional<Instant> from = time("from", fromText, false);
        Optional<Instant> to = time("to", toText, true);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw invalid("to", "is before from");
        }
        Optional<Long> before = Optional.empty();
        String b = param(ctx, "before");
        if (!b.isEmpty()) {
            try {
                long n = Long.parseLong(b);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                before = Optional.of(n);
            } catch (NumberFormatException e) {
                throw invalid("before", "must be a positive whole number (a sequence number)");
            }
        }
        return new AuditFilter(agent, kind, decision, fromText, toText, from, to, before);
    }

    /** The store search of a page of {@code limit} entries, reading at most {@code budget} index entries. */
    public AuditSearch search(int limit, int budget) {
        return new AuditSearch(nonBlank(agent), nonBlank(kind), nonBlank(decision), from, to, 0,
                before.orElse(AuditQuery.NO_UPPER_BOUND), limit, budget);
    }

    /** The explorer's URL of these filters with the cursor {@code before} (empty: the newest page). */
    public String url(Optional<Long> cursor) {
        List<String> q = new ArrayList<>();
        add(q, "agent", agent);
        add(q, "kind", kind);
        add(q, "decision", decision);
        add(q, "from", fromText);
        add(q, "to", toText);
        cursor.ifPresent(c -> q.add("before=" + c));
        return "/console/audit" + (q.isEmpty() ? "" : "?" + String.join("&", q));
    }

    /** Whether any filter is set (the cursor aside). */
    public boolean filtered() {
        return !(agent + kind + decision + fromText + toText).isEmpty();
    }

    private static void add(List<String> q, String name, String value) {
        if (!value.isEmpty()) {
            q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    /** A time field: an instant, a zone-less date-time (UTC) or a date (its start; for {@code to}, its end). */
    private static Optional<Instant> time(String field, String text, boolean endOfDay) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate d = LocalDate.parse(text);
                    Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                    return Optional.of(endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1) : start);
                } catch (DateTimeParseException notDate) {
                    throw invalid(field, "is not a time: use UTC in ISO 8601, such as 2026-12-07T23:00:00Z or 2026-12-07");
                }
            }
        }
    }

    private static WardenException invalid(String field, String why) {
        return new WardenException(ErrorCode.INVALID_FIELD, "The field '" + field + "' " + why + ".");
    }
}
