package dev.warden.simulation;

import java.util.List;

/**
 * The ground truth of one injected anomaly once driven: which decisions it consists of.
 *
 * @param injection   what was injected, where and when
 * @param decisionIds the ids of its calls' decisions, in call order (the first anomalous call first)
 */
public record Label(Injection injection, List<String> decisionIds) {
    /** Copies the list. */
    public Label {
        decisionIds = List.copyOf(decisionIds);
    }
}
