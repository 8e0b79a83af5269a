package org.salientsi.api.error;

/**
 * The computation lost the precision that a valid p-value needs: a linear piece with L >= U, a search
 * that stalls, a non-finite intermediate value, a truncated-normal mass that cannot be resolved.
 * Never silently replaced by NaN or by an approximate p-value.
 */
public class NumericalBreakdownException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke down and where (z, node, values)
     */
    public NumericalBreakdownException(String message) {
        super(message);
    }
}
