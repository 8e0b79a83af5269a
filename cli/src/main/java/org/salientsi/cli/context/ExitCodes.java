package org.salientsi.cli.context;

import org.salientsi.facade.ErrorMessages;

/**
 * The exit codes of the command line: 0 success, 2 bad input or usage, 1 a numerical breakdown or an internal
 * failure, 3 nothing to test (the selector selected no pixel, or for {@code contrast} every pixel: an outcome,
 * with no p-value, not an error). The failure's kind and its one-line message come from {@link ErrorMessages},
 * shared with the server.
 */
public final class ExitCodes {

    /** Exit code of a run that failed inside SalientSI, or whose numerics broke down. */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code of bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;
    /**
     * Exit code of {@code salientsi test} when there was nothing to test: the result (outcome {@code no_region}
     * or {@code full_region}) is printed, with the map and no p-value.
     */
    public static final int EXIT_NOTHING_TO_TEST = 3;

    private ExitCodes() {
    }

    /**
     * @param kind the kind of a failure
     * @return the exit code of a command that fails this way
     */
    public static int of(ErrorMessages.Kind kind) {
        return kind == ErrorMessages.Kind.BAD_INPUT ? EXIT_BAD_INPUT : EXIT_INTERNAL;
    }
}
