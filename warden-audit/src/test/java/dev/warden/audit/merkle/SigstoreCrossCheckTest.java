package dev.warden.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.audit.log.CheckpointPolicy;
import dev.warden.audit.log.Checkpointer;
import dev.warden.audit.log.InMemoryLogStore;
import dev.warden.audit.log.StoredCheckpoint;
import dev.warden.audit.note.NoteSigner;
import dev.warden.json.CanonicalJson;
import dev.warden.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check with an independent implementation: sigstore-js ({@code @sigstore/verify}, tlog
 * merkle.js and checkpoint.js) verifies Warden's checkpoints and inclusion proofs and rejects
 * mutated ones. Runs only when {@code WARDEN_SIGSTORE_NODE_MODULES} points at a node_modules
 * directory holding {@code @sigstore/verify} ({@code npm install @sigstore/verify}) and node is on
 * the PATH; skipped otherwise (CI needs no network).
 */
class SigstoreCrossCheckTest {
    @TempDir
    Path dir;

    @Test
    void sigstoreVerifiesWardenProofsAndCheckpoints() throws Exception {
        String modules = System.getenv("WARDEN_SIGSTORE_NODE_MODULES");
        assumeTrue(modules != null && Files.isDirectory(Path.of(modules, "@sigstore", "verify")),
                "set WARDEN_SIGSTORE_NODE_MODULES to run the sigstore-js cross-check");

        InMemoryLogStore store = new InMemoryLogStore();
        NoteSigner key = NoteSigner.generate("crosscheck.local/audit", new SecureRandom());
        Checkpointer checkpointer = new Checkpointer(store, store, key.name(), key, CheckpointPolicy.DEFAULT, Clock.systemUTC());
        Random random = new Random(0x5157);
        List<StoredCheckpoint> checkpoints = new ArrayList<>();
        try (GroupCommitAuditLog log = new GroupCommitAuditLog(store)) {
            int n = 0;
            for (int target : new int[] {1, 2, 3, 7, 8, 9, 64, 100, 255, 256, 257, 1000, 1023, 1025, 3000}) {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (; n < target; n++) {
                    acks.add(log.append(AuditEvent.of("test.event", Clock.systemUTC().instant(), Map.of("n", (long) n))));
                }
                acks.forEach(CompletableFuture::join);
                checkpoints.add(checkpointer.publish());
            }
        }
        List<AuditRecord> records = new ArrayList<>();
        for (long after = 0; ; ) {
            List<AuditRecord> page = store.read(new AuditQuery(after, 1000, Optional.empty(), Optional.empty()));
            if (page.isEmpty()) {
                break;
            }
            records.addAll(page);
            after = page.getLast().seq();
        }
        TreeReader reader = new TreeReader(store);
        List<Object> cases = new ArrayList<>();
        for (StoredCheckpoint cp : checkpoints) {
            for (int probe = 0; probe < 6; probe++) {
                long index = probe == 0 ? cp.size() - 1 : probe == 1 ? 0 : random.nextLong(cp.size());
                InclusionProof p = reader.inclusion(index, cp.size());
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("index", index);
                c.put("size", cp.size());
                c.put("entry", records.get((int) index).entry());
                c.put("proof", p.path().stream().map(Hash::hex).toList());
                c.put("note", cp.note());
                cases.add(c);
            }
        }
        Map<String, Object> fixtures = new LinkedHashMap<>();
        fixtures.put("name", key.name());
        fixtures.put("key_hash", key.verifier().keyId());
        fixtures.put("jwk", JsonReader.parseObject(key.verifier().jwk()));
        fixtures.put("cases", cases);
        Path file = dir.resolve("fixtures.json");
        Files.writeString(file, CanonicalJson.write(fixtures), StandardCharsets.UTF_8);

        Path script = Path.of("src", "test", "node", "sigstore-crosscheck.js").toAbsolutePath();
        Process node = new ProcessBuilder("node", script.toString(), file.toString()).redirectErrorStream(true).start();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("sigstore-js cross-check: " + out.strip());
        assertThat(node.exitValue()).as(out).isZero();
        Map<String, Object> result = JsonReader.parseObject(out.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.get("verified")).isEqualTo((long) cases.size());
        assertThat((Long) result.get("rejected")).isGreaterThanOrEqualTo(2L * cases.size());
    }
}
