package dev.warden.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteSigner;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200,000-entry export generated and verified streaming. The verifier holds O(log n) hashes and
 * one line buffer, so the same code handles 10 million entries (measured in warden-bench, not here).
 */
class LargeExportVerifyTest {
    @TempDir
    Path dir;

    @Test
    void verifies200kEntriesStreamingWithProgress() throws Exception {
        NoteSigner key = NoteSigner.generate("bench.local/audit", new SecureRandom());
        Path file = dir.resolve("big.jsonl");
        SyntheticExport.write(file, 200_000, 50_000, key);
        List<Long> progress = new ArrayList<>();
        long start = System.nanoTime();
        VerifyResult r;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            r = new ExportVerifier(KeyRing.of(List.of(key.verifier())))
                    .onProgress(50_000, (entries, bytes) -> progress.add(entries))
                    .verify(in);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("verified 200,000 entries (%,d bytes) in %.2f s%n", Files.size(file), seconds);
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Verified.class, v -> {
            assertThat(v.entries()).isEqualTo(200_000);
            assertThat(v.checkpoints()).isEqualTo(4);
        });
        assertThat(progress).containsExactly(50_000L, 100_000L, 150_000L, 200_000L);
    }
}
