package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private CA and server certificates it issued, made by the JDK's {@code keytool} (the JDK has no
 * API that builds certificates), for tests of how the gateway checks an HTTPS upstream.
 */
final class TestPki {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore store;
    private final Path caFile;

    private TestPki(KeyStore store, Path caFile) {
        this.store = store;
        this.caFile = caFile;
    }

    /**
     * Makes the CA (its certificate in {@code dir/ca.pem}) and a server certificate per entry of
     * {@code servers}: alias to subject alternative names in keytool's syntax
     * ({@code dns:localhost,ip:127.0.0.1}).
     */
    static TestPki create(Path dir, Map<String, String> servers) throws Exception {
        Path p12 = dir.resolve("pki.p12");
        keytool(p12, "-alias", "ca", "-dname", "CN=Warden Test CA", "-ext", "bc:c");
        for (Map.Entry<String, String> s : servers.entrySet()) {
            keytool(p12, "-alias", s.getKey(), "-dname", "CN=" + s.getKey(), "-ext", "san=" + s.getValue(), "-signer", "ca");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD);
        }
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, pem(store.getCertificate("ca")));
        return new TestPki(store, ca);
    }

    /** Generates a key pair signed by itself or by {@code -signer}, in {@code p12}. */
    private static void keytool(Path p12, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", command, output).isZero();
    }

    static String pem(Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The CA's certificate as a PEM file. */
    Path caFile() {
        return caFile;
    }

    /** A server-side TLS context presenting the certificate of {@code alias} and its chain to the CA. */
    SSLContext server(String alias) throws Exception {
        KeyStore one = KeyStore.getInstance("PKCS12");
        one.load(null, null);
        one.setKeyEntry(alias, (PrivateKey) store.getKey(alias, PASSWORD), PASSWORD, store.getCertificateChain(alias));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(one, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
