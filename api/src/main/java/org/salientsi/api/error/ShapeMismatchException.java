package org.salientsi.api.error;

/** Two shapes that must agree do not (an image and its model, an image and its reference, an op and its input). */
public class ShapeMismatchException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names both shapes and where they met
     */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
