package org.salientsi.core.multiplicity;

import org.salientsi.api.error.InvalidValueException;

/**
 * Benjamini-Yekutieli adjusted p-values (Benjamini and Yekutieli, "The control of the false discovery rate in
 * multiple testing under dependency", Ann. Statist. 29, 2001, Theorem 1.3), as R's {@code p.adjust(p, "BY")}:
 * with the {@code m} p-values sorted ascending and \( c(m) = \sum_{k=1}^m 1/k \),
 * \( \tilde p_{(i)} = \min_{j \ge i} \min(1, c(m)\, m\, p_{(j)} / j) \). Rejecting every hypothesis whose adjusted
 * p-value is at most {@code q} controls the false discovery rate at {@code q} under any dependence between the
 * tests, such as the components of one region, which share the selection event and overlapping test lines.
 * Since \( c(m) \ge 1 \) it equals {@code min(1, c(m)} times the Benjamini-Hochberg value{@code )}, which it is
 * computed from (one ordering, {@link PValueOrder}).
 */
public final class BenjaminiYekutieli {

    private BenjaminiYekutieli() {
    }

    /**
     * @param p p-values in [0, 1], in any order
     * @return the adjusted p-values, in the same order
     * @throws InvalidValueException if a value is not in [0, 1]
     */
    public static double[] adjust(double[] p) {
        double c = harmonic(p.length);
        double[] adjusted = BenjaminiHochberg.adjust(p);
        for (int i = 0; i < adjusted.length; i++) {
            // the running minimum of min(1, m p / rank) times c, capped: min(1, c min(1, x)) = min(1, c x), c >= 1
            adjusted[i] = Math.min(1, c * adjusted[i]);
        }
        return adjusted;
    }

    /**
     * @param m the number of tests, {@code >= 0}
     * @return \( c(m) = \sum_{k=1}^m 1/k \) (0 for none), summed from the smallest term
     */
    static double harmonic(int m) {
        double c = 0;
        for (int k = m; k >= 1; k--) {
            c += 1.0 / k;
        }
        return c;
    }
}
