package dev.warden.store.jdbc;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.approval.Approval;
import dev.warden.approval.ApprovalId;
import dev.warden.approval.ApprovalState;
import dev.warden.audit.AuditRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data shared by the store tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");
    static final String ZERO_HASH = "0".repeat(64);

    private Fixtures() {
    }

    static AgentKey key(String kid, int fill) {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) fill);
        return new AgentKey(kid, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    static Agent agent(String name) {
        return new Agent(new AgentId("warden.local", name), "alice@example.com", "triage support tickets",
                List.of("tickets.read", "tickets.comment"), "1.2.3", "sha256:" + "ab".repeat(32),
                "support", "prod", MaturityLevel.JUNIOR, AgentStatus.ACTIVE,
                List.of(key("k1", 1), key("k2", 2)), 0, T0);
    }

    static String approvalIdHex(int n) {
        return String.format("apr_%032x", n);
    }

    static Approval approval(int n, ApprovalState state, Instant createdAt) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Zürich");
        address.put("lines", List.of("Bahnhofstrasse 1", "c/o \"Warden\"\n2nd floor"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("amount", new BigDecimal("49.99"));
        args.put("count", 3L);
        args.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        args.put("refund", true);
        args.put("memo", null);
        args.put("address", address);
        args.put("tags", List.of("a", 1L, new BigDecimal("-0.5"), List.of()));
        return new Approval(new ApprovalId(approvalIdHex(n)), "billing-bot", "ses_1", "dec_" + n, "payments.refund",
                "order/" + n, args, "f".repeat(64), List.of("policy-a", "policy-b"), "customer asked for it",
                state, createdAt, createdAt.plusSeconds(900), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A run of chained audit records starting after {@code prevSeq} / {@code prevChain}. */
    static List<AuditRecord> records(long prevSeq, String prevChain, int count, int entryBytes) {
        List<AuditRecord> out = new ArrayList<>(count);
        String chain = prevChain;
        for (int i = 1; i <= count; i++) {
            long seq = prevSeq + i;
            String kind = seq % 3 == 0 ? "outcome" : "decision";
            String agent = seq % 2 == 0 ? "agent-even" : "agent-odd";
            String decisionId = "dec_" + (kind.equals("outcome") ? seq - 1 : seq);
            String base = "{\"agent\":\"" + agent + "\",\"kind\":\"" + kind + "\",\"seq\":" + seq + ",\"pad\":\"";
            StringBuilder entry = new StringBuilder(base);
            while (entry.length() < entryBytes - 2) {
                entry.append('x');
            }
            entry.append("\"}");
            out.add(record(seq, T0.plusNanos(seq), kind, agent, decisionId, entry.toString(), chain));
            chain = out.getLast().chainHash();
        }
        return out;
    }

    static AuditRecord record(long seq, Instant time, String kind, String agent, String decisionId, String entry,
                              String prevChain) {
        String leaf = leafHash(entry);
        return new AuditRecord(seq, time, kind, agent, "ses_" + (seq % 5), decisionId,
                kind.equals("decision") ? "allow" : null, entry, leaf, chainHash(prevChain, leaf));
    }

    static String leafHash(String entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(entry.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    static String chainHash(String prevChain, String leaf) {
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
