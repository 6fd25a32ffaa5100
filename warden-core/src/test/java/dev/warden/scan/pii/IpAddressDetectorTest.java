package dev.warden.scan.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressDetectorTest {
    private final IpAddressDetector detector = new IpAddressDetector();

    private List<String> found(String text) {
        return detector.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void findsIpv4_withPortsAndAtSentenceEnds() {
        assertThat(found("from 203.0.113.7 to 10.0.0.1:8080, resolver 8.8.8.8.")).containsExactly("203.0.113.7", "10.0.0.1", "8.8.8.8");
        assertThat(found("connect to 192.168.1.20 now")).containsExactly("192.168.1.20");
        assertThat(found("ip:10.0.0.7 host:203.0.113.9, peer=198.51.100.2")).containsExactly("10.0.0.7", "203.0.113.9", "198.51.100.2");
    }

    @Test
    void findsIpv6_fullCompressedAndMapped() {
        assertThat(found("2001:0db8:85a3:0000:0000:8a2e:0370:7334 and [2001:db8::1]:443 and ::1 and ::ffff:192.0.2.128"))
                .containsExactly("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8::1", "::1", "::ffff:192.0.2.128");
        assertThat(IpAddressDetector.ipv6("fe80::1")).isTrue();
        assertThat(IpAddressDetector.ipv6("1::2::3")).isFalse();
        assertThat(IpAddressDetector.ipv6("12345::1")).isFalse();
    }

    @Test
    void skipsVersionsOidsRangesOutOfRangeAndLookAlikes() {
        assertThat(found("version 4.2.1.0, v1.2.3.4, upgraded to 10.0.0.12")).isEmpty();
        assertThat(found("see section 2.1.4.3 and § 3.1.1.2; step 1.2.1.1")).isEmpty();
        assertThat(found("OID 1.3.6.1.4.1.311, 256.1.1.1, 01.2.3.4, 10.0.0.0/8, 2001:db8::/32")).isEmpty();
        assertThat(found("MAC 00:1A:2B:3C:4D:5E, time 12:30:45, std::move, a::b, dead::beef")).isEmpty();
        assertThat(found("sha 3f2a9c1d7e8b6a5f4c3d2e1f0a9b8c7d6e5f4a3b")).isEmpty();
    }

    @Test
    void adversarialInputsFinish() {
        assertThat(found("1.".repeat(50_000))).isEmpty();
        assertThat(found(":".repeat(100_000))).isEmpty();
        assertThat(found("a:".repeat(50_000))).isEmpty();
        assertThat(found("f".repeat(100_000))).isEmpty();
    }

    @Test
    void proseWithManyShortRunsScansInLinearTime() {
        // each "2026-03-04;" is a run without a colon: looking for one must stop at the run's start
        String text = "Order 18273 shipped to 42 Harbour Road on 2026-03-04; ring ip:10.0.0.7 ".repeat(30_000);
        long t0 = System.nanoTime();
        assertThat(found(text)).hasSize(30_000).containsOnly("10.0.0.7");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms for 2 MB").isLessThan(1_500);
        assertThat(found("ip:10.0.0.7 then 1.2 and 2026-03-04.")).containsExactly("10.0.0.7");
    }
}
