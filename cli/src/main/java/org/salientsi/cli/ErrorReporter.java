package org.salientsi.cli;

import picocli.CommandLine;

/**
 * Turns an exception into one readable line on standard error and an exit code (see {@link Errors}):
 * 2 for bad input or usage, 1 for numerical breakdowns and internal failures. The stack trace only
 * with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_INTERNAL = Errors.EXIT_INTERNAL;
    static final int EXIT_BAD_INPUT = Errors.EXIT_BAD_INPUT;

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
        Errors.Kind kind = Errors.kind(ex);
        context.err().println("salientsi: " + Errors.message(ex)
                + (kind == Errors.Kind.INTERNAL && !debug ? "; run again with --debug for the stack trace" : ""));
        return kind.exitCode();
    }
}
