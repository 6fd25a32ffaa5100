package dev.warden.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTimeTest {

    @Test
    void roundTripsNanosecondsExactlyWithFixedWidth() {
        List<Instant> instants = List.of(Instant.parse("2025-03-04T05:06:07.123456789Z"), Instant.parse("2025-03-04T05:06:07Z"),
                Instant.parse("1970-01-01T00:00:00.000000001Z"), SqlTime.MIN, SqlTime.MAX, Instant.EPOCH.minusNanos(1));
        for (Instant instant : instants) {
            String text = SqlTime.format(instant);
            assertThat(text).hasSize(30).endsWith("Z");
            assertThat(SqlTime.parse(text)).isEqualTo(instant);
        }
        assertThat(SqlTime.format(Instant.parse("2025-03-04T05:06:07Z"))).isEqualTo("2025-03-04T05:06:07.000000000Z");
    }

    @Test
    void textOrderIsTimeOrder() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("2025-03-04T05:06:07.1Z"),
                Instant.parse("2025-03-04T05:06:07.09Z"), Instant.parse("2025-03-04T05:06:07Z"),
                Instant.parse("2024-12-31T23:59:59.999999999Z"), Instant.parse("0999-01-01T00:00:00Z")));
        List<String> texts = new ArrayList<>(instants.stream().map(SqlTime::format).toList());
        texts.sort(null);
        instants.sort(null);
        assertThat(texts.stream().map(SqlTime::parse).toList()).isEqualTo(instants);
    }

    @Test
    void rejectsInstantsOutsideFourDigitYears() {
        assertThatThrownBy(() -> SqlTime.format(SqlTime.MAX.plusNanos(1))).isInstanceOf(WardenException.class)
                .extracting(e -> ((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThatThrownBy(() -> SqlTime.format(SqlTime.MIN.minusNanos(1))).isInstanceOf(WardenException.class);
        assertThat(SqlTime.format(null)).isNull();
        assertThat(SqlTime.parse(null)).isNull();
    }
}
