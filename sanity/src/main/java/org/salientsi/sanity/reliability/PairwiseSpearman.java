package org.salientsi.sanity.reliability;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's rank correlation (Pearson on average ranks, Commons Math) over the pairs where both
 * values are present. Stateless.
 */
public final class PairwiseSpearman {

    private PairwiseSpearman() {
    }

    /**
     * @param x first sample ({@code NaN} missing)
     * @param y second sample, same length
     * @return rho over the complete pairs, or {@code NaN} with fewer than 3 pairs or a constant sample
     */
    public static double rho(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[k] = x[i];
                b[k++] = y[i];
            }
        }
        if (constant(a) || constant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    /**
     * @param v values
     * @return whether every value equals the first (true for an empty array)
     */
    public static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param values correlations ({@code NaN} skipped)
     * @return their arithmetic mean, or {@code NaN} if none is defined
     */
    public static double mean(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * @param values correlations ({@code NaN} skipped)
     * @return {@code tanh(mean(atanh(rho)))}, with rho clipped to +-(1 - 1e-12)
     */
    public static double fisherMean(double[] values) {
        double s = 0;
        int n = 0;
        double lim = 1 - 1e-12;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                double r = Math.max(-lim, Math.min(lim, v));
                s += 0.5 * Math.log((1 + r) / (1 - r));
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.tanh(s / n);
    }
}
