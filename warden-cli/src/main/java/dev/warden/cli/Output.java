package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Writing results and checking option values. */
final class Output {
    private Output() {
    }

    /** Prints a server response as pretty JSON on stdout. */
    static void json(CommandSpec spec, JsonNode node) {
        line(spec, CliJson.pretty(node));
    }

    /** Prints one line on stdout. */
    static void line(CommandSpec spec, String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(text);
        out.flush();
    }

    /** Prints a note for humans on stderr (stdout stays machine-readable). */
    static void note(CommandSpec spec, String text) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("warden: " + text);
        err.flush();
    }

    /**
     * Checks that an option value is one of {@code allowed} (case-insensitively) and returns it in
     * lower case.
     *
     * @throws ParameterException a usage error (exit 2) otherwise
     */
    static String choice(CommandSpec spec, String option, String value, List<String> allowed) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for " + option + ": '" + value + "' (expected one of " + String.join(", ", allowed) + ")");
        }
        return v;
    }
}
