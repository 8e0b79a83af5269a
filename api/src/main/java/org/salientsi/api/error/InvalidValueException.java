package org.salientsi.api.error;

/**
 * A numeric argument outside its domain: NaN, a non-positive standard deviation, an interval with
 * its ends out of order, an observed statistic outside the truncation set. The message names the
 * value.
 */
public class InvalidValueException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the value
     */
    public InvalidValueException(String message) {
        super(message);
    }

    /**
     * Formats the message with {@link String#format}.
     *
     * @param format format string
     * @param args arguments
     * @return the exception
     */
    public static InvalidValueException of(String format, Object... args) {
        return new InvalidValueException(String.format(java.util.Locale.ROOT, format, args));
    }
}
