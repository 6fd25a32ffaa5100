package dev.warden.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The query string of a paged listing: the checked {@code --limit}, then each filter given. */
final class ListQuery {
    private final CommandSpec command;
    private final StringBuilder query;

    /**
     * Starts the query of {@code command}.
     *
     * @throws ParameterException when {@code limit} is outside 1..1000
     */
    ListQuery(CommandSpec command, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ParameterException(command.commandLine(), "--limit must be between 1 and 1000");
        }
        this.command = command;
        this.query = new StringBuilder("?limit=").append(limit);
    }

    /** Adds {@code name=value} when a value was given. */
    ListQuery add(String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(WardenClient.encode(value));
        }
        return this;
    }

    /** Adds {@code name=value} when a value was given, after checking it is one of {@code allowed} (option {@code --name}). */
    ListQuery choice(String name, String value, List<String> allowed) {
        return value == null ? this : add(name, Output.choice(command, "--" + name, value, allowed));
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
