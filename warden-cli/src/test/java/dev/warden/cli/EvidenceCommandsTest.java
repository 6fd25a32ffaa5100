package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent attest | business-value | sign-off | sign-offs | withdraw-sign-off} as named operators. */
class EvidenceCommandsTest {
    private static final String PASSWORD = "correct horse battery staple 42";

    @TempDir
    Path tmp;
    TestWarden warden;
    InputStream stdin;

    @BeforeEach
    void start() throws Exception {
        Path config = tmp.resolve("config");
        try (Stream<Path> files = Files.walk(TestWarden.QUICKSTART)) {
            for (Path p : files.toList()) {
                Path target = config.resolve(TestWarden.QUICKSTART.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.writeString(config.resolve("warden.yaml"), Files.readString(config.resolve("warden.yaml"))
                + "\nmaturity:\n  sign_off_roles:\n    technical_owner: [tess]\n    business_owner: [bob]\n    security: [carol]\n");
        warden = TestWarden.start(config, tmp.resolve("data"));
        stdin = System.in;
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        warden.close();
    }

    /** Creates the operator, signs it in, and returns its session file. */
    private Path session(String name) {
        System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(warden.operator("operators", "add", name, "--role", "approver", "--password-stdin").exit()).isZero();
        Path file = tmp.resolve(name + "-session.json");
        System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
        Cli.Result in = Cli.run("login", name, "--password-stdin", "--url", warden.url(), "--session-file", file.toString());
        assertThat(in.exit()).as(in.toString()).isZero();
        return file;
    }

    private Cli.Result as(Path session, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--url";
        all[args.length + 1] = warden.url();
        all[args.length + 2] = "--session-file";
        all[args.length + 3] = session.toString();
        return Cli.run(all);
    }

    @Test
    void attest_computesTheEvidenceFilesDigest_andTheReadinessCountsIt() throws Exception {
        Path carol = session("carol");
        Path report = tmp.resolve("pentest.pdf");
        Files.writeString(report, "findings: none");
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("findings: none".getBytes(StandardCharsets.UTF_8)));
        Cli.Result r = as(carol, "agent", "attest", "support-bot", "--kind", "code_review", "--result", "passed",
                "--evidence-ref", "https://reviews.example/42", "--evidence-file", report.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().path("evidence_digest").asText()).isEqualTo(expected);
        Cli.Result ready = warden.operator("agent", "readiness", "support-bot");
        assertThat(ready.out()).contains("[ok  ] code_review: latest code_review attestation passed: https://reviews.example/42");
    }

    @Test
    void businessValue_signOff_list_andWithdraw() throws IOException {
        Path bob = session("bob");
        Cli.Result v = as(bob, "agent", "business-value", "support-bot", "--metric",
                "name=handling_time,unit=minutes,baseline=30,current=20,direction=decrease", "--roi", "2.5",
                "--roi-evidence-ref", "https://roi.example", "--roi-evidence-digest", "sha256:" + "cd".repeat(32));
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.json().path("metrics").get(0).path("current").asDouble()).isEqualTo(20.0);
        Cli.Result s = as(bob, "agent", "sign-off", "support-bot", "--role", "business_owner", "--note", "ok");
        assertThat(s.exit()).as(s.toString()).isZero();
        String id = s.json().path("id").asText();

        Cli.Result list = warden.operator("agent", "sign-offs", "support-bot");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains(id).contains("business_owner  bob  sign-off").contains("business value");

        Cli.Result w = as(bob, "agent", "withdraw-sign-off", "support-bot", id, "--reason", "signed too early");
        assertThat(w.exit()).as(w.toString()).isZero();
        assertThat(warden.operator("agent", "sign-offs", "support-bot").out()).contains("WITHDRAWN by bob: signed too early");
    }

    @Test
    void aRoleTheOperatorDoesNotHold_failsWithTheServersCode() {
        Path bob = session("bob");
        Cli.Result r = as(bob, "agent", "sign-off", "support-bot", "--role", "security");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: not_in_sign_off_role: ");
        Cli.Result bad = as(bob, "agent", "attest", "support-bot", "--kind", "code_review", "--result", "passed",
                "--evidence-ref", "x", "--evidence-digest", "sha256:nothex");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("evidence_digest: must be sha256: followed by 64 hex digits");
    }
}
