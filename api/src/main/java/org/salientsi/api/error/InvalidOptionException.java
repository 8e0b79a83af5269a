package org.salientsi.api.error;

/**
 * A test option with a value that cannot be used: its message is the option's name followed by what
 * is wrong ({@code range must be a finite number of sigma_T > 0, got -1}, or {@code method: unknown
 * method 'x'; ...}). The option is the name of the test specification's text options (DESIGN.md
 * section 4, without the command line's dashes), so that each door can say it in its own words: the
 * command line prints it as a flag ({@code --range ...}), the Java API as it is.
 */
public class InvalidOptionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String option;

    private InvalidOptionException(String option, String message, Throwable cause) {
        super(message, cause);
        this.option = option;
    }

    /**
     * @param option the option's name, e.g. {@code range}
     * @param problem what is wrong, e.g. {@code must be >= 1, got 0}
     * @return the exception, whose message is {@code option + " " + problem}
     */
    public static InvalidOptionException of(String option, String problem) {
        return new InvalidOptionException(option, option + " " + problem, null);
    }

    /**
     * @param option the option's name
     * @param cause why its value was refused (by a plugin, a parser, the model)
     * @return {@code cause} itself when it already names an option, else an exception whose message is
     *     {@code option + ": " + cause's message}
     */
    public static InvalidOptionException wrap(String option, InvalidInputException cause) {
        if (cause instanceof InvalidOptionException o) {
            return o;
        }
        String m = cause.getMessage() == null ? "" : cause.getMessage();
        return new InvalidOptionException(option, option + ": " + m, cause);
    }

    /** @return the option's name, without dashes */
    public String option() {
        return option;
    }
}
