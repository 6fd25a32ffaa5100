package dev.warden.bench;

import dev.warden.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Runs of chained audit records of a chosen size, as the store load runs append them. */
final class ChainedRecords {
    static final String ZERO_HASH = "0".repeat(64);
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    private ChainedRecords() {
    }

    /** {@code count} records after {@code prevSeq} / {@code prevChain}, each entry about {@code entryBytes} long. */
    static List<AuditRecord> after(long prevSeq, String prevChain, int count, int entryBytes) {
        List<AuditRecord> out = new ArrayList<>(count);
        String chain = prevChain;
        for (int i = 1; i <= count; i++) {
            long seq = prevSeq + i;
            String kind = seq % 3 == 0 ? "outcome" : "decision";
            String agent = seq % 2 == 0 ? "agent-even" : "agent-odd";
            String decisionId = "dec_" + (kind.equals("outcome") ? seq - 1 : seq);
            StringBuilder entry = new StringBuilder("{\"agent\":\"" + agent + "\",\"kind\":\"" + kind + "\",\"seq\":" + seq
                    + ",\"pad\":\"");
            while (entry.length() < entryBytes - 2) {
                entry.append('x');
            }
            entry.append("\"}");
            String leaf = leafHash(entry.toString());
            out.add(new AuditRecord(seq, T0.plusNanos(seq), kind, agent, "ses_" + (seq % 5), decisionId,
                    kind.equals("decision") ? "allow" : null, entry.toString(), leaf, chainHash(chain, leaf)));
            chain = out.getLast().chainHash();
        }
        return out;
    }

    private static String leafHash(String entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(entry.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String chainHash(String prevChain, String leaf) {
        MessageDigest sha = sha256();
        sha.update(HexFormat.of().parseHex(prevChain));
        sha.update(HexFormat.of().parseHex(leaf));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
