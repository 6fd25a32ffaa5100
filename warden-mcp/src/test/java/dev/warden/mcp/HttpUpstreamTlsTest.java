package dev.warden.mcp;

import static dev.warden.mcp.HttpCallChannelTest.ECHO;
import static dev.warden.mcp.HttpCallChannelTest.OWNER;
import static dev.warden.mcp.HttpCallChannelTest.echoResult;
import static dev.warden.mcp.HttpCallChannelTest.text;
import static dev.warden.mcp.ScriptedHttpPeer.id;
import static dev.warden.mcp.ScriptedHttpPeer.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * HTTPS upstreams as an attacker on the way would meet them: a certificate a trusted CA issued for
 * another host must not do, on the gateway's own call channel as on the SDK client's connection.
 * The upstream is a TLS peer on 127.0.0.1 with certificates from a CA made for the test.
 */
class HttpUpstreamTlsTest {
    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestPki.create(dir, Map.of("local", "dns:localhost,ip:127.0.0.1", "other", "dns:other.example"));
    }

    /** An MCP server (enough of one for the SDK client and the call channel) behind the certificate of {@code alias}. */
    private static ScriptedHttpPeer upstream(String alias) throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        return new ScriptedHttpPeer(pki.server(alias), r -> switch (r.rpcMethod()) {
            case "" -> "GET".equals(r.method()) ? response(405, null, "") : response(200, null, "");
            case "tools/list" -> response(200, "application/json", """
                    {"jsonrpc":"2.0","id":%s,"result":{"tools":[]}}""".formatted(id(r)));
            case "ping" -> response(200, "application/json", """
                    {"jsonrpc":"2.0","id":%s,"result":{}}""".formatted(id(r)));
            default -> HttpCallChannelTest.mcp(sessions, call -> response(200, "application/json", echoResult(call, "ok"))).answer(r);
        });
    }

    private static HttpCallChannel trustingTheCa(URI url) {
        return new HttpCallChannel(url, 4, "2025-06-18", p -> { }, UpstreamCa.read(pki.caFile()).sslContext().getSocketFactory());
    }

    @Test
    void certificateForAnotherHost_failsTheCallWithTheReason_beforeAnythingIsSent() throws Exception {
        try (ScriptedHttpPeer peer = upstream("other")) {
            for (String host : List.of("127.0.0.1", "localhost")) {
                try (HttpCallChannel ch = trustingTheCa(peer.url(host))) {
                    // what the agent reads after "the upstream call failed: "
                    assertThatThrownBy(() -> ch.callTool(OWNER, ECHO, T, Mono.never()))
                            .isInstanceOf(HttpCallChannel.CallFailedException.class)
                            .hasMessageContaining("TLS handshake with " + host + ":" + peer.url().getPort() + " failed")
                            .hasMessageContaining("subject alternative");
                }
            }
            assertThat(peer.requests).isEmpty();
        }
    }

    @Test
    void certificateNamingTheHost_byNameOrByIpAddress_isAccepted() throws Exception {
        try (ScriptedHttpPeer peer = upstream("local")) {
            for (String host : List.of("127.0.0.1", "localhost")) {
                try (HttpCallChannel ch = trustingTheCa(peer.url(host))) {
                    assertThat(text(ch.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("ok");
                }
            }
            assertThat(peer.calls("tools/call")).hasSize(2);
        }
    }

    @Test
    void privateCa_isTrustedOnlyThroughTheCaFile() throws Exception {
        try (ScriptedHttpPeer peer = upstream("local");
             HttpCallChannel jvmTrust = new HttpCallChannel(peer.url(), 4, "2025-06-18", p -> { })) {
            assertThatThrownBy(() -> jvmTrust.callTool(OWNER, ECHO, T, Mono.never()))
                    .isInstanceOf(HttpCallChannel.CallFailedException.class).hasMessageContaining("TLS handshake with 127.0.0.1");
            assertThat(peer.requests).isEmpty();
        }
    }

    @Test
    void upstreamWithACaFile_isReachedByTheSdkClientToo_whichRefusesAnotherHostsCertificate() throws Exception {
        UpstreamCa ca = UpstreamCa.read(pki.caFile());
        try (ScriptedHttpPeer good = upstream("local");
             ScriptedHttpPeer bad = upstream("other");
             UpstreamSupervisor up = supervisor(new UpstreamEndpoint.Http(good.url("localhost"), 4, Optional.of(ca)));
             UpstreamSupervisor wrong = supervisor(new UpstreamEndpoint.Http(bad.url(), 4, Optional.of(ca)))) {
            up.start();
            wrong.start();
            assertThat(up.awaitFirstAttempt(T)).isTrue();
            assertThat(up.state()).as(up.lastError()).isEqualTo(UpstreamSupervisor.State.UP);
            HttpCallChannel calls = up.link().orElseThrow().calls().orElseThrow();
            assertThat(text(calls.callTool(OWNER, ECHO, T, Mono.never()))).isEqualTo("ok");
            assertThat(wrong.awaitFirstAttempt(T)).isTrue();
            assertThat(wrong.state()).isNotEqualTo(UpstreamSupervisor.State.UP);
            assertThat(bad.requests).isEmpty();
        }
    }

    private static UpstreamSupervisor supervisor(UpstreamEndpoint.Http endpoint) {
        return new UpstreamSupervisor(new UpstreamConfig("remote", "remote", endpoint, T), SessionProcessesTest.NO_EVENTS,
                Clock.systemUTC());
    }

    @Test
    void caFile_takesEveryCertificateOfABundle_andOneWithoutAnyIsRefusedByName() throws Exception {
        String ca = Files.readString(pki.caFile());
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "# the test CA, twice\n" + ca + "subject=CN=again\n" + ca);
        assertThat(UpstreamCa.read(bundle).certificates()).hasSize(2);

        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> UpstreamCa.read(key)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key.toString());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> UpstreamCa.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("no certificate");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> UpstreamCa.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read " + missing);
    }

    @Test
    void caFile_forAPlainHttpUrl_isRefused() {
        UpstreamCa ca = UpstreamCa.read(pki.caFile());
        assertThatThrownBy(() -> new UpstreamEndpoint.Http(URI.create("http://127.0.0.1:3001/mcp"), 4, Optional.of(ca)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    }
}
