package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.approval.ReviewSettings;
import dev.warden.server.config.ApprovalReviewLoader;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code approvals.review} and {@code http.public_url}: defaults, values, and bad values refused with their line. */
class ApprovalReviewConfigTest {
    @TempDir
    Path config;

    @BeforeEach
    void copy() throws IOException {
        TestServer.quickstartCopy(config);
    }

    private void edit(String review, String publicUrl) throws IOException {
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml);
        if (review != null) {
            text = text.replace("approvals:\n", "approvals:\n  review:\n" + review);
        }
        if (publicUrl != null) {
            text = text.replace("http:\n", "http:\n  public_url: " + publicUrl + "\n");
        }
        Files.writeString(yaml, text);
    }

    @Test
    void withoutTheSection_theDefaultsHold() {
        ApprovalReviewLoader.Loaded loaded = ApprovalReviewLoader.load(config);
        assertThat(loaded.settings()).isEqualTo(ReviewSettings.DEFAULTS)
                .isEqualTo(new ReviewSettings(Duration.ofSeconds(10), 20, Duration.ofMinutes(10), 20));
        assertThat(loaded.publicUrl()).isEmpty();
    }

    @Test
    void valuesAreRead() throws IOException {
        edit("    min_decision_seconds: 0\n    bulk: {count: 5, window: 90s}\n    notify_per_agent_per_minute: 0\n",
                "https://warden.example.com/");
        ConfigLoader.load(config);
        ApprovalReviewLoader.Loaded loaded = ApprovalReviewLoader.load(config);
        assertThat(loaded.settings()).isEqualTo(new ReviewSettings(Duration.ZERO, 5, Duration.ofSeconds(90), 0));
        assertThat(loaded.publicUrl()).isEqualTo(Optional.of("https://warden.example.com"));
    }

    @Test
    void badValues_areRefusedNamingTheLine() throws IOException {
        for (String[] bad : new String[][] {
                {"    bulk: {count: 5, window: 10x}\n", null, "count and s, m or h"},
                {"    bulk: {count: 5, window: 25h}\n", null, "at most 24h"},
                {"    min_decision_seconds: -1\n", null, "min_decision_seconds"},
                {"    floor: 3\n", null, "floor"},
                {"    bulk: {count: 5, size: 3}\n", null, "size"},
                {null, "ftp://warden.example.com", "http or https"},
                {null, "https://warden.example.com/?x=1", "without query"}}) {
            copy();
            edit(bad[0], bad[1]);
            assertThatThrownBy(() -> ConfigLoader.load(config)).as(bad[2]).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("warden.yaml:").hasMessageContaining(bad[2]);
        }
    }
}
