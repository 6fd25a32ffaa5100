package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResourceSubscriptionsTest {
    static final Duration T = Duration.ofSeconds(10);
    static final String URI = "test://static/resource/1";

    /** An upstream whose answer to a subscribe the test gives, after the test has seen the request arrive. */
    static final class ScriptedRelay implements ResourceSubscriptions.Relay {
        final List<String> subscribed = new CopyOnWriteArrayList<>();
        final List<String> unsubscribed = new CopyOnWriteArrayList<>();
        final CountDownLatch arrived = new CountDownLatch(1);
        final CompletableFuture<RuntimeException> answer = new CompletableFuture<>();

        @Override
        public void subscribe(String upstream, String uri, Duration timeout) {
            subscribed.add(upstream + " " + uri);
            arrived.countDown();
            RuntimeException refusal = answer.join();
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public void unsubscribe(String upstream, String uri) {
            unsubscribed.add(upstream + " " + uri);
        }
    }

    private static CompletableFuture<Void> subscribeAsync(ResourceSubscriptions subs, String session) {
        return CompletableFuture.runAsync(() -> subs.subscribe(session, URI, "everything", T));
    }

    /** Waits until the second subscriber has joined the entry the first one is subscribing upstream. */
    private static void awaitJoined(ResourceSubscriptions subs, String session) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (!subs.of(session).contains(URI) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void upstreamRefusesTheFirstSubscription_aSessionThatJoinedMeanwhileIsRefusedToo() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        ResourceSubscriptions subs = new ResourceSubscriptions(relay, new GatewaySessions());
        CompletableFuture<Void> first = subscribeAsync(subs, "a");
        assertThat(relay.arrived.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = subscribeAsync(subs, "b");
        awaitJoined(subs, "b");

        relay.answer.complete(new IllegalStateException("resource not subscribable"));

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("resource not subscribable");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("resource not subscribable");
        assertThat(subs.of("a")).isEmpty();
        assertThat(subs.of("b")).isEmpty();
        assertThat(relay.subscribed).hasSize(1);
    }

    @Test
    void upstreamAcceptsTheFirstSubscription_bothSessionsAreSubscribed_withOneUpstreamSubscription() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        ResourceSubscriptions subs = new ResourceSubscriptions(relay, new GatewaySessions());
        CompletableFuture<Void> first = subscribeAsync(subs, "a");
        assertThat(relay.arrived.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = subscribeAsync(subs, "b");
        awaitJoined(subs, "b");
        assertThat(second).isNotDone(); // it waits for the upstream's answer

        relay.answer.complete(null);

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(relay.subscribed).containsExactly("everything " + URI);
        subs.unsubscribe("a", URI);
        assertThat(relay.unsubscribed).isEmpty(); // "b" still wants updates
        subs.sessionEnded("b");
        assertThat(relay.unsubscribed).containsExactly("everything " + URI);
    }

    @Test
    void noAnswerFromUpstreamInTime_theWaitingSessionIsRefusedAndDropped() throws Exception {
        ScriptedRelay relay = new ScriptedRelay();
        ResourceSubscriptions subs = new ResourceSubscriptions(relay, new GatewaySessions());
        CompletableFuture<Void> first = subscribeAsync(subs, "a");
        assertThat(relay.arrived.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> subs.subscribe("b", URI, "everything", Duration.ofMillis(100)))
                .hasMessageContaining("no answer from upstream 'everything'");
        assertThat(subs.of("b")).isEmpty();
        relay.answer.complete(null);
        first.get(10, TimeUnit.SECONDS);
        assertThat(subs.of("a")).containsExactly(URI);
    }
}
