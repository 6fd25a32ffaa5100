package dev.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamonTest {
    @TempDir
    Path admin;

    private Path monitor(String name, String state) throws IOException {
        Path dir = Files.createDirectories(admin.resolve(name));
        return Files.writeString(dir.resolve("state"), state + "\n");
    }

    @Test
    void pausesOnlyTheRunningMonitorsAndTurnsThemOnAgain() throws IOException {
        Path running = monitor("0", "on");
        Path stopped = monitor("1", "off");
        Files.writeString(admin.resolve("nr_kdamonds"), "2\n"); // beside the monitors, as in sysfs
        Damon damon = new Damon(admin);
        assertThat(damon.describe()).startsWith("kernel DAMON: 1 monitor(s) running");

        damon.pause();
        assertThat(Files.readString(running)).isEqualTo("off");
        assertThat(Files.readString(stopped).trim()).isEqualTo("off");
        assertThat(damon.running()).isEmpty();
        assertThat(damon.describe()).isEqualTo("kernel DAMON: 1 monitor(s) paused for this run");

        damon.resume();
        assertThat(Files.readString(running)).isEqualTo("on");
        assertThat(Files.readString(stopped).trim()).isEqualTo("off");
        damon.resume(); // a second resume (the shutdown hook after the finally block) changes nothing
        assertThat(damon.running()).containsExactly(running);
    }

    @Test
    void aMachineWithoutDamonHasNothingToPause() throws IOException {
        Damon damon = new Damon(admin.resolve("absent"));
        damon.pause();
        assertThat(damon.running()).isEmpty();
        assertThat(damon.describe()).isEqualTo("kernel DAMON: none running");
    }
}
