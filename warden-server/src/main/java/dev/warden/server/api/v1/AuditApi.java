package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/audit/entries} (operator): pages through the audit trail, oldest first from
 * {@code after} ({@code order=asc}, the default) or newest first from {@code before} or the head
 * ({@code order=desc}).
 */
public final class AuditApi {
    private final Auth auth;
    private final AuditStore store;

    /** Wires the endpoint. */
    public AuditApi(Auth auth, AuditStore store) {
        this.auth = auth;
        this.store = store;
    }

    /**
     * The longest a page's entries may be together (8 Mi characters): a page ends before the entry
     * that would pass it, but always holds at least one, so paging goes on through entries of any size.
     */
    public static final int PAGE_CHARS = 8 << 20;

    private static List<AuditRecord> withinBudget(List<AuditRecord> page) {
        long total = 0;
        for (int i = 0; i < page.size(); i++) {
            total += page.get(i).entry().length();
            if (total > PAGE_CHARS && i > 0) {
                return page.subList(0, i);
            }
        }
        return page;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/audit/entries", this::entries);
    }

    private void entries(Context ctx) {
        auth.operator(ctx);
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        long before = Queries.longParam(ctx, "before", AuditQuery.NO_UPPER_BOUND, 1, AuditQuery.NO_UPPER_BOUND);
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        String order = Optional.ofNullable(ctx.queryParam("order")).filter(s -> !s.isBlank()).orElse("asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "order must be asc or desc");
        }
        List<AuditRecord> page = store.read(new AuditQuery(after, limit,
                Optional.ofNullable(ctx.queryParam("agent")).filter(s -> !s.isBlank()),
                Optional.ofNullable(ctx.queryParam("kind")).filter(s -> !s.isBlank()), before, order.equals("desc")));
        page = withinBudget(page);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", page.stream().map(WireForms::auditRecord).toList());
        // the page's newest and oldest seq: after= pages on to newer entries, before= back to older ones
        out.put("next_after", page.stream().mapToLong(AuditRecord::seq).max().orElse(after));
        Long nextBefore = page.isEmpty()
                ? (before == AuditQuery.NO_UPPER_BOUND ? null : Long.valueOf(before))
                : Long.valueOf(page.stream().mapToLong(AuditRecord::seq).min().getAsLong());
        out.put("next_before", nextBefore); // boxed on both sides: a mixed ternary would unbox the null
        Responses.json(ctx, 200, out);
    }
}
