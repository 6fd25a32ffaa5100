package dev.warden.cli;

import java.util.Optional;

/** Where the CLI finds Warden when {@code --url} is not given. */
final class Endpoints {
    /** The address {@code warden up} listens on by default. */
    static final String DEFAULT_URL = "http://127.0.0.1:8470";

    private Endpoints() {
    }

    /** {@code --url}, else {@code fromKeyFile}, else {@code $WARDEN_URL}, else {@link #DEFAULT_URL}. */
    static String resolve(String option, Optional<String> fromKeyFile) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        if (fromKeyFile.isPresent()) {
            return fromKeyFile.get();
        }
        return env("WARDEN_URL").orElse(DEFAULT_URL);
    }

    /** A non-blank environment variable. */
    static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
