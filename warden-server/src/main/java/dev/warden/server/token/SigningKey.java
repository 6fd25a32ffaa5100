package dev.warden.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/**
 * Ed25519 key pairs as JWKs, kept in files readable by the owner only.
 */
public final class SigningKey {
    private SigningKey() {
    }

    /** Generates a new Ed25519 key pair with the given key id. */
    public static OctetKeyPair generate(String keyId) {
        try {
            OctetKeyPairGenerator gen = new OctetKeyPairGenerator(Curve.Ed25519);
            return keyId == null ? gen.generate() : gen.keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 key generation failed", e);
        }
    }

    /**
     * Loads the key in {@code file}, or generates one and writes it there (mode 0600) if the file
     * does not exist.
     */
    public static OctetKeyPair loadOrCreate(Path file, String keyIdPrefix) throws IOException {
        if (Files.exists(file)) {
            try {
                return OctetKeyPair.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new IOException(file + ": not an Ed25519 JWK: " + e.getMessage(), e);
            }
        }
        OctetKeyPair fresh = withThumbprintId(generate(null), keyIdPrefix);
        writePrivate(file, fresh.toJSONString());
        return fresh;
    }

    /** The same key with the id {@code <prefix>-<first 12 characters of its RFC 7638 thumbprint>}. */
    public static OctetKeyPair withThumbprintId(OctetKeyPair key, String prefix) {
        try {
            String thumb = key.computeThumbprint().toString();
            return new OctetKeyPair.Builder(key).keyID(prefix + "-" + thumb.substring(0, 12)).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes secret text to a file readable and writable by the owner only. */
    public static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
