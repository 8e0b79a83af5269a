package org.salientsi.api.error;

/**
 * A selective p-value was asked of a saliency method whose map is not piecewise linear in the input
 * (occlusion, LIME): the exact conditioning does not apply, so SalientSI refuses rather than guess.
 */
public class NotPiecewiseLinearException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param method the method's name
     */
    public NotPiecewiseLinearException(String method) {
        super("saliency method '" + method + "' is not piecewise linear in the input, so it has no "
                + "selective p-value; use it with 'map' only");
    }
}
