package dev.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's DAMON monitors ({@code /sys/kernel/mm/damon/admin/kdamonds/N/state}), which some
 * VMs run to reclaim cold memory. Their sampling stalls every process on the machine at a steady
 * period (the 2026-12-04 round measured it in the direct path's tail), so a latency run says
 * whether they were on, and {@code --pause-damon} turns them off for the run and on again after it.
 */
final class Damon {
    private static final Path ADMIN = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    private final Path root;
    private final List<Path> paused = new ArrayList<>();

    Damon(Path root) {
        this.root = root;
    }

    /** The machine's monitors. */
    static Damon machine() {
        return new Damon(ADMIN);
    }

    /** The state files of the monitors that are running now. */
    List<Path> running() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(d -> d.resolve("state"))
                    .filter(Files::isRegularFile)
                    .filter(s -> "on".equals(read(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Turns every running monitor off until {@link #resume()}.
     *
     * @throws IOException when a monitor cannot be turned off (not root), after turning back on
     *                     the ones already paused
     */
    void pause() throws IOException {
        for (Path state : running()) {
            try {
                Files.writeString(state, "off");
            } catch (IOException e) {
                resume();
                throw new IOException("cannot pause DAMON (" + state + "): " + e.getMessage()
                        + "; run as root or leave out --pause-damon", e);
            }
            paused.add(state);
        }
    }

    /** Turns on again the monitors {@link #pause()} turned off; a failure is reported, not thrown. */
    synchronized void resume() {
        for (Path state : paused) {
            try {
                Files.writeString(state, "on");
            } catch (IOException e) {
                // "on" on a monitor that is already running fails with EBUSY: nothing to do then
                if (!"on".equals(read(state))) {
                    System.err.println("could not turn DAMON on again (" + state + "): " + e.getMessage());
                }
            }
        }
        paused.clear();
    }

    /** One line for a run's header: whether monitors run, and whether this run paused them. */
    String describe() {
        if (!paused.isEmpty()) {
            return "kernel DAMON: " + paused.size() + " monitor(s) paused for this run";
        }
        int on = running().size();
        return on == 0 ? "kernel DAMON: none running" : "kernel DAMON: " + on + " monitor(s) running (--pause-damon turns them off for a run)";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
