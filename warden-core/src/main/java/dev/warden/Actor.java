package dev.warden;

/**
 * Who did something that is recorded: a human operator, an agent, or Warden itself.
 *
 * @param kind {@code operator}, {@code agent} or {@code system}
 * @param name the operator's, agent's or component's name
 */
public record Actor(String kind, String name) {

    /** An operator. */
    public static Actor operator(String name) {
        return new Actor("operator", name);
    }

    /** Warden itself (startup, configuration). */
    public static Actor system(String name) {
        return new Actor("system", name);
    }

    /** The wire form {@code kind:name}. */
    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
