package org.salientsi.methods.attention;

/**
 * Interval arithmetic on rows of probabilities (each row sums to 1, entries in {@code [0, 1]}), with
 * outward rounding: every computed bound is moved outward by {@value #SLACK} (absolute), far more than
 * the rounding of the sums of at most a few thousand terms in {@code [0, 1]} that the method computes, so
 * that the bounds contain the map as computed in floating point.
 */
final class RowSum {

    /** The absolute outward margin on every computed bound. */
    static final double SLACK = 1e-12;

    private RowSum() {
    }

    /** @return {@code x} moved down by the margin, not below 0 */
    static double down(double x) {
        return Math.max(0.0, x - SLACK);
    }

    /** @return {@code x} moved up by the margin, not above 1 plus the margin */
    static double up(double x) {
        return Math.min(1.0 + SLACK, x + SLACK);
    }

    /**
     * Tightens the bounds of a row that sums to 1: entry {@code j} is 1 minus the others, so at least
     * {@code 1 - sum of the others' upper bounds} and at most {@code 1 - sum of their lower bounds}.
     *
     * @param lower the row's lower bounds (entries in {@code [0, 1]}), tightened in place
     * @param upper the row's upper bounds, tightened in place
     * @param from the row's first index
     * @param n the row's length
     */
    static void tighten(double[] lower, double[] upper, int from, int n) {
        double sumLo = 0;
        double sumHi = 0;
        for (int j = from; j < from + n; j++) {
            sumLo += lower[j];
            sumHi += upper[j];
        }
        for (int j = from; j < from + n; j++) {
            double l = lower[j];
            double u = upper[j];
            lower[j] = down(Math.max(l, 1.0 - (sumHi - u)));
            upper[j] = up(Math.min(u, 1.0 - (sumLo - l)));
        }
    }

    /**
     * Rows renormalised to sum 1: {@code out[i][j] = x[i][j] / sum_k x[i][k]}.
     *
     * @param x non-negative {@code n x n} values (row-major) whose rows have a positive sum
     * @param n the size
     * @param out receives the renormalised rows (may be {@code x})
     */
    static void normalise(double[] x, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += x[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                out[i * n + j] = x[i * n + j] / s;
            }
        }
    }

    /**
     * Bounds of rows renormalised to sum 1, when each entry of {@code x} lies in {@code [lower, upper]}
     * (non-negative): \( x_j / (x_j + \sum_{k \ne j} x_k) \) increases with \( x_j \) and decreases with the
     * others, so its lowest value is at \( x_j \) low and the others high, its highest the other way.
     *
     * @param lower lower bounds, {@code n x n}, non-negative; receives the renormalised lower bounds
     * @param upper upper bounds, {@code n x n}; receives the renormalised upper bounds
     * @param n the size (every row's lower bounds must have a positive sum)
     * @param rowLo scratch of {@code n} values
     * @param rowHi scratch of {@code n} values
     */
    static void normaliseBounds(double[] lower, double[] upper, int n, double[] rowLo, double[] rowHi) {
        for (int i = 0; i < n; i++) {
            double sumLo = 0;
            double sumHi = 0;
            for (int j = 0; j < n; j++) {
                rowLo[j] = lower[i * n + j];
                rowHi[j] = upper[i * n + j];
                sumLo += rowLo[j];
                sumHi += rowHi[j];
            }
            for (int j = 0; j < n; j++) {
                double l = rowLo[j];
                double u = rowHi[j];
                lower[i * n + j] = down(l / (l + Math.max(0.0, sumHi - u)));
                upper[i * n + j] = up(u / (u + Math.max(0.0, sumLo - l)));
            }
            tighten(lower, upper, i * n, n);
        }
    }
}
