package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.ToolPin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcToolPinStoreTest {
    @TempDir
    Path dir;

    @Test
    void save_thenChange_roundTripsAndSurvivesReopen() {
        Instant t = Instant.parse("2026-11-22T01:02:03.123456789Z");
        ToolPin approved = new ToolPin("files.read_file", "aa", "{\"name\":\"read_file\"}", ToolPin.State.APPROVED,
                Optional.empty(), Optional.empty(), t, "system:trust_on_first_use");
        ToolPin changed = new ToolPin("files.read_file", "aa", "{\"name\":\"read_file\"}", ToolPin.State.CHANGED,
                Optional.of("bb"), Optional.of("{\"name\":\"read_file\",\"description\":\"evil\"}"), t.plusSeconds(5),
                "system:trust_on_first_use");
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            assertThat(stores.toolPins().find("files.read_file")).isEmpty();
            stores.toolPins().save(approved);
            assertThat(stores.toolPins().find("files.read_file")).contains(approved);
            stores.toolPins().save(changed);
            stores.toolPins().save(new ToolPin("a.tool", "cc", "{}", ToolPin.State.APPROVED, Optional.empty(),
                    Optional.empty(), t, "operator:admin"));
        }
        try (JdbcStores stores = JdbcStores.openSqlite(dir.resolve("w.db"))) {
            assertThat(stores.toolPins().find("files.read_file")).contains(changed);
            assertThat(stores.toolPins().list()).extracting(ToolPin::tool).containsExactly("a.tool", "files.read_file");
        }
    }
}
