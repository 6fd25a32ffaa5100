package dev.warden.audit.merkle;

/** Receives the interior nodes a {@link CompactRange} completes as leaves are appended. */
@FunctionalInterface
public interface NodeSink {
    /** A complete subtree at {@code level} (>= 1) and {@code index} now has {@code hash}. */
    void node(int level, long index, Hash hash);
}
