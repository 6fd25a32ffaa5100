package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.export.ExportFormat;
import dev.warden.server.config.AuditSettings;
import dev.warden.server.config.ConfigException;
import dev.warden.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit: section of warden.yaml: defaults, values, and errors naming file and line. */
class AuditSettingsTest {
    @TempDir
    Path dir;

    Path config(String audit) throws Exception {
        return SiemExportTest.configWithSiem(dir, audit);
    }

    @Test
    void defaults() {
        AuditSettings s = AuditSettings.load(TestServer.QUICKSTART, "warden.local");
        assertThat(s.origin()).isEqualTo("warden.local/audit");
        assertThat(s.checkpoints().everyEntries()).isEqualTo(10_000);
        assertThat(s.checkpoints().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.validateOnStart()).isTrue();
        assertThat(s.siem()).isEmpty();
    }

    @Test
    void values() throws Exception {
        Path c = config("  origin: example.com/warden\n  checkpoint_every_entries: 500\n  validate_on_start: false\n"
                + "  siem:\n    url: https://siem.example.com/in\n    format: jsonl\n    batch_size: 10\n    token_env: SIEM_TOKEN\n");
        ConfigLoader.load(c);
        AuditSettings s = AuditSettings.load(c, "warden.local");
        assertThat(s.origin()).isEqualTo("example.com/warden");
        assertThat(s.checkpoints().everyEntries()).isEqualTo(500);
        assertThat(s.validateOnStart()).isFalse();
        assertThat(s.siem()).hasValueSatisfying(siem -> {
            assertThat(siem.url().toString()).isEqualTo("https://siem.example.com/in");
            assertThat(siem.format()).isEqualTo(ExportFormat.JSONL);
            assertThat(siem.batchSize()).isEqualTo(10);
            assertThat(siem.tokenEnv()).hasValue("SIEM_TOKEN");
        });
    }

    @Test
    void errorsNameFileLineAndKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(config("  checkpoint_every: 5\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:").hasMessageContaining("audit.checkpoint_every: unknown key");
        assertThatThrownBy(() -> AuditSettings.load(config2("  origin: has space\n"), "warden.local"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audit.origin");
        assertThatThrownBy(() -> AuditSettings.load(config3("  siem:\n    url: ftp://x\n"), "warden.local"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audit.siem.url: must be an http(s) URL");
        assertThatThrownBy(() -> AuditSettings.load(config4("  checkpoint_interval_seconds: 0\n"), "warden.local"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audit.checkpoint_interval_seconds: must be between 1 and 86400");
    }

    Path config2(String audit) throws Exception {
        return SiemExportTest.configWithSiem(Files.createDirectories(dir.resolve("2")), audit);
    }

    Path config3(String audit) throws Exception {
        return SiemExportTest.configWithSiem(Files.createDirectories(dir.resolve("3")), audit);
    }

    Path config4(String audit) throws Exception {
        return SiemExportTest.configWithSiem(Files.createDirectories(dir.resolve("4")), audit);
    }
}
