package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditSearch;
import dev.warden.audit.AuditStore;
import dev.warden.audit.merkle.Hash;
import dev.warden.audit.merkle.ProofCheck;
import dev.warden.audit.merkle.ProofVerifier;
import dev.warden.audit.merkle.TreeHasher;
import dev.warden.audit.note.Checkpoint;
import dev.warden.audit.note.NoteVerification;
import dev.warden.audit.note.NoteVerifier;
import dev.warden.audit.note.SignedNote;
import dev.warden.server.api.v1.Json;
import dev.warden.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's audit explorer over real HTTP: filters, the paging cursor, bad input, escaping of
 * agent strings, and the proof document, which must equal the proof API's answers and suffice to
 * verify the entry's inclusion without the server.
 */
class ConsoleAuditTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final String XSS = "<script>alert(1)</script>";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern ROW = Pattern.compile("<tr data-entry=\"(\\d+)\">");
    static final Pattern OLDER = Pattern.compile("href=\"([^\"]+)\" rel=\"next\" data-older");
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)");

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    Browser auditor;

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"ada\",\"roles\":[\"auditor\"],\"password\":\"%s\"}".formatted(PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        auditor = new Browser();
        assertThat(auditor.signIn("ada", PASSWORD).statusCode()).isEqualTo(303);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** A browser: the console cookie it holds. */
    final class Browser extends ConsoleBrowser {
        Browser() {
            super(s);
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private AuditStore store() {
        return s.server.warden().auditStore();
    }

    /** Appends {@code n} events of this kind and agent (durably, the last one waits for all). */
    private void record(String kind, String agent, String decision, int n) {
        for (int i = 0; i < n; i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("action", "inventory.read");
            fields.put("rationale", "event " + i);
            AuditEvent e = new AuditEvent(kind, clock.instant(), agent, null, decision == null ? null : "dec_" + kind + i,
                    decision, fields);
            if (i == n - 1) {
                s.server.warden().auditLog().appendDurably(e);
            } else {
                s.server.warden().auditLog().append(e);
            }
        }
    }

    private static List<Long> rows(String html) {
        List<Long> out = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    /** The record of each listed index. */
    private List<dev.warden.audit.AuditRecord> records(List<Long> indexes) {
        return indexes.stream().map(i -> store().read(new AuditQuery(i, 1, Optional.empty(), Optional.empty())).getFirst()).toList();
    }

    @Test
    void explorer_isALabelledGetForm_overATable_withoutInlineScript() throws Exception {
        record("decision", "support-bot", "allow", 3);
        HttpResponse<String> r = auditor.get("/console/audit");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Audit log</h1>", "<form method=\"get\" action=\"/console/audit\"",
                "<label for=\"f-agent\">", "id=\"f-agent\" name=\"agent\"", "<label for=\"f-kind\">", "<label for=\"f-decision\">",
                "<label for=\"f-from\">", "<label for=\"f-to\">", "<th scope=\"col\">Index</th>", "<th scope=\"col\">Summary</th>");
        assertThat(r.body()).doesNotContain("style=").doesNotContainPattern(INLINE_SCRIPT);
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        List<Long> listed = rows(r.body());
        assertThat(listed).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(listed.getFirst()).isEqualTo(store().head().seq() - 1);
    }

    @Test
    void filters_byAgent_kind_decision_andTime_listOnlyMatchingEntries() throws Exception {
        record("decision", "support-bot", "allow", 5);
        record("decision", "support-bot", "deny", 3);
        record("decision", "billing-bot", "deny", 4);
        clock.advance(Duration.ofHours(2));
        record("agent.killed", "billing-bot", null, 2);
        auditor = new Browser(); // two idle hours ended the session
        assertThat(auditor.signIn("ada", PASSWORD).statusCode()).isEqualTo(303);

        List<dev.warden.audit.AuditRecord> byAgent = records(rows(auditor.get("/console/audit?agent=support-bot").body()));
        assertThat(byAgent).isNotEmpty().allMatch(e -> "support-bot".equals(e.agent()));

        List<dev.warden.audit.AuditRecord> denies = records(rows(auditor.get("/console/audit?decision=deny").body()));
        assertThat(denies).hasSize(7).allMatch(e -> "deny".equals(e.decision()));

        List<dev.warden.audit.AuditRecord> both = records(rows(
                auditor.get("/console/audit?agent=billing-bot&kind=decision&decision=deny").body()));
        assertThat(both).hasSize(4).allMatch(e -> "billing-bot".equals(e.agent()) && "deny".equals(e.decision()));

        List<dev.warden.audit.AuditRecord> kills = records(rows(auditor.get("/console/audit?kind=agent.killed").body()));
        assertThat(kills).hasSize(2).allMatch(e -> "agent.killed".equals(e.kind()));

        String later = enc(clock.instant().minus(Duration.ofMinutes(1)).toString());
        List<dev.warden.audit.AuditRecord> recent = records(rows(auditor.get("/console/audit?agent=billing-bot&from=" + later).body()));
        assertThat(recent).hasSize(2).allMatch(e -> "agent.killed".equals(e.kind()));
        List<dev.warden.audit.AuditRecord> earlier = records(rows(
                auditor.get("/console/audit?agent=billing-bot&to=2026-12-01T11:00").body()));
        assertThat(earlier).hasSize(4).allMatch(e -> "decision".equals(e.kind()));
        assertThat(rows(auditor.get("/console/audit?agent=billing-bot&to=2026-11-30").body())).isEmpty();

        HttpResponse<String> form = auditor.get("/console/audit?agent=billing-bot&decision=deny");
        assertThat(form.body()).contains("value=\"billing-bot\"", "<option value=\"deny\" selected>");
    }

    @Test
    void paging_goesOlder_withACursor_withoutGapsOrRepeats() throws Exception {
        record("decision", "pager-bot", "allow", 120);

        List<Long> all = new ArrayList<>();
        String url = "/console/audit?agent=pager-bot";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = auditor.get(url);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<Long> page = rows(r.body());
            assertThat(page.size()).isLessThanOrEqualTo(50);
            if (!all.isEmpty() && !page.isEmpty()) {
                assertThat(page.getFirst()).isLessThan(all.getLast());
            }
            all.addAll(page);
            Matcher m = OLDER.matcher(r.body());
            url = m.find() ? m.group(1).replace("&amp;", "&") : null;
            if (url != null) {
                assertThat(url).contains("agent=pager-bot").containsPattern("before=\\d+");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(120).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void aSearchOverItsReadBudget_saysWhereToGoOn_andGoingOnFindsTheRest() {
        record("decision", "budget-bot", "deny", 1);
        record("decision", "budget-bot", "allow", 30);

        AuditSearch first = new AuditSearch(Optional.of("budget-bot"), Optional.empty(), Optional.of("deny"),
                Optional.empty(), Optional.empty(), 0, AuditQuery.NO_UPPER_BOUND, 5, 10);
        AuditSearch.Page page = store().search(first);
        assertThat(page.records()).isEmpty();
        assertThat(page.exhausted()).isTrue();
        long cursor = page.resumeBefore().orElseThrow();
        AuditSearch.Page rest = store().search(new AuditSearch(first.agent(), first.kind(), first.decision(),
                first.from(), first.to(), 0, cursor, 5, 100));
        assertThat(rest.records()).singleElement().satisfies(e -> assertThat(e.decision()).isEqualTo("deny"));
        assertThat(rest.resumeBefore()).isEmpty();
    }

    @Test
    void badInput_answers400_namingTheField() throws Exception {
        Map<String, String> bad = Map.of(
                "from=yesterday", "'from'",
                "to=2026-13-45", "'to'",
                "decision=maybe", "'decision'",
                "kind=" + enc("<b>"), "'kind'",
                "before=-3", "'before'",
                "before=abc", "'before'",
                "from=2026-12-02&to=2026-12-01", "'to'");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> r = auditor.get("/console/audit?" + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.body().replace("&#39;", "'").replace("&#x27;", "'")).as(e.getKey()).contains(e.getValue());
        }
        assertThat(auditor.get("/console/audit/999999").statusCode()).isEqualTo(404);
        assertThat(auditor.get("/console/audit/nope").statusCode()).isEqualTo(404);
        assertThat(new Browser().get("/console/audit").statusCode()).isEqualTo(303);
        assertThat(new Browser().get("/console/audit/0/proof.json").statusCode()).isEqualTo(303);
    }

    @Test
    void agentStrings_renderAsText_inTheListAndTheDetail() throws Exception {
        String token = s.token("support-bot");
        TestServer.Reply d = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"},"
                + "\"context\":{\"rationale\":\"" + XSS + "\"}}");
        assertThat(d.status()).as(d.body()).isLessThan(500);
        HttpResponse<String> list = auditor.get("/console/audit?agent=support-bot&kind=decision");
        List<Long> listed = rows(list.body());
        assertThat(listed).isNotEmpty();
        assertThat(list.body()).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        HttpResponse<String> detail = auditor.get("/console/audit/" + listed.getFirst());
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).doesNotContain(XSS).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContainPattern(INLINE_SCRIPT).doesNotContain("style=")
                .contains("data-proof-url=\"/console/audit/" + listed.getFirst() + "/proof.json\"", "data-verify-result",
                        "/console/assets/verify.");
    }

    @Test
    void proofJson_isWhatTheProofApiAnswers_andSufficesToVerifyTheEntry() throws Exception {
        record("decision", "support-bot", "allow", 40);
        long index = store().head().seq() - 10;
        HttpResponse<String> r = auditor.get("/console/audit/" + index + "/proof.json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        Map<String, Object> proof = Json.parseObject(r.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> cp = (Map<String, Object>) proof.get("checkpoint");
        long size = (Long) cp.get("size");

        TestServer.Reply apiCheckpoint = s.send(HttpRequest.newBuilder(s.uri("/v1/audit/checkpoint"))
                .header("Accept", "application/json").GET(), TestServer.ADMIN);
        assertThat(apiCheckpoint.json()).isEqualTo(cp);
        TestServer.Reply apiInclusion = s.get("/v1/audit/proofs/inclusion?index=" + index + "&size=" + size, TestServer.ADMIN);
        assertThat(apiInclusion.json()).isEqualTo(proof.get("inclusion"));
        assertThat(s.get("/v1/audit/keys", TestServer.ADMIN).json().get("keys")).isEqualTo(proof.get("keys"));
        dev.warden.audit.AuditRecord stored = store().read(new AuditQuery(index, 1, Optional.empty(), Optional.empty())).getFirst();
        assertThat(proof.get("state")).isEqualTo("included");
        assertThat(proof.get("index")).isEqualTo(index);
        assertThat(new String(Base64.getDecoder().decode((String) proof.get("entry_base64")), StandardCharsets.UTF_8))
                .isEqualTo(stored.entry());

        assertThat(verify(proof)).isEqualTo("verified");
        // a changed byte of the entry, or of the audit path, fails
        byte[] entry = Base64.getDecoder().decode((String) proof.get("entry_base64"));
        entry[entry.length / 2] ^= 1;
        Map<String, Object> tampered = new LinkedHashMap<>(proof);
        tampered.put("entry_base64", Base64.getEncoder().encodeToString(entry));
        assertThat(verify(tampered)).startsWith("failed");
        @SuppressWarnings("unchecked")
        Map<String, Object> inclusion = new LinkedHashMap<>((Map<String, Object>) proof.get("inclusion"));
        @SuppressWarnings("unchecked")
        List<String> path = new ArrayList<>((List<String>) inclusion.get("proof"));
        assertThat(path).isNotEmpty();
        path.set(0, (path.getFirst().charAt(0) == '0' ? "1" : "0") + path.getFirst().substring(1));
        inclusion.put("proof", path);
        Map<String, Object> badPath = new LinkedHashMap<>(proof);
        badPath.put("inclusion", inclusion);
        assertThat(verify(badPath)).startsWith("failed");
    }

    /**
     * Verifies a proof document as the browser does, from it alone: the leaf hash of the entry's
     * bytes, the audit path to the root of the signed checkpoint, the signature with a listed key.
     */
    @SuppressWarnings("unchecked")
    private static String verify(Map<String, Object> proof) {
        byte[] entry = Base64.getDecoder().decode((String) proof.get("entry_base64"));
        Hash leaf = new TreeHasher().leaf(entry);
        String note = (String) ((Map<String, Object>) proof.get("checkpoint")).get("note");
        SignedNote signed = SignedNote.parse(note);
        Checkpoint cp = Checkpoint.parse(signed.text());
        List<NoteVerifier> keys = ((List<Map<String, Object>>) proof.get("keys")).stream()
                .map(k -> NoteVerifier.parse((String) k.get("verifier_key"))).toList();
        if (!(signed.verify(keys) instanceof NoteVerification.Verified)) {
            return "failed: signature";
        }
        Map<String, Object> inclusion = (Map<String, Object>) proof.get("inclusion");
        List<Hash> path = ((List<String>) inclusion.get("proof")).stream().map(Hash::ofHex).toList();
        ProofCheck check = ProofVerifier.verifyInclusion((Long) proof.get("index"), cp.size(), leaf, path, cp.root());
        return check instanceof ProofCheck.Valid ? "verified" : "failed: " + ((ProofCheck.Invalid) check).reason();
    }
}
