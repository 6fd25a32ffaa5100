package dev.warden.decision;

import static dev.warden.testing.Fixtures.READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.MaturityLevel;
import dev.warden.testing.WardenFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several listeners hear every recorded decision, in the order they were added; a failing one harms nobody. */
class DecisionListenersTest {
    private final WardenFixture f = new WardenFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void everyListenerHearsEachDecision_inOrder_andAFailingOneChangesNothing() {
        f.policies.permit(READ, "p-read");
        Caller c = f.register("reader", MaturityLevel.INTERN);
        List<String> heard = new ArrayList<>();
        f.warden.addDecisionListener((request, decision, at, micros) -> heard.add("first " + decision.id().value()));
        f.warden.addDecisionListener((request, decision, at, micros) -> {
            throw new IllegalStateException("a broken listener");
        });
        f.warden.addDecisionListener((request, decision, at, micros) -> heard.add("third " + decision.wire()
                + " " + request.caller().agent() + " " + request.action()));

        Decision d = f.decide(c, READ, Map.of("sku", "A-1"));

        assertThat(d.wire()).isEqualTo("allow");
        assertThat(heard).containsExactly("first " + d.id().value(), "third allow reader " + READ);
    }
}
