package org.salientsi.core.multiplicity;

import org.salientsi.api.error.InvalidValueException;

/**
 * Benjamini-Hochberg adjusted p-values (Benjamini and Hochberg, "Controlling the false discovery
 * rate", JRSS B 57, 1995), as R's {@code p.adjust(p, "BH")}: with the {@code m} p-values sorted
 * ascending, \( \tilde p_{(i)} = \min_{j \ge i} \min(1, m\, p_{(j)} / j) \). Rejecting every
 * hypothesis whose adjusted p-value is at most {@code q} controls the false discovery rate at
 * {@code q} for independent (or positively dependent) tests.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * @param p p-values in [0, 1], in any order
     * @return the adjusted p-values, in the same order
     * @throws InvalidValueException if a value is not in [0, 1]
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = PValueOrder.ascending(p);
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            // p (m / rank) with m / rank >= 1: never below p after rounding
            running = Math.min(running, Math.min(1, p[i] * ((double) m / rank)));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
