package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.export.ExportVerifier;
import dev.warden.audit.export.VerifyResult;
import dev.warden.audit.log.AuditLogCorruptException;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.ProofVerifier;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.SignedNote;
import dev.warden.server.api.v1.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifiable-log endpoints of a real server, key rotation, prune, and refusal to start on a tampered store. */
class AuditLogApiTest {
    @TempDir
    Path data;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(data, Clock.systemUTC());
        String token = s.token("support-bot");
        s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}");
        s.decide(token, "{\"action\":\"customer.delete\",\"args\":{\"customer_id\":\"c-1\"}}");
        append(200);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    void append(int n) {
        for (int i = 0; i < n; i++) {
            s.server.warden().auditLog().append(AuditEvent.of("test.event", s.clock.instant(), Map.of("i", (long) i)));
        }
        s.server.warden().auditLog().appendDurably(AuditEvent.of("test.event", s.clock.instant(), Map.of("last", true)));
    }

    KeyRing keys() {
        TestServer.Reply r = s.get("/v1/audit/keys", TestServer.ADMIN);
        assertThat(r.status()).isEqualTo(200);
        return KeyRing.parse(r.body());
    }

    SignedNote checkpoint() {
        TestServer.Reply r = s.get("/v1/audit/checkpoint", TestServer.ADMIN);
        assertThat(r.status()).isEqualTo(200);
        return SignedNote.parse(r.body());
    }

    static Hash hex(Object o) {
        return Hash.ofHex((String) o);
    }

    @SuppressWarnings("unchecked")
    static List<Hash> hashes(Object list) {
        return ((List<String>) list).stream().map(Hash::ofHex).toList();
    }

    @Test
    void checkpointIsASignedNoteOfTheCurrentTree() {
        SignedNote note = checkpoint();
        assertThat(keys().verify(note)).isInstanceOf(NoteVerification.Verified.class);
        Checkpoint cp = Checkpoint.parse(note.text());
        assertThat(cp.origin()).isEqualTo("warden.local/audit");
        assertThat(cp.size()).isEqualTo(s.server.auditLog().treeHead().size());
        assertThat(cp.root()).isEqualTo(s.server.auditLog().treeHead().root());
        assertThat(note.format()).contains("\n\n\u2014 warden.local/audit ");

        TestServer.Reply json = s.send(HttpRequest.newBuilder(s.uri("/v1/audit/checkpoint")).header("Accept", "application/json").GET(),
                TestServer.ADMIN);
        assertThat(json.json()).containsEntry("size", cp.size()).containsEntry("root_hash", cp.root().hex())
                .containsEntry("note", note.format());
        assertThat(s.get("/v1/audit/checkpoint", null).status()).isEqualTo(401);
    }

    @Test
    void inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() {
        Checkpoint older = Checkpoint.parse(checkpoint().text());
        append(37);
        Checkpoint newer = Checkpoint.parse(checkpoint().text());
        for (long index : new long[] {0, 1, 17, older.size() - 1, newer.size() - 1}) {
            TestServer.Reply r = s.get("/v1/audit/proofs/inclusion?index=" + index + "&size=" + newer.size(), TestServer.ADMIN);
            assertThat(r.status()).isEqualTo(200);
            assertThat(hex(r.get("root_hash"))).isEqualTo(newer.root());
            assertThat(ProofVerifier.verifyInclusion(index, newer.size(), hex(r.get("leaf_hash")), hashes(r.get("proof")),
                    newer.root()).isValid()).isTrue();
        }
        TestServer.Reply entry = s.get("/v1/audit/entries?after=16&limit=1", TestServer.ADMIN);
        @SuppressWarnings("unchecked")
        Map<String, Object> e17 = ((List<Map<String, Object>>) entry.get("entries")).getFirst();
        TestServer.Reply p17 = s.get("/v1/audit/proofs/inclusion?index=16", TestServer.ADMIN);
        assertThat(p17.get("leaf_hash")).isEqualTo(e17.get("leaf_hash"));
        assertThat(p17.get("size")).isEqualTo(newer.size());

        TestServer.Reply c = s.get("/v1/audit/proofs/consistency?from=" + older.size() + "&to=" + newer.size(), TestServer.ADMIN);
        assertThat(c.status()).isEqualTo(200);
        assertThat(ProofVerifier.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), hashes(c.get("proof")))
                .isValid()).isTrue();
    }

    @Test
    void badProofParametersAre400NamingTheParameter() {
        long size = s.server.auditLog().treeHead().size();
        assertError(s.get("/v1/audit/proofs/inclusion?index=" + size + "&size=" + size, TestServer.ADMIN), 400, "invalid_field", "index");
        assertError(s.get("/v1/audit/proofs/inclusion?size=3", TestServer.ADMIN), 400, "missing_field", "index");
        assertError(s.get("/v1/audit/proofs/inclusion?index=1&size=" + (size + 1), TestServer.ADMIN), 400, "invalid_field", "size");
        assertError(s.get("/v1/audit/proofs/inclusion?index=x", TestServer.ADMIN), 400, "invalid_field", "index");
        assertError(s.get("/v1/audit/proofs/inclusion?index=-1", TestServer.ADMIN), 400, "invalid_field", "index");
        assertError(s.get("/v1/audit/proofs/consistency?from=5&to=4", TestServer.ADMIN), 400, "invalid_field", "from");
        assertError(s.get("/v1/audit/proofs/consistency?to=4", TestServer.ADMIN), 400, "missing_field", "from");
        assertError(s.get("/v1/audit/export?format=xml", TestServer.ADMIN), 400, "invalid_field", "format");
    }

    @SuppressWarnings("unchecked")
    static List<Long> seqs(TestServer.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) r.get("entries")).stream().map(e -> (Long) e.get("seq")).toList();
    }

    @Test
    void entriesNewestFirstPageBackWithBefore() {
        long head = s.server.warden().auditStore().head().seq();

        TestServer.Reply latest = s.get("/v1/audit/entries?order=desc&limit=3", TestServer.ADMIN);
        assertThat(seqs(latest)).containsExactly(head, head - 1, head - 2);
        assertThat(latest.get("next_before")).isEqualTo(head - 2);
        assertThat(latest.get("next_after")).isEqualTo(head);
        TestServer.Reply older = s.get("/v1/audit/entries?order=desc&limit=3&before=" + (head - 2), TestServer.ADMIN);
        assertThat(seqs(older)).containsExactly(head - 3, head - 4, head - 5);

        List<Long> decisions = seqs(s.get("/v1/audit/entries?kind=decision&limit=10", TestServer.ADMIN));
        assertThat(seqs(s.get("/v1/audit/entries?order=desc&kind=decision&limit=1", TestServer.ADMIN)))
                .containsExactly(decisions.getLast());

        // oldest first stays the default; before bounds it too
        TestServer.Reply first = s.get("/v1/audit/entries?limit=2", TestServer.ADMIN);
        assertThat(seqs(first)).containsExactly(1L, 2L);
        assertThat(first.get("next_after")).isEqualTo(2L);
        assertThat(seqs(s.get("/v1/audit/entries?after=1&before=4", TestServer.ADMIN))).containsExactly(2L, 3L);
        TestServer.Reply none = s.get("/v1/audit/entries?order=desc&before=1", TestServer.ADMIN);
        assertThat(seqs(none)).isEmpty();
        assertThat(none.get("next_before")).isEqualTo(1L);
        TestServer.Reply past = s.get("/v1/audit/entries?after=" + (head + 1000), TestServer.ADMIN);
        assertThat(past.status()).as("an empty page without before: next_before is null, not a 500").isEqualTo(200);
        assertThat(seqs(past)).isEmpty();
        assertThat(past.json()).containsEntry("next_before", null).containsEntry("next_after", head + 1000);

        assertError(s.get("/v1/audit/entries?order=newest", TestServer.ADMIN), 400, "invalid_field", "order");
        assertError(s.get("/v1/audit/entries?before=0", TestServer.ADMIN), 400, "invalid_field", "before");
    }

    static void assertError(TestServer.Reply r, int status, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).isEqualTo(code);
        assertThat((String) r.get("message")).startsWith(field);
    }

    byte[] export(String query) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(s.uri("/v1/audit/export" + query))
                    .header("Authorization", "Bearer " + TestServer.ADMIN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
            return r.body();
        }
    }

    @Test
    void exportVerifiesOfflineAcrossAKeyRotation() throws Exception {
        String firstKey = (String) ((Map<?, ?>) ((List<?>) s.get("/v1/audit/keys", TestServer.ADMIN).get("keys")).getFirst()).get("key_id");
        append(10);
        checkpoint();
        TestServer.Reply rotated = s.post("/v1/audit/keys/rotate", TestServer.ADMIN, "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.get("key_id")).isNotEqualTo(firstKey);
        append(10);

        byte[] file = export("?proofs=true");
        VerifyResult r = new ExportVerifier(keys()).verify(new ByteArrayInputStream(file));
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Verified.class, v -> {
            assertThat(v.size()).isEqualTo(s.server.auditLog().treeHead().size());
            assertThat(v.checkpoints()).isGreaterThanOrEqualTo(3);
        });
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).contains("\"kind\":\"audit.key_rotated\"");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) s.get("/v1/audit/keys", TestServer.ADMIN).get("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.getFirst()).containsEntry("key_id", firstKey).containsEntry("current", false);
        assertThat(keys.getLast()).containsEntry("current", true);
        // with only the old key, the checkpoints signed after the rotation do not verify
        KeyRing oldOnly = KeyRing.parse((String) keys.getFirst().get("verifier_key"));
        assertThat(new ExportVerifier(oldOnly).verify(new ByteArrayInputStream(file))).isInstanceOf(VerifyResult.Failed.class);

        byte[] ocsf = export("?format=ocsf&from=3");
        String firstLine = new String(ocsf, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        Map<String, Object> event = Json.parseObject(firstLine);
        assertThat(event).containsEntry("class_uid", 6003L);
        assertThat((Map<String, Object>) cast(event.get("metadata"))).containsEntry("sequence", 3L);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void pruneNeedsAMatchingExportAndKeepsProofsForTheRest() throws Exception {
        Checkpoint cp = Checkpoint.parse(checkpoint().text());
        String body = "{\"below\":100,\"exported_from\":0,\"exported_size\":" + cp.size() + ",\"exported_root\":\"%s\"}";
        assertError(s.post("/v1/audit/prune", TestServer.ADMIN, body.formatted("00".repeat(32))), 400, "invalid_field", "exported_root");
        assertError(s.post("/v1/audit/prune", TestServer.ADMIN, "{\"below\":100}"), 400, "missing_field", "exported_from");
        TestServer.Reply ok = s.post("/v1/audit/prune", TestServer.ADMIN, body.formatted(cp.root().hex()));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(s.get("/v1/audit/entries?limit=1", TestServer.ADMIN).body()).contains("\"seq\":101");
        assertThat(s.get("/v1/audit/proofs/inclusion?index=150", TestServer.ADMIN).status()).isEqualTo(200);
        assertError(s.get("/v1/audit/proofs/inclusion?index=20", TestServer.ADMIN), 404, "entry_pruned", "the proof needs");
        assertError(s.get("/v1/audit/export?from=0", TestServer.ADMIN), 404, "entry_pruned", "entries below index 100");
        assertThat(new ExportVerifier(keys()).verify(new ByteArrayInputStream(export("?from=100"))))
                .isInstanceOf(VerifyResult.Verified.class);
        assertThat(new String(export("?from=100"), StandardCharsets.UTF_8)).contains("\"kind\":\"audit.pruned\"");

        s.close();
        s = new TestServer(data, Clock.systemUTC()); // startup validation from the prune point
        assertThat(s.get("/v1/audit/proofs/inclusion?index=150", TestServer.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void aTamperedStoreRefusesToStartNamingTheIndex() throws Exception {
        checkpoint();
        s.close();
        s = null;
        long seq;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("warden.db"));
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT seq FROM audit_entries WHERE entry LIKE '{\"i\":41,%'");
            rs.next();
            seq = rs.getLong(1);
            rs.close();
            // one byte: 41 -> 42
            st.executeUpdate("UPDATE audit_entries SET entry = replace(entry, '\"i\":41,', '\"i\":42,') WHERE seq = " + seq);
        }
        assertThatThrownBy(() -> new TestServer(data, Clock.systemUTC()))
                .isInstanceOf(AuditLogCorruptException.class)
                .hasMessageContaining("audit log is corrupt at index " + (seq - 1) + " (seq " + seq + ")")
                .hasMessageContaining("entry does not match its stored leaf hash")
                .hasMessageContaining("refusing to start");
    }
}
