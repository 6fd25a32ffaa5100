package dev.warden.server.api.v1;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.audit.export.ExportFormat;
import dev.warden.audit.export.StreamSink;
import dev.warden.audit.log.LogKeyRecord;
import dev.warden.audit.log.PruneMark;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.log.VerifiableLog;
import dev.warden.audit.merkle.ConsistencyProof;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.InclusionProof;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.note.SignedNote;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verifiable audit log over HTTP (operator):
 * <ul>
 *   <li>{@code GET /v1/audit/checkpoint}: the latest signed checkpoint as a C2SP note
 *       ({@code text/plain}), or as JSON with {@code Accept: application/json};</li>
 *   <li>{@code GET /v1/audit/checkpoints?from_size=&after=&limit=}: stored checkpoints, oldest first;</li>
 *   <li>{@code GET /v1/audit/proofs/inclusion?index=&size=}, {@code GET /v1/audit/proofs/consistency?from=&to=}:
 *       RFC 9162 proofs (size and to default to the latest checkpoint's size);</li>
 *   <li>{@code GET /v1/audit/keys}, {@code POST /v1/audit/keys/rotate}: the log's public keys, key rotation;</li>
 *   <li>{@code GET /v1/audit/export?from=&format=jsonl|ocsf&proofs=}: a streamed export (JSON Lines);</li>
 *   <li>{@code POST /v1/audit/prune}: remove entries covered by a verified export.</li>
 * </ul>
 */
public final class AuditLogApi {
    private final Auth auth;
    private final VerifiableLog log;

    /** Wires the endpoints. */
    public AuditLogApi(Auth auth, VerifiableLog log) {
        this.auth = auth;
        this.log = log;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get("/v1/audit/checkpoint", this::checkpoint);
        routes.get("/v1/audit/checkpoints", this::checkpoints);
        routes.get("/v1/audit/proofs/inclusion", this::inclusion);
        routes.get("/v1/audit/proofs/consistency", this::consistency);
        routes.get("/v1/audit/keys", this::keys);
        routes.post("/v1/audit/keys/rotate", this::rotate);
        routes.get("/v1/audit/export", this::export);
        routes.post("/v1/audit/prune", this::prune);
    }

    private void checkpoint(Context ctx) {
        auth.operator(ctx);
        StoredCheckpoint cp = log.checkpoint();
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/plain")) {
            Responses.json(ctx, 200, checkpointJson(cp));
        } else {
            ctx.status(200).contentType("text/plain; charset=utf-8").result(cp.note());
        }
    }

    private void checkpoints(Context ctx) {
        auth.operator(ctx);
        long fromSize = Queries.longParam(ctx, "from_size", 0, 0, Long.MAX_VALUE);
        long after = Queries.longParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = Queries.intParam(ctx, "limit", 100, 1, 1000);
        List<StoredCheckpoint> page = log.checkpointPage(fromSize, after, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checkpoints", page.stream().map(AuditLogApi::checkpointJson).toList());
        out.put("next_after", page.isEmpty() ? after : page.getLast().id());
        Responses.json(ctx, 200, out);
    }

    /** A stored checkpoint as {@code GET /v1/audit/checkpoint} answers it in JSON (the console's proofs reuse it). */
    public static Map<String, Object> checkpointJson(StoredCheckpoint cp) {
        Checkpoint body = Checkpoint.parse(SignedNote.parse(cp.note()).text());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", cp.id());
        m.put("origin", body.origin());
        m.put("size", cp.size());
        m.put("root_hash", cp.root().hex());
        m.put("key_id", cp.keyId());
        m.put("time", cp.time().toString());
        m.put("note", cp.note());
        return m;
    }

    private void inclusion(Context ctx) {
        auth.operator(ctx);
        long index = required(ctx, "index");
        long size = optional(ctx, "size");
        InclusionProof p = log.inclusion(index, size < 0 ? log.checkpoint().size() : size);
        Responses.json(ctx, 200, inclusionJson(p));
    }

    /** An inclusion proof as {@code GET /v1/audit/proofs/inclusion} answers it (the console's proofs reuse it). */
    public static Map<String, Object> inclusionJson(InclusionProof p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("size", p.size());
        m.put("leaf_hash", p.leafHash().hex());
        m.put("root_hash", p.rootHash().hex());
        m.put("proof", p.path().stream().map(Hash::hex).toList());
        return m;
    }

    private void consistency(Context ctx) {
        auth.operator(ctx);
        long from = required(ctx, "from");
        long to = optional(ctx, "to");
        ConsistencyProof p = log.consistency(from, to < 0 ? log.checkpoint().size() : to);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.from());
        m.put("to", p.to());
        m.put("from_root_hash", p.fromRoot().hex());
        m.put("to_root_hash", p.toRoot().hex());
        m.put("proof", p.path().stream().map(Hash::hex).toList());
        Responses.json(ctx, 200, m);
    }

    private void keys(Context ctx) {
        auth.operator(ctx);
        Responses.json(ctx, 200, Map.of("keys", log.keys().stream().map(AuditLogApi::keyJson).toList()));
    }

    /** A log key as {@code GET /v1/audit/keys} lists it (the console's proofs reuse it). */
    public static Map<String, Object> keyJson(LogKeyRecord k) {
        NoteVerifier v = NoteVerifier.parse(k.verifierKey());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("key_id", k.keyId());
        m.put("verifier_key", k.verifierKey());
        m.put("jwk", Json.parse(v.jwk()));
        m.put("created_at", k.createdAt().toString());
        m.put("retired_at", k.retiredAt().map(Object::toString).orElse(null));
        m.put("current", k.retiredAt().isEmpty());
        return m;
    }

    private void rotate(Context ctx) throws IOException {
        var actor = auth.operator(ctx);
        StoredCheckpoint cp = log.rotateKey(actor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key_id", cp.keyId());
        m.put("checkpoint", checkpointJson(cp));
        Responses.json(ctx, 200, m);
    }

    private void export(Context ctx) throws IOException {
        auth.operator(ctx);
        long from = Queries.longParam(ctx, "from", 0, 0, Long.MAX_VALUE);
        ExportFormat format;
        try {
            String f = ctx.queryParam("format");
            format = f == null || f.isBlank() ? ExportFormat.JSONL : ExportFormat.parse(f);
        } catch (IllegalArgumentException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, e.getMessage());
        }
        String proofsParam = ctx.queryParam("proofs");
        if (proofsParam != null && !Set.of("true", "false").contains(proofsParam)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "proofs must be true or false");
        }
        boolean proofs = "true".equals(proofsParam);
        log.checkExportable(from);
        ctx.status(200).contentType("application/x-ndjson; charset=utf-8");
        try (StreamSink sink = new StreamSink(ctx.outputStream())) {
            log.export(from, format, proofs, sink);
        }
    }

    private void prune(Context ctx) {
        var actor = auth.operator(ctx);
        Map<String, Object> body = Json.parseObject(ctx.body());
        Fields.of(body).allowOnly(Set.of("below", "exported_from", "exported_size", "exported_root"));
        long below = longField(body, "below");
        long exportedFrom = longField(body, "exported_from");
        long exportedSize = longField(body, "exported_size");
        Hash root;
        try {
            root = Hash.ofHex(Fields.of(body).string("exported_root"));
        } catch (IllegalArgumentException e) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "exported_root must be 64 hex digits");
        }
        PruneMark mark = log.prune(below, exportedFrom, exportedSize, root, actor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("below", mark.below());
        m.put("first_index", mark.below());
        m.put("exported_size", mark.exportedSize());
        m.put("exported_root", mark.exportedRoot().hex());
        m.put("pruned_at", mark.at().toString());
        Responses.json(ctx, 200, m);
    }

    private static long longField(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            throw new WardenException(ErrorCode.MISSING_FIELD, name + " is required");
        }
        if (!(v instanceof Long l) || l < 0) {
            throw new WardenException(ErrorCode.INVALID_FIELD, name + " must be a non-negative integer");
        }
        return l;
    }

    private static long required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, name + " is required");
        }
        return Queries.longParam(ctx, name, 0, 0, Long.MAX_VALUE);
    }

    /** The parameter, or -1 when absent. */
    private static long optional(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return -1;
        }
        return Queries.longParam(ctx, name, 0, 0, Long.MAX_VALUE);
    }
}
