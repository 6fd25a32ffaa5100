package dev.warden.mcp;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The supervised upstreams, by name and by prefix. */
final class Upstreams {
    private final Map<String, UpstreamSupervisor> byName = new LinkedHashMap<>();
    private final Map<String, UpstreamSupervisor> byPrefix = new LinkedHashMap<>();

    void add(UpstreamSupervisor s) {
        byName.put(s.name(), s);
        byPrefix.put(s.prefix(), s);
    }

    Optional<UpstreamSupervisor> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<UpstreamSupervisor> byPrefix(String prefix) {
        return Optional.ofNullable(byPrefix.get(prefix));
    }

    /** The live connection of an upstream, when it is up. */
    Optional<UpstreamLink> link(String name) {
        return byName(name).flatMap(UpstreamSupervisor::link);
    }

    boolean up(String name) {
        return link(name).isPresent();
    }

    Collection<UpstreamSupervisor> all() {
        return byName.values();
    }
}
