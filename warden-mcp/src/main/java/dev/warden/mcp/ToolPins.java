package dev.warden.mcp;

import dev.warden.decision.Reason;
import dev.warden.Actor;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditedChange;
import dev.warden.catalog.ToolPin;
import dev.warden.catalog.ToolPinStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tool-definition pinning. Each upstream tool is pinned by the SHA-256 of its canonical
 * {@code {name, description, inputSchema}}. A definition seen for the first time is pinned
 * (trust on first use) or held for an operator; a later different definition turns the pin
 * {@link ToolPin.State#CHANGED CHANGED}: the tool is withheld and calls are refused until an
 * operator approves the new definition. Every transition is audited ({@code mcp.tool_pinned},
 * {@code mcp.tool_pending}, {@code mcp.tool_changed}, {@code mcp.tool_reverted},
 * {@code mcp.tool_approved}) and stored with its record ({@link AuditLog#appendDurably(AuditEvent,
 * AuditedChange)}): a pin whose record fails is not changed, so a tool is never released (pinned on
 * first use, reverted or approved) without its record.
 */
final class ToolPins {
    static final String TOFU_ACTOR = Actor.system("trust_on_first_use").toString();

    private final ToolPinStore store;
    private final AuditLog audit;
    private final PinningMode mode;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentHashMap<String, ToolPin> cache = new java.util.concurrent.ConcurrentHashMap<>();

    ToolPins(ToolPinStore store, AuditLog audit, PinningMode mode, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.mode = mode;
        this.clock = clock;
    }

    /** Records the definition the upstream serves now and returns the pin as it then stands. */
    synchronized ToolPin observe(GatewayTool tool) {
        Optional<ToolPin> found = find(tool.name());
        if (found.isEmpty()) {
            ToolPin pin = mode == PinningMode.TRUST_ON_FIRST_USE
                    ? new ToolPin(tool.name(), tool.hash(), tool.definition(), ToolPin.State.APPROVED, Optional.empty(),
                            Optional.empty(), clock.instant(), TOFU_ACTOR)
                    : new ToolPin(tool.name(), "", "", ToolPin.State.CHANGED, Optional.of(tool.hash()),
                            Optional.of(tool.definition()), clock.instant(), "");
            save(pin, event(mode == PinningMode.TRUST_ON_FIRST_USE ? "mcp.tool_pinned" : "mcp.tool_pending", tool, "",
                    tool.hash(), TOFU_ACTOR));
            return pin;
        }
        ToolPin pin = found.get();
        if (pin.hash().equals(tool.hash())) {
            if (pin.state() == ToolPin.State.APPROVED) {
                return pin;
            }
            ToolPin reverted = new ToolPin(pin.tool(), pin.hash(), pin.definition(), ToolPin.State.APPROVED, Optional.empty(),
                    Optional.empty(), clock.instant(), pin.approvedBy());
            save(reverted, event("mcp.tool_reverted", tool, pin.pendingHash().orElse(""), tool.hash(), pin.approvedBy()));
            return reverted;
        }
        if (pin.state() == ToolPin.State.CHANGED && pin.pendingHash().equals(Optional.of(tool.hash()))) {
            return pin;
        }
        ToolPin changed = new ToolPin(pin.tool(), pin.hash(), pin.definition(), ToolPin.State.CHANGED,
                Optional.of(tool.hash()), Optional.of(tool.definition()), clock.instant(), pin.approvedBy());
        save(changed, event("mcp.tool_changed", tool, pin.hash(), tool.hash(), ""));
        return changed;
    }

    /** True when the tool's current definition is the approved one. */
    boolean approved(GatewayTool tool) {
        return find(tool.name())
                .filter(p -> p.state() == ToolPin.State.APPROVED && p.hash().equals(tool.hash()))
                .isPresent();
    }

    /**
     * Why calls to a served tool are held: its definition was never approved, or changed since it
     * was (enforced by the decision point through {@link dev.warden.decision.ToolHolds}).
     */
    Optional<Reason> hold(GatewayTool tool) {
        if (approved(tool)) {
            return Optional.empty();
        }
        Optional<ToolPin> pin = find(tool.name());
        String pinned = pin.map(ToolPin::hash).orElse("");
        if (pinned.isEmpty()) {
            return Optional.of(Reason.of("pinning", "tool_not_approved", "the definition of '" + tool.name() + "' (sha256 "
                    + tool.hash() + ") has not been approved by an operator yet"));
        }
        return Optional.of(Reason.of("pinning", "tool_definition_changed", "the definition of '" + tool.name()
                + "' changed upstream (pinned sha256 " + pinned + ", now " + tool.hash()
                + "); the tool is withheld until an operator re-approves it"));
    }

    /** The pin of a tool (cached: the gateway is the only writer of its pins). */
    Optional<ToolPin> find(String tool) {
        ToolPin cached = cache.get(tool);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ToolPin> stored = store.find(tool);
        stored.ifPresent(p -> cache.put(tool, p));
        return stored;
    }

    /** Every stored pin. */
    java.util.List<ToolPin> list() {
        return store.list();
    }

    /** Stores a pin with the record of its change; when the record fails the pin stays as it was. */
    private void save(ToolPin pin, AuditEvent event) {
        Optional<ToolPin> before = find(pin.tool());
        AuditedChange change = AuditedChange.of(store, () -> {
            store.save(pin);
            return true;
        }, () -> before.ifPresentOrElse(store::save, () -> store.remove(pin.tool())));
        try {
            audit.appendDurably(event, change);
        } catch (RuntimeException e) {
            cache.remove(pin.tool()); // read back from the store: as before, or as recorded if it was stored after all
            throw e;
        }
        cache.put(pin.tool(), pin);
    }

    /**
     * Approves the pending definition of a tool.
     *
     * @param served       the definition the upstream serves now, if known: recorded first, so an
     *                     operator who saw it listed a moment before its pin recorded it approves it
     * @param expectedHash when present, the pending hash the operator reviewed; a different one is refused
     * @throws GatewayException {@code tool_not_found} (404), {@code pin_not_changed} or {@code pin_hash_mismatch} (409)
     */
    synchronized ToolPin approve(String tool, Optional<GatewayTool> served, Actor by, Optional<String> expectedHash) {
        served.ifPresent(this::observe);
        ToolPin pin = find(tool)
                .orElseThrow(() -> new GatewayException(404, "tool_not_found", "no upstream tool named '" + tool + "'"));
        if (pin.state() != ToolPin.State.CHANGED || pin.pendingHash().isEmpty()) {
            throw new GatewayException(409, "pin_not_changed",
                    "tool '" + tool + "' serves its approved definition; there is nothing to approve");
        }
        String pending = pin.pendingHash().get();
        if (expectedHash.isPresent() && !expectedHash.get().equals(pending)) {
            throw new GatewayException(409, "pin_hash_mismatch", "tool '" + tool + "' now has pending definition "
                    + pending + ", not " + expectedHash.get() + "; review it again");
        }
        ToolPin approved = new ToolPin(tool, pending, pin.pendingDefinition().orElse(""), ToolPin.State.APPROVED,
                Optional.empty(), Optional.empty(), clock.instant(), by.toString());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tool", tool);
        fields.put("hash", pending);
        fields.put("previous_hash", pin.hash());
        fields.put("actor", by.toString());
        save(approved, AuditEvent.of("mcp.tool_approved", clock.instant(), fields));
        return approved;
    }

    private AuditEvent event(String kind, GatewayTool tool, String oldHash, String newHash, String actor) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tool", tool.name());
        fields.put("upstream", tool.upstream());
        if (!oldHash.isEmpty()) {
            fields.put("old_hash", oldHash);
        }
        fields.put(kind.equals("mcp.tool_changed") ? "new_hash" : "hash", newHash);
        if (!actor.isEmpty()) {
            fields.put("actor", actor);
        }
        if (kind.equals("mcp.tool_changed") || kind.equals("mcp.tool_pending")) {
            fields.put("definition", tool.definition());
        }
        return AuditEvent.of(kind, clock.instant(), fields);
    }
}
