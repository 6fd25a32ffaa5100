package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden audit checkpoint|keys|export|verify|rotate-key|prune} against a real server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogCommandsTest {
    @TempDir
    static Path data;
    @TempDir
    static Path work;
    static TestWarden warden;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
        for (int i = 0; i < 12; i++) {
            Cli.Result r = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "inventory.read",
                    "--args", "{\"sku\":\"A-" + i + "\"}");
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    @Test
    @Order(0)
    void entriesShowTheLatestInTheOrderTheyHappened_andPageBack() {
        Cli.Result all = warden.operator("audit", "entries", "--after", "0", "--kind", "decision", "--limit", "1000");
        assertThat(all.exit()).as(all.toString()).isZero();
        List<Long> every = seqs(all.json());
        assertThat(every).hasSizeGreaterThanOrEqualTo(12).isSorted();

        Cli.Result latest = warden.operator("audit", "entries", "--kind", "decision", "--limit", "5");
        assertThat(latest.exit()).as(latest.toString()).isZero();
        assertThat(seqs(latest.json())).as("the latest five, oldest first").isEqualTo(every.subList(every.size() - 5, every.size()));
        assertThat(latest.json().get("entries").get(4).get("entry").get("args").get("sku").asText()).isEqualTo("A-11");

        long before = latest.json().get("next_before").asLong();
        Cli.Result older = warden.operator("audit", "entries", "--kind", "decision", "--limit", "5", "--before", Long.toString(before));
        assertThat(seqs(older.json())).isEqualTo(every.subList(every.size() - 10, every.size() - 5));

        Cli.Result oldest = warden.operator("audit", "entries", "--after", "0", "--kind", "decision", "--limit", "2");
        assertThat(seqs(oldest.json())).isEqualTo(every.subList(0, 2));
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("entries").forEach(e -> out.add(e.get("seq").asLong()));
        return out;
    }

    @Test
    @Order(1)
    void checkpointPrintsASignedNote() {
        Cli.Result r = warden.operator("audit", "checkpoint");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("warden.local/audit\n").contains("\n\n\u2014 warden.local/audit ");
        Cli.Result json = warden.operator("audit", "checkpoint", "--json");
        assertThat(json.json().get("size").asLong()).isPositive();
    }

    @Test
    @Order(2)
    void exportThenVerifyOffline() throws Exception {
        Path keys = work.resolve("keys.txt");
        Path file = work.resolve("export.jsonl");
        assertThat(warden.operator("audit", "keys", "--out", keys.toString()).exit()).isZero();
        Cli.Result export = warden.operator("audit", "export", "--out", file.toString(), "--proofs");
        assertThat(export.exit()).as(export.toString()).isZero();
        Cli.Result checkpoint = warden.operator("audit", "checkpoint");
        Path note = work.resolve("checkpoint.txt");
        Files.writeString(note, checkpoint.out());

        Cli.Result ok = Cli.run("audit", "verify", file.toString(), "--key", keys.toString(), "--checkpoint", note.toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
        JsonNode v = ok.json();
        assertThat(v.get("verified").asBoolean()).isTrue();
        assertThat(v.get("entries").asLong()).isEqualTo(v.get("tree_size").asLong());

        // one edited byte: reported with its line and index, exit 1
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"sku\":\"A-3\"")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replace("\"sku\":\"A-3\"", "\"sku\":\"A-4\""));
        Path tampered = work.resolve("tampered.jsonl");
        Files.write(tampered, lines);
        Cli.Result bad = Cli.run("audit", "verify", tampered.toString(), "--key", keys.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("verification FAILED: line " + (at + 1) + ": index ")
                .contains("does not match its leaf_hash");

        Cli.Result noKey = Cli.run("audit", "verify", file.toString(), "--key", work.resolve("nope").toString());
        assertThat(noKey.exit()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void ocsfExportToAWebhook() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/siem", exchange -> {
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).lines().forEach(received::add);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Cli.Result r = warden.operator("audit", "export", "--format", "ocsf", "--batch", "3",
                    "--webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/siem");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(received).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"class_uid\":6003"));
            assertThat(received.getFirst()).contains("\"sequence\":0,");
            assertThat(r.err()).contains("posted " + received.size() + " line(s)");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @Order(4)
    void rotateKeyThenPruneBehindAVerifiedExport() throws Exception {
        Cli.Result rotated = warden.operator("audit", "rotate-key");
        assertThat(rotated.exit()).as(rotated.toString()).isZero();
        Path file = work.resolve("archive.jsonl");
        assertThat(warden.operator("audit", "export", "--out", file.toString()).exit()).isZero();

        Cli.Result notCovered = warden.operator("audit", "prune", "--below", "100000", "--confirm-exported", file.toString());
        assertThat(notCovered.exit()).isEqualTo(1);
        assertThat(notCovered.err()).contains("does not cover");

        Cli.Result pruned = warden.operator("audit", "prune", "--below", "18", "--confirm-exported", file.toString());
        assertThat(pruned.exit()).as(pruned.toString()).isZero();
        assertThat(pruned.json().get("first_index").asLong()).isEqualTo(18);
        Cli.Result entries = warden.operator("audit", "entries", "--after", "0", "--limit", "1");
        assertThat(entries.json().get("entries").get(0).get("seq").asLong()).isEqualTo(19);
        Cli.Result proof = warden.operator("audit", "inclusion-proof", "--index", "18");
        assertThat(proof.exit()).as(proof.toString()).isZero();
        Cli.Result gone = warden.operator("audit", "inclusion-proof", "--index", "0");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("entry_pruned");
    }
}
