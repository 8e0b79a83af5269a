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
        CliContext context = new CliContext(out, err);
        CommandLine cmd = new CommandLine(new SalientCommand(), new ContextFactory(context));
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
                    + qualifiedName(ex.getCommandLine()) + "--help')");
            return ErrorReporter.EXIT_BAD_INPUT;
        });
        return cmd;
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandName();
        return cmd.getParent() == null ? "" : name + " ";
    }

    /** Creates commands with the shared context. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
