package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.catalog.ToolPin;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the gateway shows operators: its upstream tools with their pins and classification, and its upstreams. */
final class GatewayViews {
    private final Warden warden;
    private final ToolCatalog configured;
    private final Upstreams upstreams;
    private final ToolDirectory directory;
    private final ToolPins pins;
    private final Clock clock;

    /** @param configured the catalog as configured ({@code tools.yaml}), before the gateway added to it */
    GatewayViews(Warden warden, ToolCatalog configured, Upstreams upstreams, ToolDirectory directory, ToolPins pins,
                 Clock clock) {
        this.warden = warden;
        this.configured = configured;
        this.upstreams = upstreams;
        this.directory = directory;
        this.pins = pins;
        this.clock = clock;
    }

    /** Every upstream tool with its pin state and classification, by name. */
    List<ToolView> tools() {
        Map<String, ToolView> out = new TreeMap<>();
        for (GatewayTool t : directory.all()) {
            out.put(t.name(), view(t.name(), t.upstream(), Optional.of(t)));
        }
        for (ToolPin p : pins.list()) {
            out.computeIfAbsent(p.tool(), n -> view(n, upstreamOf(n), Optional.empty()));
        }
        return List.copyOf(out.values());
    }

    /** The view of one tool. */
    Optional<ToolView> tool(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The upstreams and their state. */
    List<UpstreamView> upstreams() {
        return upstreams.all().stream().map(u -> new UpstreamView(u.name(), u.prefix(),
                u.config().endpoint() instanceof UpstreamEndpoint.Stdio ? "stdio" : "http",
                u.state().name().toLowerCase(Locale.ROOT), u.since(), u.restarts(),
                u.perSession().map(SessionScoped::openSessions).orElse(0),
                u.lastError())).toList();
    }

    private ToolView view(String name, String upstream, Optional<GatewayTool> served) {
        Optional<ToolPin> pin = pins.find(name);
        PinView pv = PinView.of(pin, served);
        Optional<Tool> entry = warden.rules().catalog().find(name);
        return new ToolView(name, upstream, pv.state(), served.isPresent() && upstreams.up(upstream),
                pin.map(ToolPin::hash).orElse(""), pv.pendingHash(), pv.pendingDefinition(),
                entry.map(e -> e.effects().stream().map(x -> x.wire()).sorted().toList()).orElse(List.of()),
                entry.map(e -> e.risk().wire()).orElse(""),
                configured.find(name).isPresent() ? "tools.yaml" : "default",
                pin.map(ToolPin::updatedAt).orElse(clock.instant()), pin.map(ToolPin::approvedBy).orElse(""));
    }

    private String upstreamOf(String tool) {
        int dot = tool.indexOf('.');
        return dot < 0 ? "" : upstreams.byPrefix(tool.substring(0, dot)).map(UpstreamSupervisor::name).orElse("");
    }
}
