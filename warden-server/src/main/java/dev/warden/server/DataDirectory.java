package dev.warden.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a data directory records beside the store about the server that uses it: the URL of the
 * server running on it ({@value #URL_FILE}), where the CLI finds it.
 */
public final class DataDirectory {
    /** The file holding the base URL of the server running on the directory; removed when it stops. */
    public static final String URL_FILE = "server.url";

    private DataDirectory() {
    }

    /** Records the URL of the server now running on the directory. */
    static void publishUrl(Path data, String url) throws IOException {
        writeAtomically(data.resolve(URL_FILE), url + "\n");
    }

    /** Removes the URL once the server stops (best effort: a stale one only misleads the CLI's first try). */
    static void withdrawUrl(Path data) {
        try {
            Files.deleteIfExists(data.resolve(URL_FILE));
        } catch (IOException ignored) {
            // the CLI names the file when the URL in it does not answer
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
