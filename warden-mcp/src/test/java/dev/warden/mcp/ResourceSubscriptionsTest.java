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

    private final ScriptedRelay relay = new ScriptedRelay();
    private final ResourceSubscriptions subs = new ResourceSubscriptions(relay, new GatewaySessions());

    /** Session "a" subscribes; returns once its upstream subscription is on its way (not yet answered). */
    private CompletableFuture<Void> firstSubscriptionOnItsWay() throws InterruptedException {
        CompletableFuture<Void> first = subscribeAsync("a");
        assertThat(relay.arrived.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    private CompletableFuture<Void> subscribeAsync(String session) {
        return CompletableFuture.runAsync(() -> subs.subscribe(session, URI, "everything", T));
    }

    /** Session "b" subscribes meanwhile; returns once it has joined the entry "a" is subscribing upstream. */
    private CompletableFuture<Void> secondSubscriberJoined() throws InterruptedException {
        CompletableFuture<Void> second = subscribeAsync("b");
        Poll.until(() -> subs.of("b").contains(URI), T);
        return second;
    }

    @Test
    void upstreamRefusesTheFirstSubscription_aSessionThatJoinedMeanwhileIsRefusedToo() throws Exception {
        CompletableFuture<Void> first = firstSubscriptionOnItsWay();
        CompletableFuture<Void> second = secondSubscriberJoined();

        relay.answer.complete(new IllegalStateException("resource not subscribable"));

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("resource not subscribable");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("resource not subscribable");
        assertThat(subs.of("a")).isEmpty();
        assertThat(subs.of("b")).isEmpty();
        assertThat(relay.subscribed).hasSize(1);
    }

    @Test
    void upstreamAcceptsTheFirstSubscription_bothSessionsAreSubscribed_withOneUpstreamSubscription() throws Exception {
        CompletableFuture<Void> first = firstSubscriptionOnItsWay();
        CompletableFuture<Void> second = secondSubscriberJoined();
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
        CompletableFuture<Void> first = firstSubscriptionOnItsWay();

        assertThatThrownBy(() -> subs.subscribe("b", URI, "everything", Duration.ofMillis(100)))
                .hasMessageContaining("no answer from upstream 'everything'");
        assertThat(subs.of("b")).isEmpty();
        relay.answer.complete(null);
        first.get(10, TimeUnit.SECONDS);
        assertThat(subs.of("a")).containsExactly(URI);
    }
}
