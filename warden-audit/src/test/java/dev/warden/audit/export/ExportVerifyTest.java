package dev.warden.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.log.CheckpointPolicy;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.InMemoryLogStore;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import dev.warden.audit.note.SignedNote;
import dev.warden.decision.RequestBounds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export to JSON Lines and verify offline; every kind of tampering with the file is reported precisely. */
class ExportVerifyTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);
    static final String ORIGIN = "test.local/audit";
    InMemoryLogStore store;
    NoteSigner key;
    Checkpointer checkpointer;
    StoredCheckpoint latest;

    @BeforeEach
    void log() {
        store = new InMemoryLogStore();
        key = NoteSigner.generate(ORIGIN, new SecureRandom());
        checkpointer = new Checkpointer(store, store, ORIGIN, key, CheckpointPolicy.DEFAULT, CLOCK);
        checkpointer.publishKey();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            int[] sizes = {1, 16, 17, 300, 333, 1024, 1500};
            int n = 0;
            for (int target : sizes) {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (; n < target; n++) {
                    acks.add(log.append(AuditEvent.forAgent("decision", CLOCK.instant(), "bot-" + (n % 4),
                            Map.of("action", "tickets.read", "resource", "ticket/" + n, "note", "é ü \"q\" \n"))));
                }
                acks.forEach(CompletableFuture::join);
                latest = checkpointer.publish();
            }
        }
    }

    byte[] export(long from, boolean proofs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSink sink = new StreamSink(out)) {
            new LogExporter(store, store, ORIGIN, "test").export(new ExportRequest(from, latest.size(), ExportFormat.JSONL, proofs), sink);
        }
        return out.toByteArray();
    }

    VerifyResult verify(byte[] file) throws Exception {
        return new ExportVerifier(KeyRing.of(List.of(key.verifier()))).verify(new ByteArrayInputStream(file));
    }

    static List<String> lines(byte[] file) {
        return new ArrayList<>(Arrays.asList(new String(file, StandardCharsets.UTF_8).split("\n")));
    }

    static byte[] join(List<String> lines) {
        return (lines.stream().collect(Collectors.joining("\n")) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** 1-based line number of the entry line with this index. */
    static int lineOf(List<String> lines, long index) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"type\":\"entry\",\"index\":" + index + ",")) {
                return i + 1;
            }
        }
        throw new AssertionError("no entry " + index);
    }

    @Test
    void aFullExportVerifies() throws Exception {
        VerifyResult r = verify(export(0, true));
        assertThat(r).isEqualTo(new VerifyResult.Verified(0, 1500, 7, 6, 1500, store.treeHead().root()));
    }

    @Test
    void anEntryWithTheDeepestArgumentsADecisionTakes_verifies() throws Exception {
        // the export line and the entry nest two levels around the arguments
        Object body = 1L;
        for (int i = 1; i < RequestBounds.MAX_ARGS_DEPTH; i++) {
            body = List.of(body);
        }
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            log.append(AuditEvent.forAgent("decision", CLOCK.instant(), "bot-0",
                    Map.of("action", "mail.send", "args", Map.of("body", body, "to", "o-\udc00")))).join();
        }
        latest = checkpointer.publish();

        assertThat(verify(export(0, true))).isInstanceOfSatisfying(VerifyResult.Verified.class,
                v -> assertThat(v.entries()).isEqualTo(1501));
    }

    @Test
    void anExportFromTheMiddleVerifiesFromItsFrontier() throws Exception {
        VerifyResult r = verify(export(700, false));
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Verified.class, v -> {
            assertThat(v.firstIndex()).isEqualTo(700);
            assertThat(v.entries()).isEqualTo(800);
            assertThat(v.checkpoints()).isEqualTo(2);
        });
    }

    @Test
    void verifiesWithTheKeyAsJwkToo() throws Exception {
        KeyRing jwk = KeyRing.parse(key.verifier().jwk());
        assertThat(new ExportVerifier(jwk).verify(new ByteArrayInputStream(export(0, false))))
                .isInstanceOf(VerifyResult.Verified.class);
    }

    @Test
    void oneEditedByteIsReportedAtItsLineAndIndex() throws Exception {
        List<String> lines = lines(export(0, false));
        int at = lineOf(lines, 421);
        lines.set(at - 1, lines.get(at - 1).replace("ticket/421", "ticket/420"));
        assertThat(verify(join(lines))).isEqualTo(new VerifyResult.Failed(at, 421,
                "the entry does not match its leaf_hash (recomputed " + leafOf(lines.get(at - 1)) + ")"));
    }

    @Test
    void anEditWithARecomputedLeafHashFailsAtTheNextCheckpoint() throws Exception {
        List<String> lines = lines(export(0, false));
        int at = lineOf(lines, 421);
        String edited = lines.get(at - 1).replace("ticket/421", "ticket/420");
        String leaf = leafOf(edited);
        lines.set(at - 1, edited.replaceFirst("\"leaf_hash\":\"[0-9a-f]{64}\"", "\"leaf_hash\":\"" + leaf + "\""));
        VerifyResult r = verify(join(lines));
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Failed.class, f -> {
            assertThat(f.index()).isEqualTo(1023);
            assertThat(f.what()).contains("differs from the signed checkpoint");
        });
    }

    @Test
    void aDeletedEntryIsReported() throws Exception {
        List<String> lines = lines(export(0, false));
        int at = lineOf(lines, 99);
        lines.remove(at - 1);
        assertThat(verify(join(lines))).isEqualTo(new VerifyResult.Failed(at, 99, "entry 99 is missing (found index 100)"));
    }

    @Test
    void swappedEntriesAreReported() throws Exception {
        List<String> lines = lines(export(0, false));
        int a = lineOf(lines, 50);
        int b = lineOf(lines, 51);
        String tmp = lines.get(a - 1);
        lines.set(a - 1, lines.get(b - 1));
        lines.set(b - 1, tmp);
        assertThat(verify(join(lines))).isEqualTo(new VerifyResult.Failed(a, 50, "entry 50 is missing (found index 51)"));
    }

    @Test
    void swappedEntriesWithRewrittenIndicesAreReported() throws Exception {
        List<String> lines = lines(export(0, false));
        int a = lineOf(lines, 50);
        int b = lineOf(lines, 51);
        String first = lines.get(a - 1).replace("\"index\":50,", "\"index\":51,");
        String second = lines.get(b - 1).replace("\"index\":51,", "\"index\":50,");
        lines.set(a - 1, second);
        lines.set(b - 1, first);
        assertThat(verify(join(lines))).isInstanceOfSatisfying(VerifyResult.Failed.class, f -> {
            assertThat(f.line()).isEqualTo(a);
            assertThat(f.index()).isEqualTo(50);
            assertThat(f.what()).contains("carries seq 52");
        });
    }

    @Test
    void truncationIsReported() throws Exception {
        byte[] file = export(0, false);
        List<String> lines = lines(file);
        // cut in the middle of a line
        byte[] cut = Arrays.copyOf(file, file.length - 40);
        assertThat(verify(cut)).isInstanceOfSatisfying(VerifyResult.Failed.class,
                f -> assertThat(f.what()).contains("truncated"));
        // cut after a whole entry line: those entries are not covered by any checkpoint
        List<String> shorter = new ArrayList<>(lines.subList(0, lineOf(lines, 1200)));
        assertThat(verify(join(shorter))).isInstanceOfSatisfying(VerifyResult.Failed.class,
                f -> assertThat(f.what()).contains("not covered by a signature"));
        // cut right after an earlier checkpoint: consistent on its own, caught against an independent checkpoint
        List<String> atCheckpoint = new ArrayList<>(lines.subList(0, lineOf(lines, 1023) + 1));
        assertThat(verify(join(atCheckpoint))).isInstanceOf(VerifyResult.Verified.class);
        VerifyResult r = new ExportVerifier(KeyRing.of(List.of(key.verifier()))).expect(SignedNote.parse(latest.note()))
                .verify(new ByteArrayInputStream(join(atCheckpoint)));
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Failed.class,
                f -> assertThat(f.what()).contains("ends at size 1024 but the expected checkpoint is at 1500"));
    }

    @Test
    void aCheckpointForgedWithAnotherKeyIsReported() throws Exception {
        List<String> lines = lines(export(0, false));
        NoteSigner forger = NoteSigner.generate(ORIGIN, new SecureRandom());
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"size\":333,")) {
                at = i;
            }
        }
        String note = new dev.warden.audit.note.Checkpoint(ORIGIN, 333, store.treeHead().root()).sign(forger).format();
        lines.set(at, "{\"note\":" + dev.warden.json.CanonicalJson.write(note) + ",\"size\":333,\"type\":\"checkpoint\"}");
        assertThat(verify(join(lines))).isInstanceOfSatisfying(VerifyResult.Failed.class, f -> {
            assertThat(f.index()).isEqualTo(332);
            assertThat(f.what()).contains("not signed by a trusted key");
        });
    }

    @Test
    void aBadConsistencyProofIsReported() throws Exception {
        List<String> lines = lines(export(0, true));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"from\":300,")) {
                lines.set(i, lines.get(i).replaceFirst("\"proof\":\\[\"[0-9a-f]", "\"proof\":[\"f"));
                int line = i + 1;
                assertThat(verify(join(lines))).isInstanceOfSatisfying(VerifyResult.Failed.class, f -> {
                    assertThat(f.line()).isEqualTo(line);
                    assertThat(f.what()).contains("consistency proof 300 -> 333 does not verify");
                });
                return;
            }
        }
        throw new AssertionError("no consistency line");
    }

    @Test
    void ocsfLinesCarryIndexAndLeafHash() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (StreamSink sink = new StreamSink(out)) {
            new LogExporter(store, store, ORIGIN, "test").export(new ExportRequest(10, 12, ExportFormat.OCSF, false), sink);
        }
        List<String> lines = lines(out.toByteArray());
        assertThat(lines).hasSize(2);
        Map<String, Object> event = dev.warden.json.JsonReader.parseObject(lines.getFirst());
        assertThat(event).containsEntry("class_uid", 6003L).containsEntry("type_uid", 600399L).containsEntry("category_uid", 6L);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) event.get("metadata");
        assertThat(metadata).containsEntry("sequence", 10L);
        @SuppressWarnings("unchecked")
        Map<String, Object> warden = (Map<String, Object>) ((Map<String, Object>) event.get("unmapped")).get("warden");
        String entry = dev.warden.json.CanonicalJson.write(warden.get("entry"));
        assertThat(metadata.get("uid")).isEqualTo(warden.get("leaf_hash")).isEqualTo(leafOfEntry(entry));
    }

    static String leafOf(String line) {
        int start = line.indexOf("\"entry\":") + 8;
        return leafOfEntry(line.substring(start, line.length() - 1));
    }

    static String leafOfEntry(String entry) {
        return new dev.warden.audit.merkle.TreeHasher().leaf(entry.getBytes(StandardCharsets.UTF_8)).hex();
    }
}
