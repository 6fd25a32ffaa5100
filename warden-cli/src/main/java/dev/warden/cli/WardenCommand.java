package dev.warden.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command: runs the server and talks to a running one. */
@Command(name = "warden", mixinStandardHelpOptions = true, version = "warden 0.1.0",
        description = "Zero-trust governance for AI agents.",
        subcommands = {UpCommand.class, AgentCommand.class, ApprovalsCommand.class, AuditCommand.class,
                DecideCommand.class, OutcomeCommand.class, McpCommand.class, KillCommand.class, RollbackCommand.class,
                AlertsCommand.class, BreakersCommand.class, IncidentsCommand.class,
                OperatorsCommand.class, GrantsCommand.class, LoginCommand.class, LoginCommand.Logout.class})
public final class WardenCommand implements Runnable {

    /** Exit codes shared by every command (shown in each command's --help). */
    static final Map<String, String> EXIT_CODES = exitCodes();

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
            if (ex instanceof CliException c) {
                line.getErr().println("warden: " + c.getMessage());
                line.getErr().flush();
                return c.exitCode();
            }
            line.getErr().println("warden: internal error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            line.getErr().flush();
            return 1;
        });
        documentExitCodes(cl, cl.getCommandSpec().version());
        return cl;
    }

    private static void documentExitCodes(CommandLine cl, String[] version) {
        cl.getCommandSpec().version(version);
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        cl.getSubcommands().values().forEach(sub -> documentExitCodes(sub, version));
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "Success (for 'decide', a deny or approval_required is a successful answer).");
        m.put("1", "Warden refused the request ('warden: <error code>: <message>') or could not be reached.");
        m.put("2", "Usage error: bad option or argument, unreadable or malformed key file, no operator token.");
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
