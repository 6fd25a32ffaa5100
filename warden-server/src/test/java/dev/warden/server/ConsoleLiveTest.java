package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Reason;
import dev.warden.server.console.DecisionFeed;
import dev.warden.server.console.FeedFilter;
import dev.warden.server.console.FeedSubscriber;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's live decision feed over real HTTP: the stream carries decisions made through the
 * API, filters and owner visibility apply on the server, a client that never reads does not slow
 * decisions (what it missed is counted and reported), and without a session there is no stream.
 */
class ConsoleLiveTest {
    static final String PASSWORD = "correct-horse-battery-staple";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String READ = "{\"action\":\"inventory.read\",\"resource\":\"sku/%s\",\"args\":{\"sku\":\"%S\"}}";
    static final String UNKNOWN = "{\"action\":\"no.such_tool\",\"resource\":\"x/%s\",\"args\":{}}";

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final List<Events> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestServer.quickstartWithoutLimits(config);
        s = new TestServer(config, data, Clock.systemUTC());
        operator("alice", "admin");
    }

    @AfterEach
    void stop() {
        open.forEach(Events::close);
        if (s != null) {
            s.close();
        }
    }

    @Test
    void theStream_deliversADecisionMadeThroughTheApi() throws Exception {
        Browser b = signedIn("alice");
        Events events = b.stream("");
        String token = s.token("support-bot");

        TestServer.Reply d = s.decide(token, READ.formatted("a-1", "a-1"));

        assertThat(d.status()).as(d.body()).isEqualTo(200);
        String batch = events.next("decisions", Duration.ofSeconds(20));
        assertThat(batch).contains("\"agent\":\"support-bot\"", "\"tool\":\"inventory.read\"", "\"resource\":\"sku/a-1\"",
                "\"decision\":\"" + d.get("decision") + "\"", "\"id\":\"" + d.get("decision_id") + "\"");
    }

    @Test
    void filters_applyOnTheServer() throws Exception {
        Browser b = signedIn("alice");
        Events denies = b.stream("?decision=deny");
        Events otherAgent = b.stream("?agent=someone-else");
        String token = s.token("support-bot");

        assertThat(s.decide(token, READ.formatted("f-1", "f-1")).get("decision")).isEqualTo("allow");
        assertThat(s.decide(token, UNKNOWN.formatted("f-2")).get("decision")).isEqualTo("deny");

        String batch = denies.next("decisions", Duration.ofSeconds(20));
        assertThat(batch).contains("\"decision\":\"deny\"", "x/f-2").doesNotContain("\"decision\":\"allow\"", "sku/f-1");
        assertThat(otherAgent.poll("decisions", Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void anOwner_seesOnlyItsOwnAgentsDecisions() throws Exception {
        operator("bob", "owner");
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").generate();
        TestServer.Reply reg = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"bob-bot","purpose":"p","owner":"bob","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod","public_keys":[%s]}"""
                .formatted(key.toPublicJWK().toJSONString()));
        assertThat(reg.status()).as(reg.body()).isEqualTo(201);
        String bobToken = (String) s.tokenRequest(s.assertion("bob-bot", key)).get("access_token");
        Events bob = signedIn("bob").stream("");
        Events bobAsksForAlices = signedIn("bob").stream("?agent=support-bot");

        s.decide(s.token("support-bot"), READ.formatted("o-1", "o-1"));
        s.decide(bobToken, READ.formatted("o-2", "o-2"));

        String batch = bob.next("decisions", Duration.ofSeconds(20));
        assertThat(batch).contains("\"agent\":\"bob-bot\"", "sku/o-2").doesNotContain("support-bot", "sku/o-1");
        assertThat(bobAsksForAlices.poll("decisions", Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aClientThatNeverReads_doesNotSlowDecisions() throws Exception {
        Browser b = signedIn("alice");
        // a raw connection that asks for the stream and then never reads a byte
        try (Socket stalled = new Socket("127.0.0.1", s.uri("/").getPort())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /console/live/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Cookie: warden_console=" + b.cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Events reader = b.stream("");
            String token = s.token("support-bot");

            long started = System.nanoTime();
            int n = 300;
            for (int i = 0; i < n; i++) {
                assertThat(s.decide(token, READ.formatted("s-" + i, "s-" + i)).status()).isEqualTo(200);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("%d decisions with a stalled subscriber", n).isLessThan(Duration.ofSeconds(60));
            // the reading subscriber got every one of them
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < n && System.nanoTime() < deadline) {
                String batch = reader.next("decisions", Duration.ofSeconds(10));
                seen += count(batch, "\"id\":");
            }
            assertThat(seen).isEqualTo(n);
        }
    }

    @Test
    void aSubscriberThatNeverTakes_costsADecisionNoWait_andItsMissedDecisionsAreCounted() {
        DecisionFeed feed = new DecisionFeed(Clock.systemUTC());
        FeedSubscriber stalled = feed.subscribe(FeedFilter.ALL).orElseThrow();
        FeedSubscriber onlyDenies = feed.subscribe(FeedFilter.of(null, "deny")).orElseThrow();
        DecisionRequest request = DecisionRequest.of(new Caller("support-bot", "ses_1", 0), "inventory.read", Map.of());
        int n = DecisionFeed.QUEUE_CAPACITY * 5;

        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            feed.recorded(request, new Decision.Allow(new DecisionId(String.format("dec_%032x", i)), List.of(), List.of()), Instant.now(), 1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(stalled.offered()).isEqualTo(n);
        assertThat(stalled.skipped()).isEqualTo(n - DecisionFeed.QUEUE_CAPACITY);
        assertThat(onlyDenies.offered()).isZero();
        assertThat(feed.perMinute()).isEqualTo(n);
    }

    @Test
    void withoutASession_thereIsNoStream_andOnlyAnEventStreamIsServed() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(s.uri("/console/live/stream"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        Browser b = signedIn("alice");
        HttpResponse<String> html = b.get("/console/live/stream", "text/html");

        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/console/login");
        assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).doesNotContain("event-stream");
        assertThat(html.statusCode()).isEqualTo(406);
    }

    @Test
    void theStream_endsWhenTheSessionEnds() throws Exception {
        Browser b = signedIn("alice");
        Events events = b.stream("");
        String csrf = csrf(b.get("/console/", "text/html").body());

        b.post("/console/logout", Map.of("_csrf", csrf));

        assertThat(events.next("end", Duration.ofSeconds(20))).isEqualTo("signed-out");
    }

    @Test
    void thePage_hasTheLabelledFilters_andTheFeedList_andTheOverviewCountsDecisionsPerMinute() throws Exception {
        String token = s.token("support-bot");
        for (int i = 0; i < 3; i++) {
            s.decide(token, READ.formatted("p-" + i, "p-" + i));
        }
        Browser b = signedIn("alice");
        HttpResponse<String> page = b.get("/console/live?agent=support-bot&decision=deny", "text/html");
        HttpResponse<String> overview = b.get("/console/", "text/html");
        HttpResponse<String> rate = b.get("/console/live/rate", "application/json");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Live decision feed</h1>", "<label for=\"agent\">", "id=\"agent\"",
                "<label for=\"decision\">", "<option value=\"deny\" selected>", "value=\"support-bot\"",
                "<ol class=\"feed\" data-feed data-stream=\"/console/live/stream?agent=support-bot&amp;decision=deny\"",
                "/console/assets/live.");
        assertThat(page.body()).doesNotContain("style=").doesNotContainPattern(ConsoleTest.INLINE_SCRIPT);
        assertThat(overview.body()).containsPattern("data-kpi=\"decisions_per_minute\"[^>]*><dt>Decisions per minute</dt><dd>3</dd>");
        assertThat(rate.body()).isEqualTo("{\"decisions_per_minute\":3}");
    }

    // --- helpers

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private void operator(String name, String... roles) {
        String list = String.join(",", List.of(roles).stream().map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private Browser signedIn(String name) throws Exception {
        Browser b = new Browser();
        String csrf = csrf(b.get("/console/login", "text/html").body());
        HttpResponse<String> r = b.post("/console/login", Map.of("_csrf", csrf, "name", name, "password", PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return b;
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    /** A browser: the console cookie it holds. */
    final class Browser {
        String cookie;

        HttpResponse<String> get(String path, String accept) throws Exception {
            return remember(http.send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return remember(http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        /** Opens the event stream with this query; returns once the server has said it is connected. */
        Events stream(String query) throws Exception {
            HttpResponse<Stream<String>> r = http.send(request("/console/live/stream" + query)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            Events e = new Events(r.body());
            open.add(e);
            assertThat(e.comments.poll(20, TimeUnit.SECONDS)).isEqualTo("connected");
            return e;
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path));
            if (cookie != null) {
                b.header("Cookie", "warden_console=" + cookie);
            }
            return b;
        }

        private <T> HttpResponse<T> remember(HttpResponse<T> r) {
            r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("warden_console=")).findFirst()
                    .ifPresent(c -> cookie = c.split(";", 2)[0].substring("warden_console=".length()));
            return r;
        }

        private static String enc(String v) {
            return URLEncoder.encode(v, StandardCharsets.UTF_8);
        }
    }

    /** The events of one stream, parsed on a thread of their own. */
    static final class Events implements AutoCloseable {
        record Event(String name, String data) {
        }

        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        private final Stream<String> lines;

        Events(Stream<String> lines) {
            this.lines = lines;
            Thread.ofVirtual().start(() -> {
                String name = "message";
                StringBuilder data = new StringBuilder();
                try {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (!data.isEmpty()) {
                                events.add(new Event(name, data.toString()));
                            }
                            name = "message";
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            comments.add(line.substring(1).strip());
                        } else if (line.startsWith("event: ")) {
                            name = line.substring(7);
                        } else if (line.startsWith("data: ")) {
                            data.append(line.substring(6));
                        }
                    }
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
            });
        }

        /** The data of the next event of this name (others are dropped); fails after {@code max}. */
        String next(String name, Duration max) throws InterruptedException {
            return poll(name, max).orElseThrow(() -> new AssertionError("no " + name + " event within " + max));
        }

        Optional<String> poll(String name, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    return Optional.empty();
                }
                if (e.name().equals(name)) {
                    return Optional.of(e.data());
                }
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
