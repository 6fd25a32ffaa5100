package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.server.api.v1.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The continuous SIEM export (audit.siem in warden.yaml) delivers OCSF events to a loopback webhook. */
class SiemExportTest {
    @TempDir
    Path dir;

    static Path configWithSiem(Path dir, String siem) throws IOException {
        Path config = dir.resolve("config");
        try (Stream<Path> files = Files.walk(TestServer.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(TestServer.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml).replace("audit:\n", "audit:\n" + siem);
        Files.writeString(yaml, text);
        return config;
    }

    @Test
    void deliversEveryRecordWithIndexAndLeafHashDespiteAFailingReceiver() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ingest", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = calls.incrementAndGet() == 2; // the second delivery fails once: it must be retried
            if (!fail) {
                assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/x-ndjson");
                new String(body, StandardCharsets.UTF_8).lines().forEach(received::add);
            }
            exchange.sendResponseHeaders(fail ? 503 : 202, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/ingest";
            Path config = configWithSiem(dir, "  checkpoint_interval_seconds: 1\n  siem:\n    url: " + url + "\n    format: ocsf\n    batch_size: 25\n");
            try (TestServer s = new TestServer(config, dir.resolve("data"), Clock.systemUTC())) {
                for (int i = 0; i < 120; i++) {
                    s.server.warden().auditLog().append(AuditEvent.of("test.event", s.clock.instant(), Map.of("i", (long) i)));
                }
                long size = s.server.warden().auditLog()
                        .appendDurably(AuditEvent.of("test.event", s.clock.instant(), Map.of("last", true))).seq();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (received.size() < size && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<AuditRecord> stored = s.server.warden().auditStore()
                        .read(new AuditQuery(0, 1000, Optional.empty(), Optional.empty()));
                assertThat(received).hasSize((int) size);
                List<Long> indices = new ArrayList<>();
                for (int i = 0; i < received.size(); i++) {
                    Map<String, Object> event = Json.parseObject(received.get(i));
                    assertThat(event).containsEntry("class_uid", 6003L);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> metadata = (Map<String, Object>) event.get("metadata");
                    indices.add((Long) metadata.get("sequence"));
                    assertThat(metadata.get("uid")).isEqualTo(stored.get(i).leafHash());
                }
                assertThat(indices).isEqualTo(java.util.stream.LongStream.range(0, size).boxed().toList());
                assertThat(calls.get()).isGreaterThan(2);
                assertThat(Files.readString(dir.resolve("data").resolve("audit-siem.cursor")).trim()).isEqualTo(Long.toString(size));
            }
        } finally {
            receiver.stop(0);
        }
    }
}
