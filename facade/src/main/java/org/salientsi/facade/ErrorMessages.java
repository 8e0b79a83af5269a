package org.salientsi.facade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.salientsi.api.error.InvalidOptionException;
import org.salientsi.api.error.NumericalBreakdownException;
import org.salientsi.api.error.UnsupportedLayerException;

/**
 * A failure said in one line and classified: bad input or usage (files, shapes, values, unknown names, empty
 * regions, unsupported layers), a numerical breakdown (never a p-value) or an internal failure. The one wording
 * of every door: the command line prints it (and maps the kind to its exit code), {@code batch} writes it into
 * the JSON line of a failed image, the HTTP server answers it in a problem document (RFC 9457). The same
 * message is said in the words of its reader ({@link Wording}): the command line names an option as its flag
 * ({@code --sigma ...}), HTTP as the request's JSON field ({@code field 'sigma' ...}).
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

    /** Who reads a message, and so how an option is named in it. */
    public enum Wording {
        /** The command line: an option is its flag, {@code --cam-layer}. */
        COMMAND_LINE,
        /**
         * An HTTP client: an option is the request body's JSON field of the same name without the dashes,
         * {@code field 'cam-layer'} (the server's fields are the command line's options without dashes).
         */
        HTTP
    }

    /** A command-line flag inside a message: two dashes, then a lower-case name (not a dash inside a word). */
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");

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
     * @return one line saying what went wrong (no class names for typed errors, no line breaks), options named as
     *     the command line's flags
     */
    public static String message(Throwable t) {
        return message(t, Wording.COMMAND_LINE);
    }

    /**
     * @param t a failure
     * @param wording who reads the message
     * @return one line saying what went wrong (no class names for typed errors, no line breaks), options named in
     *     the reader's words: the same text as {@link #message(Throwable)} with each flag {@code --name} said
     *     as {@code field 'name'} for {@link Wording#HTTP}
     */
    public static String message(Throwable t, Wording wording) {
        String line = commandLineMessage(t);
        return wording == Wording.HTTP ? inFieldNames(line) : line;
    }

    /**
     * @param commandLineMessage a message in the command line's words
     * @return the message with each flag {@code --name} said as the JSON field {@code field 'name'}
     */
    public static String inFieldNames(String commandLineMessage) {
        return FLAG.matcher(commandLineMessage).replaceAll("field '$1'");
    }

    private static String commandLineMessage(Throwable t) {
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
