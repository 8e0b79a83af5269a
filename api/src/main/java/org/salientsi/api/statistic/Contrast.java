package org.salientsi.api.statistic;

import org.salientsi.api.error.InvalidValueException;

/**
 * A linear contrast \( T = \eta^\top Y \) and the extra constraints (if any) that the direction's
 * data-dependent choices add to the selection event.
 *
 * @param eta the direction, of the stacked length, finite and not zero
 * @param constraints extra constraints \( g^\top Y > 0 \), which hold at the observed data
 */
public record Contrast(double[] eta, LinearConstraints constraints) {

    /**
     * @throws InvalidValueException if eta is empty, zero or not finite
     */
    public Contrast {
        if (eta == null || eta.length == 0) {
            throw new InvalidValueException("a contrast needs a direction");
        }
        boolean nonzero = false;
        for (int i = 0; i < eta.length; i++) {
            if (!Double.isFinite(eta[i])) {
                throw InvalidValueException.of("contrast direction entry %d is not finite: %s", i, eta[i]);
            }
            nonzero |= eta[i] != 0;
        }
        if (!nonzero) {
            throw new InvalidValueException("contrast direction is zero");
        }
        eta = eta.clone();
        if (constraints == null) {
            constraints = LinearConstraints.none();
        }
    }

    /**
     * @param eta the direction
     * @return a contrast with no extra constraint
     */
    public static Contrast of(double[] eta) {
        return new Contrast(eta, LinearConstraints.none());
    }

    @Override
    public double[] eta() {
        return eta.clone();
    }
}
