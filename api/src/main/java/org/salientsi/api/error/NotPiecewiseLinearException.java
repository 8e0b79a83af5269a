package org.salientsi.api.error;

/**
 * An exact selective p-value was asked of a saliency method whose map is not piecewise linear in the input
 * (occlusion, LIME; attention): the exact conditioning does not apply, so SalientSI refuses rather than guess. A
 * method that can bound its maps over segments of the line has certified p-value bounds instead
 * ({@code --search certified}).
 */
public class NotPiecewiseLinearException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param method the method's name
     */
    public NotPiecewiseLinearException(String method) {
        super("saliency method '" + method + "' is not piecewise linear in the input, so it has no exact "
                + "selective p-value; use it with 'map' only");
    }

    /**
     * @param method the method's name
     * @param certifiable whether the method can bound its maps over segments (then the message points to the
     *     certified search)
     */
    public NotPiecewiseLinearException(String method, boolean certifiable) {
        super(certifiable ? "saliency method '" + method + "' is not piecewise linear in the input, so it has no "
                + "exact selective p-value; it has certified p-value bounds with --search certified (or auto)"
                : "saliency method '" + method + "' is not piecewise linear in the input, so it has no exact "
                + "selective p-value; use it with 'map' only");
    }
}
