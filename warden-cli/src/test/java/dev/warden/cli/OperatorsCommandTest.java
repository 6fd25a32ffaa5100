package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden operators ...} and {@code warden login}: accounts, sign-in and the session file. */
class OperatorsCommandTest {
    private static final String PASSWORD = "a-long-enough-password";

    @TempDir
    Path data;
    @TempDir
    Path home;
    TestWarden warden;
    InputStream stdin;

    @BeforeEach
    void start() throws Exception {
        warden = TestWarden.start(data);
        stdin = System.in;
    }

    @AfterEach
    void stop() {
        System.setIn(stdin);
        warden.close();
    }

    private static void typed(String line) {
        System.setIn(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void add_login_thenCommandsActAsThatOperator_withItsRolesOnly() throws Exception {
        typed(PASSWORD);
        Cli.Result add = warden.operator("operators", "add", "olivia", "--role", "auditor", "--password-stdin");
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.json().path("roles").get(0).asText()).isEqualTo("auditor");
        assertThat(add.out()).doesNotContain(PASSWORD);

        Path session = home.resolve("session.json");
        typed("wrong-password-here");
        Cli.Result bad = Cli.run("login", "olivia", "--password-stdin", "--url", warden.url(), "--session-file", session.toString());
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid_credentials");
        assertThat(session).doesNotExist();

        typed(PASSWORD);
        Cli.Result in = Cli.run("login", "olivia", "--password-stdin", "--url", warden.url(), "--session-file", session.toString());
        assertThat(in.exit()).as(in.toString()).isZero();
        assertThat(in.out()).doesNotContain("wdn_ot_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session))).isEqualTo("rw-------");
        assertThat(Files.readString(session)).contains("wdn_ot_").doesNotContain(PASSWORD);

        Cli.Result read = Cli.run("incidents", "list", "--url", warden.url(), "--session-file", session.toString());
        assertThat(read.exit()).as(read.toString()).isZero();
        Cli.Result kill = Cli.run("kill", "--agent", "support-bot", "--reason", "test", "--url", warden.url(),
                "--session-file", session.toString());
        assertThat(kill.exit()).as(kill.toString()).isEqualTo(1);
        assertThat(kill.err()).contains("forbidden_role");

        Cli.Result out = Cli.run("logout", "--session-file", session.toString());
        assertThat(out.exit()).as(out.toString()).isZero();
        assertThat(session).doesNotExist();
    }

    @Test
    void anExpiredSignIn_stopsTheCommand_askingToSignInAgain() throws Exception {
        Path session = home.resolve("old.json");
        new OperatorSession("olivia", "wdn_ot_x", java.time.Instant.now().minusSeconds(1)).write(session);
        Cli.Result r = Cli.run("incidents", "list", "--url", warden.url(), "--session-file", session.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("warden login olivia");
    }

    @Test
    void list_role_disable_andKeys() {
        Cli.Result add = warden.operator("operators", "add", "bot-runner", "--role", "auditor", "--role", "approver@shop",
                "--no-password");
        assertThat(add.exit()).as(add.toString()).isZero();
        Cli.Result role = warden.operator("operators", "role", "bot-runner", "--role", "auditor");
        assertThat(role.json().path("roles").size()).as(role.toString()).isEqualTo(1);

        Cli.Result key = warden.operator("operators", "keys", "add", "bot-runner", "--role", "auditor", "--expires-in", "600");
        assertThat(key.exit()).as(key.toString()).isZero();
        String secret = key.json().path("key").asText();
        Cli.Result withKey = Cli.run("incidents", "list", "--url", warden.url(), "--admin-token", secret);
        assertThat(withKey.exit()).as(withKey.toString()).isZero();

        Cli.Result keys = warden.operator("operators", "keys", "list", "bot-runner");
        assertThat(keys.out()).doesNotContain(secret);
        Cli.Result revoke = warden.operator("operators", "keys", "revoke", "bot-runner", key.json().path("key_id").asText());
        assertThat(revoke.exit()).as(revoke.toString()).isZero();
        Cli.Result after = Cli.run("incidents", "list", "--url", warden.url(), "--admin-token", secret);
        assertThat(after.err()).contains("token_revoked");

        Cli.Result off = warden.operator("operators", "disable", "bot-runner");
        assertThat(off.json().path("disabled").asBoolean()).as(off.toString()).isTrue();
        Cli.Result list = warden.operator("operators", "list");
        assertThat(list.json().path("operators").get(0).path("disabled").asBoolean()).isTrue();
    }
}
