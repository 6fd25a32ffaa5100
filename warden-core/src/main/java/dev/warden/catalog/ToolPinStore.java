package dev.warden.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Persistence SPI for tool-definition pins. Implementations MUST be thread-safe and surface store
 * failures as {@link dev.warden.WardenException} with {@code store_unavailable}.
 */
public interface ToolPinStore {

    /** The pin of a tool. */
    Optional<ToolPin> find(String tool);

    /** Inserts or replaces the pin of {@code pin.tool()}. */
    void save(ToolPin pin);

    /** All pins, ordered by tool name. */
    List<ToolPin> list();

    /**
     * Removes the pin of a tool whose first pin could not be recorded (the undo of a first
     * {@link #save}; pins are never removed otherwise).
     */
    void remove(String tool);
}
