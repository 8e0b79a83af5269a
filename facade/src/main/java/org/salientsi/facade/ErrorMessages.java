package org.salientsi.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * A failure said in one line and classified: bad input or usage (files, shapes, values, unknown names, empty
 * regions, unsupported layers), a numerical breakdown (never a p-value) or an internal failure. The one wording
 * of every door: the command line prints it (and maps the kind to its exit code), {@code batch} writes it into
 * the JSON line of a failed image, the HTTP server answers it as {@code {"error": ..., "error_kind": ...}}.
 * An option is named as the command line's flag ({@code --sigma ...}), whichever door it came through.
 */
public final class ErrorMessages {

    /** The kind of a failure. */
    public enum Kind {
        /** The user's input (a file, a value, an option, a model layer) was refused. */
        BAD_INPUT("bad-input"),
        /** The computation lost the precision a valid p-value needs. */
        NUMERICAL("numerical"),
        /** A failure inside SalientSI or a library (a bug: please report it with --debug). */
        INTERNAL("internal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the label used in JSON ({@code bad-input}, {@code numerical}, {@code internal}) */
        public String label() {
            return label;
        }
    }

    private ErrorMessages() {
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
