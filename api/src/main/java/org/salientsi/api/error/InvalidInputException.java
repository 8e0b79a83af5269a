package org.salientsi.api.error;

/**
 * Input that SalientSI refuses: a value, file, shape, option or region that cannot give a valid
 * p-value. The message names the offending value, file, option or layer.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the value
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the value
     * @param cause the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
