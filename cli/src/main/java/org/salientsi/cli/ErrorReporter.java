package org.salientsi.cli;

import org.salientsi.cli.context.CliContext;
import org.salientsi.cli.context.ExitCodes;
import org.salientsi.facade.ErrorMessages;
import picocli.CommandLine;

/**
 * Turns an exception into one readable line on standard error ({@link ErrorMessages}) and an exit code
 * ({@link ExitCodes}): 2 for bad input or usage, 1 for numerical breakdowns and internal failures. The stack
 * trace only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_INTERNAL = ExitCodes.EXIT_INTERNAL;
    static final int EXIT_BAD_INPUT = ExitCodes.EXIT_BAD_INPUT;

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = context.debug() || parsed.expandedArgs().contains("--debug");
        if (debug) {
            ex.printStackTrace(context.err());
        }
        ErrorMessages.Kind kind = ErrorMessages.kind(ex);
        context.err().println("salientsi: " + ErrorMessages.message(ex)
                + (kind == ErrorMessages.Kind.INTERNAL && !debug
                        ? "; run again with --debug for the stack trace" : ""));
        return ExitCodes.of(kind);
    }
}
