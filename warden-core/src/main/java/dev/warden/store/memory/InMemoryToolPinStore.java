package dev.warden.store.memory;

import dev.warden.catalog.ToolPin;
import dev.warden.catalog.ToolPinStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link ToolPinStore} in memory, for tests and embedded use. */
public final class InMemoryToolPinStore implements ToolPinStore {
    private final ConcurrentSkipListMap<String, ToolPin> pins = new ConcurrentSkipListMap<>();

    @Override
    public Optional<ToolPin> find(String tool) {
        return Optional.ofNullable(pins.get(tool));
    }

    @Override
    public void save(ToolPin pin) {
        pins.put(pin.tool(), pin);
    }

    @Override
    public List<ToolPin> list() {
        return List.copyOf(pins.values());
    }

    @Override
    public void remove(String tool) {
        pins.remove(tool);
    }
}
