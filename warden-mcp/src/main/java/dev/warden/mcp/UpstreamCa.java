package dev.warden.mcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates an HTTPS upstream's certificate must chain to, read from a PEM file, for an
 * upstream whose certificate a private CA issued. For that upstream they replace the JVM's trust
 * store (a public CA then does not do); a self-signed server certificate in the file pins that
 * certificate. The host name is checked either way: the certificate must name the URL's host.
 *
 * @param file         where they were read from (named in messages)
 * @param certificates the trusted certificates, at least one
 */
public record UpstreamCa(Path file, List<X509Certificate> certificates) {

    /** Copies and checks. */
    public UpstreamCa {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate");
        }
    }

    /**
     * Reads the certificates ({@code -----BEGIN CERTIFICATE-----} blocks) of a PEM file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static UpstreamCa read(Path file) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM file of certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate (-----BEGIN CERTIFICATE----- block)");
        }
        return new UpstreamCa(file, certificates);
    }

    /** A TLS context that trusts these certificates and no others. */
    SSLContext sslContext() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + file + ": " + e.getMessage(), e);
        }
    }
}
