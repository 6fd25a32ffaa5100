package dev.warden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command: runs the server and talks to a running one. */
@Command(name = "warden", mixinStandardHelpOptions = true, version = "warden 0.1.0",
        description = "Zero-trust governance for AI agents.",
        subcommands = {UpCommand.class})
public final class WardenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WardenCommand());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("warden: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return ex instanceof CliException c ? c.exitCode() : 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
