package org.salientsi.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * How the command line classifies a failure and says it in one line: bad input or usage (exit code 2:
 * files, shapes, values, unknown names, empty regions, unsupported layers), a numerical breakdown
 * (exit code 1, never a p-value) or an internal failure (exit code 1). Shared by the error handler of
 * every command and by {@code batch}, whose failed images become JSON lines.
 */
public final class Errors {

    /** Exit code of a run that failed inside SalientSI, or whose numerics broke down. */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code of bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;

    /** The kind of a failure. */
    public enum Kind {
        /** The user's input (a file, a value, an option, a model layer) was refused. */
        BAD_INPUT("bad-input", EXIT_BAD_INPUT),
        /** The computation lost the precision a valid p-value needs. */
        NUMERICAL("numerical", EXIT_INTERNAL),
        /** A failure inside SalientSI or a library (a bug: please report it with --debug). */
        INTERNAL("internal", EXIT_INTERNAL);

        private final String label;
        private final int exitCode;

        Kind(String label, int exitCode) {
            this.label = label;
            this.exitCode = exitCode;
        }

        /** @return the label used in JSON ({@code bad-input}, {@code numerical}, {@code internal}) */
        public String label() {
            return label;
        }

        /** @return the exit code of a command that fails this way */
        public int exitCode() {
            return exitCode;
        }
    }

    private Errors() {
    }

    /**
     * @param t a failure
     * @return what the failure is, with {@link UncheckedIOException} unwrapped
     */
    public static Kind kind(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof NumericalBreakdownException) {
            return Kind.NUMERICAL;
        }
        if (c instanceof IllegalArgumentException || c instanceof UnsupportedLayerException
                || c instanceof IOException) {
            return Kind.BAD_INPUT;
        }
        return Kind.INTERNAL;
    }

    /**
     * @param t a failure
     * @return one line saying what went wrong (no class names for typed errors, no line breaks)
     */
    public static String message(Throwable t) {
        Throwable c = unwrap(t);
        String exhausted = exhausted(c);
        if (exhausted != null) {
            return exhausted;
        }
        String raw = c.getMessage() == null ? "" : c.getMessage().replace('\n', ' ').replace('\r', ' ').strip();
        if (c instanceof NumericalBreakdownException) {
            return "numerical breakdown, no p-value: " + raw;
        }
        if (c instanceof NoSuchFileException) {
            return "file not found: " + raw;
        }
        if (c instanceof AccessDeniedException) {
            return "permission denied: " + raw;
        }
        if (c instanceof InvalidOptionException) {
            return "--" + raw; // the option as a flag of the command line
        }
        if (kind(c) == Kind.BAD_INPUT) {
            return raw.isEmpty() ? c.getClass().getSimpleName().toLowerCase(Locale.ROOT) : raw;
        }
        return "internal error (" + c.getClass().getSimpleName() + ")" + (raw.isEmpty() ? "" : ": " + raw);
    }

    /** An exhausted heap, native memory or stack anywhere in the cause chain, said in one line; else null. */
    private static String exhausted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return "out of memory (" + (c.getMessage() == null ? "no detail" : c.getMessage().replace('\n', ' '))
                        + "): the input needs more memory than this JVM may use; check its size, or raise the "
                        + "limits (-Xmx, -Dorg.bytedeco.javacpp.maxbytes) through SALIENTSI_JAVA_OPTS";
            }
            if (c instanceof StackOverflowError) {
                return "stack overflow: the input nests too deeply to be processed";
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof UncheckedIOException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
