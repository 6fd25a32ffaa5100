package dev.warden.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used during a phase: by this JVM (server and load generator when they share it) and by the
 * whole machine (Linux {@code /proc/stat}), so a report can tell when other processes took cores.
 */
final class CpuMeter {
    /** Process id of a server in another process whose CPU to measure too, or 0. */
    static volatile long otherPid;

    private final long wallStart = System.nanoTime();
    private final long processStart = processCpuNanos();
    private final long[] machineStart = machineTicks();
    private final long otherStart = otherCpuTicks();

    /**
     * What was used since this meter was created.
     *
     * @param otherCpuSeconds CPU of the process {@link #otherPid}, or NaN
     */
    record Usage(double wallSeconds, double processCpuSeconds, double machineBusy, int cpus, double otherCpuSeconds) {
        /** CPU of this JVM as a share of all cores. */
        double processShare() {
            return processCpuSeconds / (wallSeconds * cpus);
        }

        /** CPU microseconds this JVM spent per operation. */
        double cpuMicrosPer(long ops) {
            return ops == 0 ? Double.NaN : processCpuSeconds * 1e6 / ops;
        }

        /** Two measurements as one: times added, the machine's busy share weighted by wall time. */
        Usage plus(Usage o) {
            double wall = wallSeconds + o.wallSeconds;
            return new Usage(wall, processCpuSeconds + o.processCpuSeconds,
                    (machineBusy * wallSeconds + o.machineBusy * o.wallSeconds) / wall, cpus, otherCpuSeconds + o.otherCpuSeconds);
        }

        String line() {
            String other = Double.isNaN(otherCpuSeconds) ? "" : String.format(Locale.ROOT, ", server process %.0f%%",
                    otherCpuSeconds / (wallSeconds * cpus) * 100);
            return String.format(Locale.ROOT, "machine CPU busy %.0f%%, this JVM %.0f%%%s of %d cores",
                    machineBusy * 100, processShare() * 100, other, cpus);
        }
    }

    Usage stop() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double process = (processCpuNanos() - processStart) / 1e9;
        long[] end = machineTicks();
        double busy = Double.NaN;
        if (machineStart != null && end != null && end[0] > machineStart[0]) {
            busy = 1.0 - (double) (end[1] - machineStart[1]) / (end[0] - machineStart[0]);
        }
        long otherEnd = otherCpuTicks();
        double other = otherStart < 0 || otherEnd < 0 ? Double.NaN : (otherEnd - otherStart) / (double) CLOCK_TICKS;
        return new Usage(wall, process, busy, Runtime.getRuntime().availableProcessors(), other);
    }

    /** USER_HZ: the unit of /proc/<pid>/stat times; 100 on Linux/x86-64 and arm64. */
    private static final int CLOCK_TICKS = 100;

    /** utime + stime of {@link #otherPid} in clock ticks, or -1. */
    private static long otherCpuTicks() {
        long pid = otherPid;
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs, or null off Linux. */
    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
