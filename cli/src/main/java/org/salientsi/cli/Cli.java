package org.salientsi.cli;

import java.io.PrintWriter;
import org.salientsi.cli.command.SalientCommand;
import org.salientsi.cli.context.CliContext;
import picocli.CommandLine;

/** Builds the picocli command line with SalientSI's error handling. */
public final class Cli {

    private Cli() {
    }

    /**
     * @param out standard output
     * @param err standard error
     * @return the configured command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(System.in, out, err);
    }

    /**
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the configured command line
     */
    public static CommandLine commandLine(java.io.InputStream in, PrintWriter out, PrintWriter err) {
        CliContext context = new CliContext(in, out, err);
        CommandLine cmd = new CommandLine(new SalientCommand(), new CommandFactory(context));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(new ErrorReporter(context));
        cmd.setParameterExceptionHandler((ex, args) -> {
            String message = String.valueOf(ex.getMessage()).replace('\n', ' ').strip();
            if (message.startsWith("Error: ")) {
                message = message.substring("Error: ".length());
            }
            err.println("salientsi: " + message + " (see 'salientsi "
                    + qualifiedName(ex.getCommandLine()) + "--help' or docs/reference.md)");
            return ErrorReporter.EXIT_BAD_INPUT;
        });
        return cmd;
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandName();
        return cmd.getParent() == null ? "" : name + " ";
    }
}
