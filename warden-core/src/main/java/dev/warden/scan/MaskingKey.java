package dev.warden.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Warden's key for keyed hashes of sensitive values (HMAC-SHA256): the {@code hash} action of a data
 * class and the masked fields of audit records. Equal values give equal tags, so they still
 * correlate across records, while a tag cannot be confirmed or guessed without the key (unlike a
 * bare digest, which anyone can compute for a guessed card number). The server keeps the key in its
 * data directory ({@code keys/data-hmac.key}), so tags are stable across restarts; whoever holds the
 * data directory can confirm a candidate value, an auditor holding only an export cannot.
 */
public final class MaskingKey {
    private static final int BYTES = 32;
    private final SecretKeySpec key;

    private MaskingKey(byte[] bytes) {
        if (bytes.length < 16) {
            throw new IllegalArgumentException("a masking key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(bytes.clone(), "HmacSHA256");
    }

    /** A key of these bytes (at least 16). */
    public static MaskingKey of(byte[] bytes) {
        return new MaskingKey(bytes);
    }

    /** A fresh random key (for an embedded Warden without a data directory: tags then last one run). */
    public static MaskingKey random(RandomGenerator random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new MaskingKey(b);
    }

    /**
     * The key in {@code file} (64 hex digits), created with owner-only permissions when missing.
     *
     * @throws IOException when the file cannot be read or written, or does not hold a key
     */
    public static MaskingKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] b = new byte[BYTES];
            new SecureRandom().nextBytes(b);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, HexFormat.of().formatHex(b) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own protection applies
            }
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // another process made it first: use theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            byte[] b = HexFormat.of().parseHex(text);
            if (b.length < 16) {
                throw new IOException(file + " holds a key shorter than 16 bytes");
            }
            MaskingKey k = new MaskingKey(b);
            Arrays.fill(b, (byte) 0);
            return k;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a hex key: " + e.getMessage());
        }
    }

    /** The first 16 hex digits of HMAC-SHA256 of the UTF-8 of {@code value}. */
    public String tag(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] out = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The replacement of a hashed span: {@code [<class>:hmac:<16 hex>]}. */
    public String hashed(DataClass dataClass, String value) {
        return "[" + dataClass.id() + ":hmac:" + tag(value) + "]";
    }

    @Override
    public String toString() {
        return "MaskingKey[hidden]";
    }
}
