package dev.warden.audit.log;

import dev.warden.audit.note.NoteSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/** Where a {@link VerifiableLog}'s signing key lives: a private file, or memory only. */
public interface LogKeySource {

    /** The current key, created on first use. */
    NoteSigner current() throws IOException;

    /** Replaces the current key with a new one (the old secret is gone) and returns it. */
    NoteSigner rotate() throws IOException;

    /** A key kept in {@code file} (see {@link LogKeyFile}), named {@code name}. */
    static LogKeySource file(Path file, String name, SecureRandom random) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(random, "random");
        return new LogKeySource() {
            @Override
            public NoteSigner current() throws IOException {
                return LogKeyFile.loadOrCreate(file, name, random);
            }

            @Override
            public NoteSigner rotate() throws IOException {
                return LogKeyFile.rotate(file, name, random);
            }
        };
    }

    /**
     * A key that lives as long as this object: checkpoints signed with it stay verifiable through
     * the published public key, but a new process signs with a new key.
     */
    static LogKeySource memory(String name, SecureRandom random) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(random, "random");
        return new LogKeySource() {
            private NoteSigner key;

            @Override
            public synchronized NoteSigner current() {
                if (key == null) {
                    key = NoteSigner.generate(name, random);
                }
                return key;
            }

            @Override
            public synchronized NoteSigner rotate() {
                key = NoteSigner.generate(name, random);
                return key;
            }
        };
    }
}
