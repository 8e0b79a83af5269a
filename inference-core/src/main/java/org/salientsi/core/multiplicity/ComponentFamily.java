package org.salientsi.core.multiplicity;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.result.ComponentTests;

/**
 * The family of per-component hypotheses that one false-discovery-rate adjustment covers: every tested component
 * of the given results (one image's in {@code test}, all images' in {@code batch}), each with its valid p-value
 * (the upper bound {@code p_bounds[1]}, equal to {@code selective_p} after an exhaustive search). Components too
 * small to test and images with nothing to test are not hypotheses.
 */
public final class ComponentFamily {

    private ComponentFamily() {
    }

    /**
     * @param results the results, in any order
     * @param method the adjustment
     * @return the results in the same order, their tested components carrying {@code fdr_p} over the whole family
     */
    public static List<ComponentTests> adjust(List<ComponentTests> results, FdrMethod method) {
        int m = 0;
        for (ComponentTests r : results) {
            m += r.testedPValues().length;
        }
        double[] all = new double[m];
        int k = 0;
        for (ComponentTests r : results) {
            for (double p : r.testedPValues()) {
                all[k++] = p;
            }
        }
        double[] adjusted = method.adjust(all);
        List<ComponentTests> out = new ArrayList<>(results.size());
        k = 0;
        for (ComponentTests r : results) {
            int n = r.testedPValues().length;
            double[] mine = new double[n];
            System.arraycopy(adjusted, k, mine, 0, n);
            k += n;
            out.add(r.withFdr(mine, method.label(), method.note()));
        }
        return out;
    }
}
