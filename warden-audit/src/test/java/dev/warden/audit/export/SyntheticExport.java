package dev.warden.audit.export;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.NoteSigner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a large valid export file in one streaming pass (constant memory), for verifier tests. */
final class SyntheticExport {
    private SyntheticExport() {
    }

    static void write(Path file, long entries, long checkpointEvery, NoteSigner key) throws IOException {
        TreeHasher hasher = new TreeHasher();
        CompactRange range = CompactRange.empty();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            line(out, ExportLines.header(key.name(), 0, entries, List.of(key.verifier().encode())));
            StringBuilder entry = new StringBuilder(400);
            for (long i = 0; i < entries; i++) {
                entry.setLength(0);
                entry.append("{\"action\":\"tickets.read\",\"agent\":\"bot-").append(i % 17)
                        .append("\",\"decision\":\"allow\",\"decision_id\":\"dec_").append(Long.toHexString(i * 0x9E3779B97F4A7C15L))
                        .append("\",\"kind\":\"decision\",\"reasons\":[{\"code\":\"permit_policy\",\"guard\":\"policy\"}],")
                        .append("\"schema\":\"").append(AuditEvent.SCHEMA).append("\",\"seq\":").append(i + 1)
                        .append(",\"session\":\"ses_").append(i % 1000).append("\",\"time\":\"2026-01-01T00:00:00Z\"}");
                byte[] bytes = entry.toString().getBytes(StandardCharsets.UTF_8);
                Hash leaf = hasher.leaf(bytes);
                range.append(leaf);
                line(out, ExportLines.entry(i, leaf.hex(), entry.toString()));
                if ((i + 1) % checkpointEvery == 0 || i + 1 == entries) {
                    String note = new Checkpoint(key.name(), i + 1, range.root()).sign(key).format();
                    line(out, ExportLines.checkpoint(i + 1, note));
                }
            }
        }
    }

    private static void line(OutputStream out, byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
    }
}
