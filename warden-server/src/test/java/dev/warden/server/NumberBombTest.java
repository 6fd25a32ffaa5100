package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.api.v1.AuditApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers as weapons: JSON numbers whose plain form is huge must be refused where JSON enters,
 * before they reach canonical JSON, Cedar or the audit writer; numbers Warden accepted must read
 * back everywhere (the audit listing above all).
 */
class NumberBombTest {
    @TempDir
    static Path data;
    static TestServer s;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(TestServer.quickstartWithoutLimits(data.resolve("config")), data, Clock.systemUTC());
        token = s.token("support-bot");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static String refund(String amount) {
        return "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-1\",\"amount\":" + amount + "}}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e100000000", "1e999999999", "-1e101", "1e-101", "1E+500", "0.5e-200",
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901",
            "1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"})
    void decide_numberOutsideTheRule_400InvalidNumberNamingTheField(String number) {
        TestServer.Reply r = s.decide(token, refund(number));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo("invalid_number");
        assertThat((String) r.get("message")).contains("args.amount");
        assertThat(r.body().length()).isLessThan(2_000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e99999999999999999999", "-1E+2147483648", "1e-2147483649", "0e99999999999999999999"})
    void decide_exponentBeyondTheIntRange_400InvalidNumberNamingTheField(String number) {
        // no BigDecimal holds these: the parser's NumberFormatException was a 500
        TestServer.Reply r = s.decide(token, refund(number));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo("invalid_number");
        assertThat((String) r.get("message")).contains("args.amount");
        TestServer.Reply inList = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":[1,{\"n\":[" + number + "]}]}}");
        assertThat(inList.get("error")).as(inList.body()).isEqualTo("invalid_number");
        assertThat((String) inList.get("message")).contains("args.sku[1].n[0]");
    }

    @Test
    void decide_numberInAList_namesItsIndex() {
        TestServer.Reply r = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":[1,2,3e400]}}");
        assertThat(r.get("error")).isEqualTo("invalid_number");
        assertThat((String) r.get("message")).contains("args.sku[2]");
    }

    @Test
    void decide_overlongNumberText_400InvalidNumber() {
        TestServer.Reply r = s.decide(token, refund("1" + "0".repeat(300)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("error")).isEqualTo("invalid_number");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e19", "10000000000000000000", "1e21", "1000000000000000000000", "1e100", "-9.99e100", "1e-100"})
    void decide_largeButLawfulNumbers_areDecidedAndTheAuditListingReadsThemBack(String number) {
        TestServer.Reply r = s.decide(token, refund(number));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.get("decision")).isEqualTo("deny"); // forbid no-large-refunds: amount >= 100, or a failing conversion
        TestServer.Reply page = s.get("/v1/audit/entries?kind=decision&order=desc&limit=5", TestServer.ADMIN);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("\"decision_id\":\"" + r.get("decision_id") + "\"");
    }

    @Test
    void auditListing_returnsEachEntryByteForByte() throws Exception {
        TestServer.Reply r = s.decide(token, refund("0.0000001"));
        assertThat(r.status()).isEqualTo(200);
        TestServer.Reply page = s.get("/v1/audit/entries?kind=decision&order=desc&limit=5", TestServer.ADMIN);
        // the canonical entry writes 0.0000001 in plain form; a re-serialized one would say 1E-7
        assertThat(page.body()).contains("\"amount\":0.0000001").doesNotContain("1E-7");
    }

    @Test
    void hostileRequestsBesideNormalTraffic_normalDecisionsAreAllMadeAndRecorded() throws Exception {
        List<String> bombs = List.of(refund("1e999999999"), refund("1e100000000"),
                // as many lawful 1e99s as the 64 KiB body limit holds: ~1.3 MB in plain form
                "{\"action\":\"inventory.read\",\"args\":{\"sku\":[" + String.join(",", java.util.Collections.nCopies(10_000, "1e99")) + "]}}",
                "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\",\"n\":" + "9".repeat(256) + "}}");
        long dbBefore = databaseBytes();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<TestServer.Reply>> hostile = new ArrayList<>();
            List<Future<TestServer.Reply>> normal = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (String bomb : bombs) {
                    hostile.add(pool.submit(() -> s.decide(token, bomb)));
                }
                for (int i = 0; i < 5; i++) {
                    normal.add(pool.submit(() -> s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}")));
                }
            }
            for (Future<TestServer.Reply> f : normal) {
                TestServer.Reply r = f.get();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.get("decision")).as(r.body()).isEqualTo("allow");
            }
            for (Future<TestServer.Reply> f : hostile) {
                TestServer.Reply r = f.get();
                assertThat(r.body().length()).isLessThan(4_000);
                assertThat(r.status()).as(r.body()).isIn(400, 413);
            }
        }
        // 80 hostile requests left nothing behind
        assertThat(databaseBytes() - dbBefore).isLessThan(8L << 20);
    }

    @Test
    void decide_argsWithinTheBodyLimitButLargerInPlainForm_413ArgumentsTooLarge() {
        String many = String.join(",", java.util.Collections.nCopies(10_000, "1e99"));
        TestServer.Reply r = s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":[" + many + "]}}");
        // a 50 KB body of lawful numbers is ~1 MB in canonical JSON: refused, not recorded
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.get("error")).isEqualTo("arguments_too_large");
    }

    @SuppressWarnings("unchecked")
    @Test
    void auditListing_pageOfLargeEntries_isBoundedAndPagingReachesThemAll() throws Exception {
        String body = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"" + "A".repeat(60_000) + "\"}}";
        long first = 0;
        for (int i = 0; i < 200; i++) { // denied by the sku pattern, recorded with its 60 KB argument
            TestServer.Reply r = s.decide(token, body);
            assertThat(r.get("decision")).isEqualTo("deny");
            if (first == 0) {
                first = seqOf((String) r.get("decision_id"));
            }
        }
        int seen = 0;
        long after = first - 1;
        for (int pages = 0; seen < 200; pages++) {
            assertThat(pages).as("pages needed").isLessThan(10);
            TestServer.Reply page = s.get("/v1/audit/entries?kind=decision&limit=1000&after=" + after, TestServer.ADMIN);
            assertThat(page.body().length()).isLessThan(AuditApi.PAGE_CHARS + (256 << 10));
            List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
            assertThat(entries).isNotEmpty();
            seen += entries.size();
            after = ((Number) page.get("next_after")).longValue();
        }
        assertThat(seen).isGreaterThanOrEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static long seqOf(String decisionId) {
        TestServer.Reply page = s.get("/v1/audit/entries?kind=decision&order=desc&limit=1", TestServer.ADMIN);
        Map<String, Object> e = ((List<Map<String, Object>>) page.get("entries")).getFirst();
        assertThat(((Map<String, Object>) e.get("entry")).get("decision_id")).isEqualTo(decisionId);
        return ((Number) e.get("seq")).longValue();
    }

    private static long databaseBytes() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().contains(".db")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
