package dev.warden.audit.export;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.merkle.CompactRange;
import dev.warden.audit.merkle.ConsistencyProof;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.ProofCheck;
import dev.warden.audit.merkle.ProofVerifier;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.KeyRing;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.SignedNote;
import dev.warden.json.JsonException;
import dev.warden.json.JsonObjectSpans;
import dev.warden.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a Warden JSON Lines export offline (see {@link ExportLines}) with nothing but the file
 * and the log's public keys: recomputes every leaf hash from its entry and checks the entry's own
 * {@code seq}, recomputes the tree while streaming (a compact range: O(log n) memory), checks every
 * checkpoint's signature and that its root equals the recomputed root at its size (which proves
 * each checkpoint consistent with the previous one), checks consistency proofs when present, and
 * reports the first mismatch with its line and index.
 *
 * <p>Strict: every entry must be covered by a signed checkpoint, indices must be consecutive, and
 * with {@link #expect(SignedNote)} the file must reach a checkpoint obtained independently (so a
 * file cut short before its end is detected).
 */
public final class ExportVerifier {
    /** Progress reports while verifying. */
    @FunctionalInterface
    public interface Progress {
        /** {@code entries} verified so far, {@code bytes} read. */
        void report(long entries, long bytes);
    }

    private final KeyRing keys;
    private Progress progress = (e, b) -> { };
    private long progressEvery = 1_000_000;
    private SignedNote expected;

    /** A verifier trusting {@code keys}. */
    public ExportVerifier(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Reports progress every {@code everyEntries} entries. */
    public ExportVerifier onProgress(long everyEntries, Progress listener) {
        this.progressEvery = Math.max(1, everyEntries);
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Also requires the file to contain the tree of this (independently obtained) checkpoint. */
    public ExportVerifier expect(SignedNote checkpoint) {
        this.expected = checkpoint;
        return this;
    }

    /** Verifies a file read from {@code in} (not closed). */
    public VerifyResult verify(InputStream in) throws IOException {
        return new Run(in).run();
    }

    private final class Run {
        private final LineReader lines;
        private final TreeHasher hasher = new TreeHasher();
        private CompactRange range;
        private long firstIndex = -1;
        private long entries;
        private long checkpoints;
        private long proofs;
        private String origin;
        private long lastCheckpointSize = -1;
        private Hash lastCheckpointRoot;
        private ConsistencyProof pendingProof;
        private long pendingProofLine;
        private Checkpoint expectedBody;
        private boolean expectedSeen;
        private boolean headerSeen;

        Run(InputStream in) {
            this.lines = new LineReader(in);
        }

        VerifyResult run() throws IOException {
            if (expected != null) {
                if (keys.verify(expected) instanceof NoteVerification.Unverified u) {
                    return new VerifyResult.Failed(0, -1, "the expected checkpoint does not verify: " + u.reason());
                }
                try {
                    expectedBody = Checkpoint.parse(expected.text());
                } catch (IllegalArgumentException e) {
                    return new VerifyResult.Failed(0, -1, "the expected checkpoint is malformed: " + e.getMessage());
                }
            }
            while (lines.next()) {
                if (lines.unterminated()) {
                    return new VerifyResult.Failed(lines.number(), -1,
                            "the last line is cut off (no newline): the file is truncated");
                }
                VerifyResult.Failed f;
                try {
                    f = line(JsonReader.objectSpans(lines.buffer(), 0, lines.length()));
                } catch (JsonException e) {
                    f = fail(-1, "not a JSON object: " + e.getMessage());
                }
                if (f != null) {
                    return f;
                }
            }
            return finish();
        }

        private VerifyResult.Failed line(JsonObjectSpans line) {
            String type;
            try {
                type = line.string("type");
            } catch (JsonException e) {
                return fail(-1, "a line needs a string 'type'");
            }
            try {
                return switch (type) {
                    case "header" -> header(line);
                    case "frontier" -> frontier(line);
                    case "entry" -> entry(line);
                    case "checkpoint" -> checkpoint(line);
                    case "consistency" -> consistency(line);
                    default -> fail(-1, "unknown line type '" + type + "'");
                };
            } catch (IllegalArgumentException e) {
                return fail(range == null ? -1 : range.size(), "malformed " + type + " line: " + e.getMessage());
            }
        }

        private VerifyResult.Failed header(JsonObjectSpans line) {
            if (headerSeen || range != null) {
                return fail(-1, "a header must be the first line, once");
            }
            headerSeen = true;
            String format = line.string("format");
            if (!ExportLines.FORMAT.equals(format)) {
                return fail(-1, "unsupported format '" + format + "' (this verifier reads " + ExportLines.FORMAT + ")");
            }
            origin = line.string("origin");
            return null;
        }

        private VerifyResult.Failed frontier(JsonObjectSpans line) {
            if (range != null) {
                return fail(-1, "a frontier must come before the first entry");
            }
            long size = line.integer("size");
            List<Hash> hashes = new ArrayList<>();
            if (!(line.value("hashes") instanceof List<?> list)) {
                return fail(-1, "'hashes' must be a list");
            }
            for (Object h : list) {
                hashes.add(Hash.ofHex(String.valueOf(h)));
            }
            range = CompactRange.of(size, hashes);
            return null;
        }

        private VerifyResult.Failed entry(JsonObjectSpans line) {
            if (range == null) {
                range = CompactRange.empty();
            }
            long index = line.integer("index");
            long expectedIndex = range.size();
            if (firstIndex < 0) {
                firstIndex = expectedIndex;
            }
            if (index != expectedIndex) {
                return fail(expectedIndex, index > expectedIndex
                        ? "entry " + expectedIndex + " is missing (found index " + index + ")"
                        : "found index " + index + " where " + expectedIndex + " was expected (duplicated or reordered)");
            }
            JsonObjectSpans.Span entry = line.span("entry").orElseThrow(() -> new JsonException("missing 'entry'", 0));
            if (entry.kind() != '{') {
                return fail(index, "'entry' is not an object");
            }
            Hash leaf = hasher.leaf(line.input(), entry.start(), entry.length());
            Hash stated = Hash.ofHex(line.string("leaf_hash"));
            if (!leaf.equals(stated)) {
                return fail(index, "the entry does not match its leaf_hash (recomputed " + leaf.hex() + ")");
            }
            JsonObjectSpans fields = JsonReader.objectSpans(line.input(), entry.start(), entry.length());
            if (!fields.has("seq") || fields.integer("seq") != index + 1) {
                return fail(index, "the entry carries seq " + (fields.has("seq") ? fields.value("seq") : "(none)")
                        + " but stands at index " + index + " (expected seq " + (index + 1) + ")");
            }
            if (!fields.has("schema") || !AuditEvent.SCHEMA.equals(fields.value("schema"))) {
                return fail(index, "the entry does not carry schema " + AuditEvent.SCHEMA);
            }
            range.append(leaf);
            entries++;
            if (entries % progressEvery == 0) {
                progress.report(entries, lines.bytesRead());
            }
            return null;
        }

        private VerifyResult.Failed consistency(JsonObjectSpans line) {
            long from = line.integer("from");
            long to = line.integer("to");
            if (!(line.value("proof") instanceof List<?> list)) {
                return fail(-1, "'proof' must be a list");
            }
            if (from != lastCheckpointSize) {
                return fail(-1, "consistency proof from " + from + " but the last checkpoint is at " + lastCheckpointSize);
            }
            List<Hash> path = list.stream().map(h -> Hash.ofHex(String.valueOf(h))).toList();
            pendingProof = new ConsistencyProof(from, to, lastCheckpointRoot, lastCheckpointRoot, path);
            pendingProofLine = lines.number();
            return null;
        }

        private VerifyResult.Failed checkpoint(JsonObjectSpans line) {
            if (range == null) {
                range = CompactRange.empty();
            }
            SignedNote note = SignedNote.parse(line.string("note"));
            Checkpoint body = Checkpoint.parse(note.text());
            long size = body.size();
            if (line.has("size") && line.integer("size") != size) {
                return fail(-1, "the line's size " + line.integer("size") + " differs from the checkpoint's " + size);
            }
            if (keys.verify(note) instanceof NoteVerification.Unverified u) {
                return fail(size - 1, "checkpoint at size " + size + " is not signed by a trusted key: " + u.reason());
            }
            if (origin != null && !origin.equals(body.origin())) {
                return fail(size - 1, "checkpoint origin '" + body.origin() + "' differs from the log's '" + origin + "'");
            }
            origin = body.origin();
            if (size != range.size()) {
                return fail(size - 1, size > range.size()
                        ? "checkpoint at size " + size + " but only " + range.size() + " entries precede it: entries are missing"
                        : "checkpoint at size " + size + " comes after entry " + (range.size() - 1) + ": out of place");
            }
            Hash root = range.root();
            if (!root.equals(body.root())) {
                return fail(size - 1, "the root recomputed at size " + size + " (" + root.base64()
                        + ") differs from the signed checkpoint's (" + body.root().base64() + ")");
            }
            if (pendingProof != null) {
                if (pendingProof.to() != size) {
                    return new VerifyResult.Failed(pendingProofLine, -1, "consistency proof to " + pendingProof.to()
                            + " is followed by a checkpoint at " + size);
                }
                ProofCheck check = ProofVerifier.verifyConsistency(pendingProof.from(), size, pendingProof.fromRoot(),
                        body.root(), pendingProof.path());
                if (check instanceof ProofCheck.Invalid bad) {
                    return new VerifyResult.Failed(pendingProofLine, -1, "consistency proof " + pendingProof.from() + " -> "
                            + size + " does not verify: " + bad.reason());
                }
                proofs++;
                pendingProof = null;
            }
            if (expectedBody != null && size == expectedBody.size()) {
                if (!expectedBody.root().equals(root)) {
                    return fail(size - 1, "the expected checkpoint's root differs from the file's at size " + size);
                }
                expectedSeen = true;
            }
            lastCheckpointSize = size;
            lastCheckpointRoot = body.root();
            checkpoints++;
            return null;
        }

        private VerifyResult finish() {
            long size = range == null ? 0 : range.size();
            if (expectedBody != null && !expectedSeen) {
                if (expectedBody.size() > size) {
                    return new VerifyResult.Failed(0, size, "the file ends at size " + size + " but the expected checkpoint is at "
                            + expectedBody.size() + ": entries were cut off");
                }
                if (range != null && expectedBody.size() == size && expectedBody.root().equals(range.root())) {
                    expectedSeen = true;
                } else {
                    return new VerifyResult.Failed(0, -1, "the file has no checkpoint at the expected size " + expectedBody.size());
                }
            }
            if (checkpoints == 0) {
                return new VerifyResult.Failed(0, -1, "the file holds no signed checkpoint");
            }
            if (pendingProof != null) {
                return new VerifyResult.Failed(pendingProofLine, -1, "consistency proof without a following checkpoint");
            }
            if (lastCheckpointSize != size) {
                return new VerifyResult.Failed(0, lastCheckpointSize, (size - lastCheckpointSize)
                        + " entries after the last checkpoint (size " + lastCheckpointSize + ") are not covered by a signature");
            }
            return new VerifyResult.Verified(firstIndex < 0 ? size : firstIndex, entries,
                    checkpoints, proofs, size, range.root());
        }

        private VerifyResult.Failed fail(long index, String what) {
            return new VerifyResult.Failed(lines.number(), index, what);
        }
    }
}
