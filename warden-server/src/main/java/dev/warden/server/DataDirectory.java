package dev.warden.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a data directory records beside the store about the server that uses it: the configuration
 * directory it was created with ({@value #CONFIG_FILE}), so that a server started with another
 * configuration does not adopt agents and approvals that belong to projects it does not have, and
 * the URL of the server running on it ({@value #URL_FILE}), where the CLI finds it.
 */
public final class DataDirectory {
    /** The file holding the configuration directory (real path) the data directory belongs to. */
    public static final String CONFIG_FILE = "config.path";
    /** The file holding the base URL of the server running on the directory; removed when it stops. */
    public static final String URL_FILE = "server.url";

    private DataDirectory() {
    }

    /**
     * Records {@code configDir} as the directory's configuration on first use; afterwards refuses
     * another one. A recorded configuration directory that no longer exists (a moved checkout) is
     * replaced by the new one.
     *
     * @throws DataDirectoryException when the directory belongs to another configuration that exists
     */
    static void bindConfig(Path data, Path configDir) throws IOException {
        Path config = configDir.toRealPath();
        Path file = data.resolve(CONFIG_FILE);
        if (Files.exists(file)) {
            Path recorded = Path.of(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (recorded.equals(config)) {
                return;
            }
            if (Files.isDirectory(recorded) && !Files.isSameFile(recorded, config)) {
                throw new DataDirectoryException("data directory " + data.toAbsolutePath().normalize()
                        + " was created with the config " + recorded + ", not " + config
                        + ": its agents and audit log belong to that config. Give this config its own data directory"
                        + " (--data-dir .warden-" + config.getFileName() + "), or stop the server and remove "
                        + data.toAbsolutePath().normalize() + " to start over");
            }
        }
        writeAtomically(file, config + "\n");
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
