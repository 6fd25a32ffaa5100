package dev.warden.audit.log;

import dev.warden.audit.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The log's signing key on disk: one line {@code PRIVATE+KEY+<name>+<hash>+<base64>} (the signed-note
 * signer format), readable by the owner only. It is separate from the token-signing key.
 */
public final class LogKeyFile {
    private LogKeyFile() {
    }

    /**
     * Loads the key in {@code file}, or generates one named {@code name} and writes it there.
     *
     * @throws IOException if the file cannot be read or written, or does not hold a signer key
     */
    public static NoteSigner loadOrCreate(Path file, String name, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            try {
                return NoteSigner.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": not a log signing key (PRIVATE+KEY+...): " + e.getMessage(), e);
            }
        }
        return rotate(file, name, random);
    }

    /** Generates a new key named {@code name} and replaces the file atomically; the old secret is gone. */
    public static NoteSigner rotate(Path file, String name, SecureRandom random) throws IOException {
        NoteSigner key = NoteSigner.generate(name, random);
        writePrivate(file, key.encode() + "\n");
        return key;
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
