package org.salientsi.api.error;

/** An image holds a NaN or infinite pixel. */
public class InvalidPixelException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the image and the pixel
     */
    public InvalidPixelException(String message) {
        super(message);
    }
}
