package org.salientsi.core.multiplicity;

import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/** The ascending order of a family of p-values, the first step of every step-up and step-down adjustment. */
final class PValueOrder {

    private PValueOrder() {
    }

    /**
     * @param p p-values in [0, 1], in any order
     * @return indices into {@code p} sorted by ascending p-value (ties in index order)
     * @throws InvalidValueException if a value is not in [0, 1]
     */
    static Integer[] ascending(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw InvalidValueException.of("p-value %d is not in [0, 1]: %s", i, p[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        return order;
    }
}
