package org.salientsi.api.error;

/**
 * The selector chose no pixel (or, for statistics that need a background, every pixel): there is no
 * hypothesis to test, so there is no p-value.
 */
public class EmptyRegionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the selector and what was empty
     */
    public EmptyRegionException(String message) {
        super(message);
    }
}
