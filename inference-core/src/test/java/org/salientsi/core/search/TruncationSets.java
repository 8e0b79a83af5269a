package org.salientsi.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.salientsi.api.interval.IntervalSet;

/**
 * Compares truncation sets up to rounding, as the incremental search must match the full-pass one:
 * once intervals and gaps narrower than the tolerance are merged away (two computations of one root may
 * land on either side of a point and leave a sliver), both sets have the same intervals and each end
 * agrees within {@code tol * max(1, |end|)}.
 */
public final class TruncationSets {

    private TruncationSets() {
    }

    /**
     * @param actual a set
     * @param expected the reference set
     * @param tol relative tolerance of the ends
     * @param what label for failures
     */
    public static void assertSame(IntervalSet actual, IntervalSet expected, double tol, String what) {
        assertSame(actual, expected, tol, 1, what);
    }

    /**
     * As {@link #assertSame(IntervalSet, IntervalSet, double, String)} with ends that agree within
     * {@code tol * max(scale, |end|)} (for example {@code scale = sigma_T}).
     *
     * @param actual a set
     * @param expected the reference set
     * @param tol relative tolerance of the ends
     * @param scale the smallest magnitude the tolerance is relative to, {@code > 0}
     * @param what label for failures
     */
    public static void assertSame(IntervalSet actual, IntervalSet expected, double tol, double scale, String what) {
        double[] x = normalised(actual, tol, scale);
        double[] y = normalised(expected, tol, scale);
        assertThat(x.length).as("%s: intervals of %s and %s", what, actual, expected).isEqualTo(y.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(x[i] - y[i])).as("%s: end %d of %s and %s", what, i, actual, expected)
                    .isLessThanOrEqualTo(tol * Math.max(scale, Math.abs(y[i])));
        }
    }

    /**
     * @param actual a set
     * @param expected the reference set
     * @param tol relative tolerance
     * @return the largest difference of matching ends relative to {@code max(1, |end|)}, or infinity when
     *     the sets have different numbers of intervals after merging slivers
     */
    public static double difference(IntervalSet actual, IntervalSet expected, double tol) {
        double[] x = normalised(actual, tol, 1);
        double[] y = normalised(expected, tol, 1);
        if (x.length != y.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(y[i])));
        }
        return worst;
    }

    /** The ends of a set with intervals and gaps narrower than {@code tol max(scale, |end|)} removed. */
    private static double[] normalised(IntervalSet s, double tol, double scale) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            double lo = s.lower(i);
            double hi = s.upper(i);
            if (hi - lo <= tol * Math.max(scale, Math.abs(lo))) {
                continue;
            }
            if (!out.isEmpty() && lo - out.get(out.size() - 1)[1] <= tol * Math.max(scale, Math.abs(lo))) {
                out.get(out.size() - 1)[1] = hi;
            } else {
                out.add(new double[] {lo, hi});
            }
        }
        double[] ends = new double[2 * out.size()];
        for (int i = 0; i < out.size(); i++) {
            ends[2 * i] = out.get(i)[0];
            ends[2 * i + 1] = out.get(i)[1];
        }
        return ends;
    }
}
