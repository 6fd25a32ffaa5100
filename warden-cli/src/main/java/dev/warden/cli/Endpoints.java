package dev.warden.cli;

import dev.warden.server.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the CLI finds Warden when {@code --url} is not given. */
final class Endpoints {
    /** The address {@code warden up} listens on by default. */
    static final String DEFAULT_URL = "http://127.0.0.1:8470";
    /** The data directory {@code warden up} uses by default. */
    static final String DEFAULT_DATA_DIR = ".warden";
    /** The order operator commands look for the server in, for help texts. */
    static final String LOOKUP = "$WARDEN_URL, else the URL 'warden up' wrote into <data-dir>/" + DataDirectory.URL_FILE
            + ", else " + DEFAULT_URL + ".";
    /** The same for agent commands, which look in the default data directory. */
    static final String LOOKUP_DEFAULT_DIR = "$WARDEN_URL, else the URL 'warden up' wrote into " + DEFAULT_DATA_DIR + "/"
            + DataDirectory.URL_FILE + ", else " + DEFAULT_URL + ".";

    private Endpoints() {
    }

    /** A server's base URL and where the CLI found it (named when the server does not answer). */
    record Endpoint(String url, String source) {
    }

    /**
     * {@code --url}, else {@code fromKeyFile}, else {@code $WARDEN_URL}, else the URL the server
     * running on {@code dataDir} wrote there, else {@link #DEFAULT_URL}.
     */
    static Endpoint resolve(String option, Optional<String> fromKeyFile, Path dataDir) {
        if (option != null && !option.isBlank()) {
            return new Endpoint(option, "--url");
        }
        if (fromKeyFile.isPresent()) {
            return new Endpoint(fromKeyFile.get(), "the key file's warden_url");
        }
        Optional<String> env = env("WARDEN_URL");
        if (env.isPresent()) {
            return new Endpoint(env.get(), "$WARDEN_URL");
        }
        Path file = dataDir.resolve(DataDirectory.URL_FILE);
        try {
            String written = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!written.isEmpty()) {
                return new Endpoint(written, "from " + file + ", written by 'warden up'");
            }
        } catch (IOException | RuntimeException e) {
            // no server has announced itself there: the default address
        }
        return new Endpoint(DEFAULT_URL, "the default address");
    }

    /** A non-blank environment variable. */
    static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
