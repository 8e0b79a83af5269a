package org.salientsi.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;
import picocli.CommandLine;

/**
 * Turns an exception into one readable line on standard error and an exit code: 2 for bad input or
 * usage (files, shapes, values, unknown names, empty regions, unsupported layers), 1 for numerical
 * breakdowns and internal failures. The stack trace only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_INTERNAL = 1;
    static final int EXIT_BAD_INPUT = 2;

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        if (context.debug() || parsed.expandedArgs().contains("--debug")) {
            t.printStackTrace(context.err());
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        message = message.replace('\n', ' ').strip();
        if (t instanceof NumericalBreakdownException) {
            context.err().println("salientsi: numerical breakdown, no p-value: " + message);
            return EXIT_INTERNAL;
        }
        if (t instanceof IllegalArgumentException || t instanceof UnsupportedLayerException) {
            context.err().println("salientsi: " + message);
            return EXIT_BAD_INPUT;
        }
        if (t instanceof NoSuchFileException) {
            context.err().println("salientsi: file not found: " + message);
            return EXIT_BAD_INPUT;
        }
        if (t instanceof IOException) {
            context.err().println("salientsi: " + message);
            return EXIT_BAD_INPUT;
        }
        context.err().println("salientsi: internal error (" + t.getClass().getSimpleName() + "): " + message
                + (context.debug() ? "" : "; run again with --debug for the stack trace"));
        return EXIT_INTERNAL;
    }
}
