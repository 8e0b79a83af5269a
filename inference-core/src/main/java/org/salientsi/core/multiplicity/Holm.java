package org.salientsi.core.multiplicity;

import org.salientsi.api.error.InvalidValueException;

/**
 * Holm's step-down adjusted p-values (Holm, "A simple sequentially rejective multiple test procedure", Scand. J.
 * Statist. 6, 1979), as R's {@code p.adjust(p, "holm")}: with the {@code m} p-values sorted ascending,
 * \( \tilde p_{(i)} = \max_{j \le i} \min(1, (m - j + 1)\, p_{(j)}) \). Rejecting every hypothesis whose adjusted
 * p-value is at most alpha controls the family-wise error rate at alpha under any dependence between the tests.
 */
public final class Holm {

    private Holm() {
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
        double running = 0;
        for (int rank = 1; rank <= m; rank++) {
            int i = order[rank - 1];
            running = Math.max(running, Math.min(1, p[i] * (m - rank + 1)));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
