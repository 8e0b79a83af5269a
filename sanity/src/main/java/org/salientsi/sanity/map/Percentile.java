package org.salientsi.sanity.map;

import java.util.Arrays;
import org.salientsi.api.error.InvalidValueException;

/**
 * Percentiles with linear interpolation between order statistics, as {@code numpy.percentile}'s
 * default: position {@code p/100 (n - 1)} in the sorted values. Stateless.
 */
public final class Percentile {

    private Percentile() {
    }

    /**
     * @param values the sample (not modified)
     * @param p percentile in [0, 100]
     * @return the interpolated percentile
     * @throws InvalidValueException on an empty sample or p outside [0, 100]
     */
    public static double of(double[] values, double p) {
        if (values.length == 0 || !(p >= 0 && p <= 100)) {
            throw InvalidValueException.of("percentile %s of %d values is undefined", p, values.length);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return sortedQuantile(s, p / 100.0);
    }

    /**
     * @param sorted values in ascending order, at least one
     * @param q quantile in [0, 1]
     * @return the linearly interpolated quantile
     */
    public static double sortedQuantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
