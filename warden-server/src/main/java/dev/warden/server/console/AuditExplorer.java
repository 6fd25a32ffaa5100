package dev.warden.server.console;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditSearch;
import dev.warden.audit.AuditStore;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.server.api.v1.AuditLogApi;
import dev.warden.server.api.v1.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's audit explorer: {@code GET /console/audit} searches the log newest first (agent,
 * kind, decision, time range; keyset paging by sequence number), {@code GET /console/audit/{index}}
 * shows one entry, and {@code GET /console/audit/{index}/proof.json} hands the entry's script what
 * it needs to verify the entry's inclusion in the browser: the entry's exact bytes, the latest
 * signed checkpoint, the inclusion proof at its size and the log's public keys (each in the form
 * the JSON API answers it). Any signed-in operator may use it, as any operator may read
 * {@code GET /v1/audit/entries} and the proofs.
 */
public final class AuditExplorer implements ConsoleFeature {
    /** Entries per page. */
    static final int PAGE = 50;
    /** Index entries a page's search reads at most (see {@link AuditSearch}). */
    static final int BUDGET = 5_000;

    private final AuditStore store;
    private final VerifiableLog log;

    /** An explorer over this store, proving against this log. */
    public AuditExplorer(AuditStore store, VerifiableLog log) {
        this.store = store;
        this.log = log;
    }

    @Override
    public void register(RoutesConfig routes, ConsoleGuard guard) {
        routes.get("/console/audit", guard.get((ctx, in) -> list(ctx, in, guard)));
        routes.get("/console/audit/{index}", guard.get((ctx, in) -> entry(ctx, in, guard)));
        routes.get("/console/audit/{index}/proof.json", guard.get((ctx, in) -> proof(ctx, guard)));
    }

    private void list(Context ctx, SignedIn in, ConsoleGuard guard) {
        AuditFilter filter = AuditFilter.parse(ctx);
        AuditSearch.Page page = store.search(filter.search(PAGE, BUDGET));
        List<AuditRow> rows = page.records().stream().map(AuditRow::of).toList();
        Optional<String> older = page.resumeBefore().map(b -> filter.url(Optional.of(b)));
        guard.pages().send(ctx, 200, "audit.jte", new AuditListView(in.chrome(), filter, AuditFilter.DECISIONS, rows,
                older, page.exhausted(), filter.url(Optional.empty())));
    }

    private void entry(Context ctx, SignedIn in, ConsoleGuard guard) {
        Optional<AuditRecord> found = find(ctx);
        if (found.isEmpty()) {
            notFound(ctx, guard);
            return;
        }
        AuditRecord r = found.get();
        Map<String, Object> parsed = AuditRow.fields(r);
        List<AuditEntryView.Field> fields = new ArrayList<>();
        parsed.keySet().forEach(name -> fields.add(new AuditEntryView.Field(name, AuditRow.text(parsed, name))));
        guard.pages().send(ctx, 200, "audit-entry.jte", new AuditEntryView(in.chrome(), AuditRow.of(r),
                nz(r.session()), nz(r.decisionId()), r.leafHash(), r.chainHash(), fields, r.entry(),
                "/console/audit/" + (r.seq() - 1) + "/proof.json"));
    }

    private void proof(Context ctx, ConsoleGuard guard) {
        Optional<AuditRecord> found = find(ctx);
        if (found.isEmpty()) {
            notFound(ctx, guard);
            return;
        }
        AuditRecord r = found.get();
        long index = r.seq() - 1;
        StoredCheckpoint cp = log.checkpoint(); // publishes one first when entries arrived since the last
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("seq", r.seq());
        out.put("entry_base64", Base64.getEncoder().encodeToString(r.entry().getBytes(StandardCharsets.UTF_8)));
        out.put("leaf_hash", r.leafHash());
        out.put("checkpoint", AuditLogApi.checkpointJson(cp));
        if (index < cp.size()) {
            out.put("state", "included");
            out.put("inclusion", AuditLogApi.inclusionJson(log.inclusion(index, cp.size())));
        } else {
            out.put("state", "pending"); // recorded after the latest checkpoint was signed
        }
        out.put("keys", log.keys().stream().map(AuditLogApi::keyJson).toList());
        ctx.status(200);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.write(out));
    }

    /** The entry of the path's index (its sequence number minus one), if stored. */
    private Optional<AuditRecord> find(Context ctx) {
        long index;
        try {
            index = Long.parseLong(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (index < 0 || index == Long.MAX_VALUE) {
            return Optional.empty();
        }
        List<AuditRecord> page = store.read(new AuditQuery(index, 1, Optional.empty(), Optional.empty()));
        return page.stream().filter(x -> x.seq() == index + 1).findFirst();
    }

    private static void notFound(Context ctx, ConsoleGuard guard) {
        guard.pages().error(ctx, 404, "Not found",
                "There is no audit entry with this index: it was never written, or it was pruned and lives in an export.");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
