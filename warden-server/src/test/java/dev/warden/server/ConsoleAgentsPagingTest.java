package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.server.console.AgentsFilter;
import dev.warden.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents page at scale: pages of 100 by name, the filter form, and what the pager links keep. */
class ConsoleAgentsPagingTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern ROW = Pattern.compile("<tr data-agent=\"([^\"]+)\">");
    /** Registered agents besides the quickstart's support-bot. */
    static final int AGENTS = 229;

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    final MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
        operator("alice", "admin");
        operator("olga", "owner");
        for (int i = 0; i < AGENTS; i++) {
            agent(String.format("bot-%03d", i), i % 10 == 0 ? "olga" : "team-" + (i % 3) + "@example.com");
        }
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void agents_comeInPagesOf100_byName_andAPageBeyondTheLastIsTheLast() throws Exception {
        Browser b = signedIn("alice");

        String first = ok(b.get("/console/agents"));
        List<String> rows1 = rows(first);
        assertThat(rows1).hasSize(100).isSorted().startsWith("bot-000").doesNotContain("support-bot");
        assertThat(first).contains("data-agents-matching=\"" + (AGENTS + 1) + "\"", "page 1 of 3",
                "href=\"/console/agents?page=2\" rel=\"next\"", "href=\"/console/agents?page=3\" rel=\"last\"",
                "<nav class=\"pager\" aria-label=\"Pages of agents\">").doesNotContain("rel=\"prev\"");

        List<String> rows2 = rows(ok(b.get("/console/agents?page=2")));
        assertThat(rows2).hasSize(100).isSorted();
        assertThat(rows2.getFirst()).isGreaterThan(rows1.getLast());

        String last = ok(b.get("/console/agents?page=3"));
        assertThat(rows(last)).hasSize(AGENTS + 1 - 200).endsWith("support-bot");
        assertThat(last).contains("page 3 of 3", "href=\"/console/agents?page=2\" rel=\"prev\"",
                "href=\"/console/agents\" rel=\"first\"").doesNotContain("rel=\"next\"");

        assertThat(rows(ok(b.get("/console/agents?page=99")))).isEqualTo(rows(last));
        for (String bad : List.of("0", "-1", "abc", "99999999999999", "")) {
            assertThat(rows(ok(b.get("/console/agents?page=" + bad)))).as(bad).isEqualTo(rows1);
        }
    }

    @Test
    void theFilterForm_isLabelled_echoesItsValues_andPagerLinksKeepThem() throws Exception {
        Browser b = signedIn("alice");

        String page = ok(b.get("/console/agents?name=BOT-1&owner=team-1%40example.com"));
        // bot-100..bot-199 whose index % 3 == 1 and % 10 != 0
        List<String> expected = java.util.stream.IntStream.range(100, 200).filter(i -> i % 3 == 1 && i % 10 != 0)
                .mapToObj(i -> String.format("bot-%03d", i)).toList();
        assertThat(rows(page)).isEqualTo(expected);
        assertThat(page).contains("<label for=\"f-name\">", "id=\"f-name\" name=\"name\" type=\"search\" value=\"BOT-1\"",
                "<label for=\"f-owner\">", "value=\"team-1@example.com\"", "<label for=\"f-project\">",
                "<label for=\"f-level\">", "<label for=\"f-status\">", "data-agents-matching=\"" + expected.size() + "\"",
                "matching the filter", "<a href=\"/console/agents\">Clear</a>");

        String levelPage = ok(b.get("/console/agents?level=intern&status=active&project=shop"));
        assertThat(levelPage).contains("<option value=\"intern\" selected>", "<option value=\"active\" selected>");
        assertThat(rows(levelPage)).hasSize(100);
        assertThat(levelPage).contains("href=\"/console/agents?project=shop&amp;level=intern&amp;status=active&amp;page=2\" rel=\"next\"");

        assertThat(rows(ok(b.get("/console/agents?status=killed")))).isEmpty();
        assertThat(ok(b.get("/console/agents?status=killed"))).contains("data-agents-matching=\"0\"", "page 1 of 1")
                .doesNotContain("<nav class=\"pager\"");
        String hostile = ok(b.get("/console/agents?name=" + enc("\"><script>alert(1)</script>")));
        assertThat(hostile).doesNotContain("<script>alert(1)").contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"");
    }

    @Test
    void anOwner_seesOnlyItsOwn_whateverTheFilterAsks() throws Exception {
        Browser b = signedIn("olga");
        List<String> own = rows(ok(b.get("/console/agents")));
        assertThat(own).hasSize((AGENTS + 9) / 10).allMatch(n -> Integer.parseInt(n.substring(4)) % 10 == 0);
        assertThat(rows(ok(b.get("/console/agents?owner=team-1%40example.com")))).isEmpty();
        String overview = ok(b.get("/console/"));
        assertThat(overview).contains("data-kpi=\"agents_status_active\"><dt>active</dt><dd>" + own.size() + "</dd>");
    }

    @Test
    void theOverview_countsEveryAgent_andSaysHowOldItsKpisAre() throws Exception {
        Browser b = signedIn("alice");
        String overview = ok(b.get("/console/"));
        assertThat(overview).contains("data-kpi=\"agents_status_active\"><dt>active</dt><dd>" + (AGENTS + 1) + "</dd>",
                "data-kpi-age");
        // the KPIs were computed for the first load (a small store is quick) or are being computed
        assertThat(overview).containsAnyOf("Computed just now.", "Being computed in the background");
        clock.advance(Duration.ofSeconds(12));
        String later = ok(b.get("/console/"));
        assertThat(later).containsAnyOf("Computed 12 s ago", "Computed just now.");
    }

    @Test
    void filterValues_areTrimmedCut_andMatchAsDocumented() {
        AgentsFilter f = new AgentsFilter("  Sup ", null, "", "senior", "active");
        assertThat(f.name()).isEqualTo("Sup");
        assertThat(f.owner()).isEmpty();
        assertThat(new AgentsFilter("x".repeat(500), "", "", "", "").name()).hasSize(200);
        Agent a = agent("support-bot", "alice@example.com", "shop", MaturityLevel.SENIOR, AgentStatus.ACTIVE);
        assertThat(f.matches(a)).isTrue();
        assertThat(f.matches(agent("support-bot", "alice@example.com", "shop", MaturityLevel.JUNIOR, AgentStatus.ACTIVE))).isFalse();
        assertThat(f.matches(agent("support-bot", "alice@example.com", "shop", MaturityLevel.SENIOR, AgentStatus.KILLED))).isFalse();
        assertThat(new AgentsFilter("", "bob", "", "", "").matches(a)).isFalse();
        assertThat(new AgentsFilter("", "", "billing", "", "").matches(a)).isFalse();
        assertThat(AgentsFilter.NONE.matches(a)).isTrue();
        assertThat(AgentsFilter.NONE.isActive()).isFalse();
        assertThat(new AgentsFilter("a b", "o&x=1", "", "", "").query(3)).isEqualTo("name=a+b&owner=o%26x%3D1&page=3");
        assertThat(AgentsFilter.NONE.query(1)).isEmpty();
    }

    private static Agent agent(String name, String owner, String project, MaturityLevel level, AgentStatus status) {
        return new Agent(new AgentId("warden.local", name), owner, "p", List.of("inventory.read"), "1", "sha256:0", project,
                "prod", level, status, List.of(), 0, Instant.EPOCH);
    }

    private static List<String> rows(String html) {
        Matcher m = ROW.matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private Browser signedIn(String name) throws Exception {
        Browser b = new Browser();
        Matcher m = CSRF.matcher(b.get("/console/login").body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> r = b.post("/console/login", Map.of("_csrf", m.group(1), "name", name, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        return b;
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

    private void operator(String name, String... roles) {
        String list = String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void agent(String name, String owner) {
        TestServer.Reply r = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"%s","purpose":"paging test","owner":"%s","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"k1","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"""
                .formatted(name, owner));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
