package dev.warden.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files (from {@code console/assets/} on the class path), each served under a
 * name that carries the first 10 hex digits of its SHA-256 ({@code console.3f2a…9c.css}), so a
 * browser may cache it for good and a changed file gets a new name.
 */
public final class ConsoleAssets {
    /** The files shipped. */
    static final List<String> FILES = List.of("console.css", "console.js", "htmx.min.js",
            "uPlot.iife.min.js", "uPlot.min.css", "verify.js", "agent.js", "live.js");
    private static final String PREFIX = "/console/assets/";

    /**
     * One file.
     *
     * @param hashedName its served name
     * @param bytes      its content
     * @param type       its Content-Type
     */
    public record Asset(String hashedName, byte[] bytes, String type) {
    }

    private final Map<String, Asset> byName = new LinkedHashMap<>();
    private final Map<String, Asset> byHashedName = new LinkedHashMap<>();

    /** Reads and hashes the shipped files. */
    public ConsoleAssets() {
        for (String name : FILES) {
            byte[] bytes = read(name);
            int dot = name.lastIndexOf('.');
            String hashed = name.substring(0, dot) + "." + sha256(bytes).substring(0, 10) + name.substring(dot);
            Asset a = new Asset(hashed, bytes, type(name));
            byName.put(name, a);
            byHashedName.put(hashed, a);
        }
    }

    /** The URL path of a shipped file, e.g. {@code /console/assets/console.0123456789.css}. */
    public String url(String name) {
        Asset a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no console asset " + name);
        }
        return PREFIX + a.hashedName();
    }

    /** The URL path of every shipped file by its plain name. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        byName.forEach((name, a) -> urls.put(name, PREFIX + a.hashedName()));
        return urls;
    }

    /** The file served under this hashed name. */
    public Optional<Asset> find(String hashedName) {
        return Optional.ofNullable(byHashedName.get(hashedName));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the class path: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
