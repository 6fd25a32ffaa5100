package dev.warden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Optional;

/**
 * An agent key file: {@code {"agent", "kid", "private_jwk": {kty OKP, crv Ed25519, x, d, kid},
 * "warden_url"}}, the format the server writes for seed agents and {@code warden agent register}
 * writes for new ones. Files are created readable by their owner only (mode 0600).
 *
 * @param file      where it was read from or written to
 * @param agent     the agent's name
 * @param key       the private key, with {@code kid} set
 * @param wardenUrl the server the agent was registered with, if recorded
 */
record KeyFile(Path file, String agent, OctetKeyPair key, Optional<String> wardenUrl) {

    /**
     * Reads a key file.
     *
     * @throws CliException (exit 2) naming the file when it is missing, unreadable or malformed
     */
    static KeyFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw bad(file, "no such file");
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        JsonNode root;
        try {
            root = CliJson.parse(text);
        } catch (JsonProcessingException e) {
            throw bad(file, "not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "must be a JSON object with agent, kid and private_jwk");
        }
        String agent = root.path("agent").asText("");
        if (!root.path("agent").isTextual() || agent.isBlank()) {
            throw bad(file, "\"agent\" (the agent's name) is missing");
        }
        JsonNode jwk = root.get("private_jwk");
        if (jwk == null || !jwk.isObject()) {
            throw bad(file, "\"private_jwk\" is missing");
        }
        OctetKeyPair key;
        try {
            key = OctetKeyPair.parse(CliJson.write(jwk));
        } catch (ParseException | RuntimeException e) {
            throw bad(file, "\"private_jwk\" is not an OKP JWK (" + e.getMessage() + ")");
        }
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw bad(file, "\"private_jwk\" must be an Ed25519 key");
        }
        if (!key.isPrivate()) {
            throw bad(file, "\"private_jwk\" has no private part (\"d\")");
        }
        String kid = root.path("kid").isTextual() ? root.get("kid").asText() : key.getKeyID();
        if (kid == null || kid.isBlank()) {
            throw bad(file, "\"kid\" is missing");
        }
        if (!kid.equals(key.getKeyID())) {
            key = new OctetKeyPair.Builder(key).keyID(kid).build();
        }
        Optional<String> url = root.path("warden_url").isTextual()
                ? Optional.of(root.get("warden_url").asText()).filter(s -> !s.isBlank()) : Optional.empty();
        return new KeyFile(file, agent, key, url);
    }

    /** The key id. */
    String kid() {
        return key.getKeyID();
    }

    /**
     * Writes a new key file, readable by its owner only. Never replaces an existing file.
     *
     * @throws FileAlreadyExistsException when the file exists
     */
    static KeyFile create(Path file, String agent, OctetKeyPair key, String wardenUrl) throws IOException {
        ObjectNode root = CliJson.object();
        root.put("agent", agent);
        root.put("kid", key.getKeyID());
        try {
            root.set("private_jwk", CliJson.parse(key.toJSONString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        root.put("warden_url", wardenUrl);
        byte[] bytes = (CliJson.write(root) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(bytes);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new KeyFile(file, agent, key, Optional.of(wardenUrl));
    }

    private static CliException bad(Path file, String why) {
        return new CliException("key file " + file + ": " + why, 2);
    }
}
