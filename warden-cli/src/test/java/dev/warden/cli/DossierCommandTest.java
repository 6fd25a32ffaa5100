package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.Actor;
import dev.warden.audit.note.NoteSigner;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden agent dossier} and {@code warden audit verify-dossier}: the JSON and HTML files, the
 * HTML's charts and escaping, and offline verification passing on an intact dossier and failing on
 * a changed record, a changed proof and an untrusted key.
 */
class DossierCommandTest {
    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\"";
    @TempDir
    static Path data;
    @TempDir
    static Path out;
    static TestWarden warden;
    static Path json;
    static Path keys;

    @BeforeAll
    static void start() throws Exception {
        warden = TestWarden.start(data);
        Cli.Result d = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action", "inventory.read",
                "--args", "{\"sku\":\"A-1\"}");
        assertThat(d.out() + d.err()).contains("allow");
        var incidents = warden.server().warden().incidents();
        incidents.accept(new Anomaly("anm_1", Instant.now(), "support-bot", Optional.empty(), "deny_rate", 1,
                AnomalySeverity.MAJOR, 10, Optional.of(1.0), 4, "deny rate " + HOSTILE, List.of()));
        String id = incidents.store().active("support-bot").orElseThrow().id();
        incidents.resolve(id, Actor.operator("admin"), "root cause: " + HOSTILE);
        assertThat(warden.operator("agent", "level", "support-bot", "junior", "--reason", "review " + HOSTILE).exit()).isZero();

        json = out.resolve("support-bot.json");
        Cli.Result r = warden.operator("agent", "dossier", "support-bot", "--out", json.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        keys = out.resolve("keys.txt");
        assertThat(warden.operator("audit", "keys", "--out", keys.toString()).exit()).isZero();
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private static ObjectNode dossier() throws Exception {
        return CliJson.parseObject(Files.readString(json, StandardCharsets.UTF_8));
    }

    private static Cli.Result verify(Path file, Path keyFile) {
        return Cli.run("audit", "verify-dossier", file.toString(), "--key", keyFile.toString());
    }

    private static Path write(String name, JsonNode node) throws Exception {
        Path p = out.resolve(name);
        Files.writeString(p, CliJson.write(node), StandardCharsets.UTF_8);
        return p;
    }

    /** The cited record of this kind. */
    private static ObjectNode cited(ObjectNode d, String kind) {
        for (JsonNode r : d.path("cited").path("records")) {
            if (kind.equals(r.path("kind").asText())) {
                return (ObjectNode) r;
            }
        }
        throw new AssertionError("no cited " + kind);
    }

    @Test
    void writesTheServersJson_andAnHtmlSibling() throws Exception {
        ObjectNode d = dossier();
        assertThat(d.path("format").asText()).isEqualTo("warden.agent.dossier/v1");
        assertThat(d.path("agent").path("name").asText()).isEqualTo("support-bot");
        assertThat(d.path("incidents").get(0).path("root_cause").asText()).isEqualTo("root cause: " + HOSTILE);
        assertThat(Files.exists(out.resolve("support-bot.html"))).isTrue();
        assertThat(AgentDossierCommand.htmlSibling(Path.of("x/dossier"))).isEqualTo(Path.of("x/dossier.html"));
    }

    @Test
    void html_drawsTheChartsAsInlineSvg_andEscapesHostileStrings() throws Exception {
        String html = Files.readString(out.resolve("support-bot.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<svg id=\"chart-level\"", "<svg id=\"chart-decisions\"", "<svg id=\"chart-accuracy\"")
                .contains("<path d=\"M").contains("<rect ");
        assertThat(html).contains("root cause: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .contains("review &lt;script&gt;");
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    @Test
    void html_escapesAHostileAgentName_andFlagsALevelGrantedWithoutGates() throws Exception {
        ObjectNode d = dossier();
        ((ObjectNode) d.path("agent")).put("name", "<script>steal()</script>").put("granted_without_gates", true)
                .put("purpose", "<img src=x onerror=alert(1)>");
        String html = DossierHtml.render(d);
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;steal()&lt;/script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("id=\"granted-without-gates\"").contains("LEVEL GRANTED WITHOUT GATES");
        assertThat(DossierHtml.render(dossier())).doesNotContain("granted-without-gates");
    }

    @Test
    void anIntactDossier_verifies() {
        Cli.Result r = verify(json, keys);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().path("verified").asBoolean()).isTrue();
        assertThat(r.json().path("records").asInt()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aChangedFieldInACitedRecord_fails_namingTheRecord() throws Exception {
        ObjectNode d = dossier();
        ObjectNode rec = cited(d, "agent.level_changed");
        String entry = rec.path("entry").asText();
        assertThat(entry).contains("\"level\":\"junior\"");
        rec.put("entry", entry.replace("\"level\":\"junior\"", "\"level\":\"principal\""));
        Cli.Result r = verify(write("changed-record.json", d), keys);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("verification FAILED: record seq " + rec.path("seq").asLong()).contains("altered");
    }

    @Test
    void aSectionDisagreeingWithItsRecord_fails() throws Exception {
        ObjectNode d = dossier();
        ArrayNode history = (ArrayNode) d.path("level_history");
        ObjectNode last = (ObjectNode) history.get(history.size() - 1);
        last.put("level", "principal");
        Cli.Result r = verify(write("changed-section.json", d), keys);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("record seq " + last.path("seq").asLong()).contains("level_history: field level differs");
    }

    @Test
    void aRootCauseThatNoRecordHolds_fails() throws Exception {
        ObjectNode d = dossier();
        ((ObjectNode) d.path("incidents").get(0)).put("root_cause", "nothing went wrong");
        Cli.Result r = verify(write("changed-root-cause.json", d), keys);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("root_cause is not the note of a cited");
    }

    @Test
    void aChangedProof_fails() throws Exception {
        ObjectNode d = dossier();
        ObjectNode rec = cited(d, "incident.resolved");
        ArrayNode proof = (ArrayNode) rec.path("proof");
        assertThat(proof).isNotEmpty();
        String h = proof.get(0).asText();
        proof.set(0, CliJson.parse("\"" + (h.charAt(0) == '0' ? '1' : '0') + h.substring(1) + "\""));
        Cli.Result r = verify(write("changed-proof.json", d), keys);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("record seq " + rec.path("seq").asLong()).contains("inclusion proof");
    }

    @Test
    void anUntrustedKey_fails() throws Exception {
        String origin = dossier().path("cited").path("checkpoint").path("origin").asText();
        Path other = out.resolve("other-key.txt");
        Files.writeString(other, NoteSigner.generate(origin, new SecureRandom()).verifier().encode() + "\n");
        Cli.Result r = verify(json, other);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("not signed by a trusted key");
    }

    @Test
    void formatHtml_writesOnlyTheHtml() {
        Path only = out.resolve("html-only.json");
        Cli.Result r = warden.operator("agent", "dossier", "support-bot", "--out", only.toString(), "--format", "html");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.exists(only)).isFalse();
        assertThat(Files.exists(out.resolve("html-only.html"))).isTrue();
    }
}
