package dev.warden.mcp;

import dev.warden.catalog.ToolPin;
import java.util.Optional;

/**
 * How a tool's pin reads to an operator, from the stored pin and the definition the upstream serves
 * now. The tool directory learns of a new definition a moment before its pin records it; in that
 * moment the tool already reads as changed, with the served definition as the one to review.
 *
 * @param state             {@code approved}, {@code changed} or {@code pending}
 * @param pendingHash       SHA-256 of the definition awaiting approval, when withheld
 * @param pendingDefinition that definition (canonical JSON), when withheld
 */
record PinView(String state, Optional<String> pendingHash, Optional<String> pendingDefinition) {

    static PinView of(Optional<ToolPin> pin, Optional<GatewayTool> served) {
        String state = pin.map(p -> p.state() == ToolPin.State.APPROVED
                ? (served.isEmpty() || p.hash().equals(served.get().hash()) ? "approved" : "changed")
                : (p.hash().isEmpty() ? "pending" : "changed")).orElse("pending");
        Optional<GatewayTool> withheld = served.filter(t -> !"approved".equals(state));
        return new PinView(state,
                pin.flatMap(ToolPin::pendingHash).or(() -> withheld.map(GatewayTool::hash)),
                pin.flatMap(ToolPin::pendingDefinition).or(() -> withheld.map(GatewayTool::definition)));
    }
}
